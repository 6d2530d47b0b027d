"""Production settings (DEBUG off): secrets required, `check --deploy` clean, static files
collected and served by WhiteNoise, security headers, secure cookies and the CSP.

Start-up, checks and static files run in subprocesses with a production environment
(tests/deploy/support.py). Header tests take the security values a production process
computes and apply them to this process's settings, then request pages in-process.
"""

import base64
import hashlib
import json
import re

import pytest
from django.test import Client

from storefront import health
from tests.deploy import support

SECURITY_SETTINGS = [
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_REDIRECT_EXEMPT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SECURE",
    "X_FRAME_OPTIONS",
    "CONTENT_SECURITY_POLICY",
    "MIDDLEWARE",
    "SEVENDIGITAL_API_URL",
]
SANDBOX_ORIGIN = "http://127.0.0.1:8001"
HTTPS = {"HTTP_X_FORWARDED_PROTO": "https"}  # what the TLS-terminating proxy adds
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.DOTALL)


@pytest.fixture(scope="module")
def production_values(tmp_path_factory) -> dict:
    values = support.production_settings(tmp_path_factory.mktemp("prod"), SECURITY_SETTINGS)
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


@pytest.fixture
def production(settings, production_values, monkeypatch, tmp_path) -> Client:
    """A test client of this process running with production's security settings."""
    for name, value in production_values.items():
        setattr(settings, name, value)
    settings.ALLOWED_HOSTS = [support.PRODUCTION_HOST]
    settings.STATIC_ROOT = tmp_path  # WhiteNoise wants the folder to exist
    # The territory switcher would ask the API for country names: not here.
    return Client(HTTP_HOST=support.PRODUCTION_HOST)


def csp_directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {name: sources for name, *sources in parts}


# --- Start-up --------------------------------------------------------------------------


@pytest.mark.parametrize("secret", ["SECRET_KEY", "TOKEN_ENCRYPTION_KEY"])
def test_production_refuses_to_start_without_a_secret(tmp_path, secret):
    """With DEBUG off and a secret missing, importing the settings fails and says which."""
    env = support.without(support.production_env(tmp_path), secret)
    result = support.python(env, "import storefront.settings.production")
    assert result.returncode != 0
    assert f"{secret} must be set in production" in result.stderr


def test_production_is_not_in_debug_unless_told(tmp_path):
    """A deploy that forgets DEBUG does not run in debug."""
    env = support.without(support.production_env(tmp_path), "DEBUG")
    result = support.python(env, "import storefront.settings.production as s; print(s.DEBUG)")
    assert result.stdout.strip() == "False", result.stderr


def test_development_starts_without_secrets(tmp_path):
    """The local settings stand in development defaults for the secrets."""
    env = support.production_env(tmp_path, DJANGO_SETTINGS_MODULE="storefront.settings.local")
    env = support.without(env, "SECRET_KEY", "TOKEN_ENCRYPTION_KEY", "DEBUG")
    result = support.python(env, "import storefront.settings.local as s; print(s.DEBUG)")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_check_deploy_is_clean(tmp_path):
    """`manage.py check --deploy --fail-level WARNING` passes in production."""
    result = support.manage(
        support.production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


# --- Static files ------------------------------------------------------------------------


def test_collectstatic_builds_a_compressed_manifest(tmp_path_factory):
    """collectstatic writes hashed names, a manifest and gzip copies for WhiteNoise."""
    static_root = support.collected_static(support.shared_var_dir(tmp_path_factory))
    manifest = json.loads((static_root / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/store.css"]
    assert re.fullmatch(r"css/store\.[0-9a-f]{12}\.css", hashed)
    assert (static_root / hashed).exists()
    assert (static_root / f"{hashed}.gz").exists()


def test_whitenoise_serves_hashed_files_for_a_year(tmp_path_factory):
    """A production process serves a hashed static file itself, cacheable forever."""
    var_dir = support.shared_var_dir(tmp_path_factory)
    support.collected_static(var_dir)
    code = (
        "import django, json; django.setup(); "
        "from django.templatetags.static import static; from django.test import Client; "
        "url = static('css/store.css'); "
        "r = Client().get(url, HTTP_HOST='shop.example.com', HTTP_X_FORWARDED_PROTO='https'); "
        "print(json.dumps([url, r.status_code, r.headers.get('Cache-Control', '')]))"
    )
    result = support.python(support.production_env(var_dir), code)
    assert result.returncode == 0, result.stderr
    url, status, cache_control = json.loads(result.stdout.splitlines()[-1])
    assert re.fullmatch(r"/static/css/store\.[0-9a-f]{12}\.css", url)
    assert status == 200
    assert "max-age=315360000" in cache_control
    assert "immutable" in cache_control


# --- Security headers and cookies ----------------------------------------------------------


@pytest.mark.django_db
def test_https_pages_carry_the_security_headers(production):
    """HSTS (with subdomains and preload), nosniff, referrer policy, DENY framing, CSP."""
    response = production.get("/accounts/login/", **HTTPS)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert csp_directives(response)["frame-ancestors"] == ["'none'"]


@pytest.mark.django_db
def test_cookies_are_secure_in_production(production, django_user_model):
    """Session, CSRF and territory cookies are sent over HTTPS only; the session's and
    the territory's are HttpOnly. (A first visit gets no session: signing in makes one.)"""
    page = production.get("/accounts/login/", **HTTPS)
    assert page.cookies["csrftoken"]["secure"]
    assert "sessionid" not in page.cookies
    email = "secure-cookies@example.com"
    django_user_model.objects.create_user(email, email, "tuneful-Otter-42")
    signed_in = production.post(
        "/accounts/login/", {"login": email, "password": "tuneful-Otter-42"}, **HTTPS
    )
    session = signed_in.cookies["sessionid"]
    assert session["secure"] and session["httponly"]
    chosen = production.post("/territory/", {"country": "US", "next": "/"}, **HTTPS)
    territory = chosen.cookies["territory"]
    assert territory["secure"] and territory["httponly"]


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https(production):
    """A request that reached the proxy over HTTP is sent to the HTTPS address."""
    response = production.get("/accounts/login/")
    assert response.status_code == 301
    assert response["Location"] == f"https://{support.PRODUCTION_HOST}/accounts/login/"


@pytest.mark.django_db
def test_the_health_check_answers_over_plain_http(production, monkeypatch):
    """Load balancers poll /healthz over HTTP inside the network: no redirect."""
    monkeypatch.setattr(health, "run_checks", dict)
    response = production.get("/healthz")
    assert response.status_code == 200


# --- Content-Security-Policy ---------------------------------------------------------------


@pytest.mark.django_db
def test_csp_allows_the_shops_own_code_only(production):
    """Scripts, styles and requests: the shop's origin; no inline code, no eval, no plugins."""
    policy = csp_directives(production.get("/accounts/login/", **HTTPS))
    assert policy["default-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["connect-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    scripts = policy["script-src"]
    assert scripts[0] == "'self'"
    assert all(source.startswith("'sha256-") for source in scripts[1:])


@pytest.mark.django_db
def test_csp_allows_the_sandbox_media_host(production):
    """Cover art and previews from the sandbox's origin may load, and its forms be reached."""
    policy = csp_directives(production.get("/accounts/login/", **HTTPS))
    assert SANDBOX_ORIGIN in policy["img-src"]
    assert SANDBOX_ORIGIN in policy["media-src"]
    assert SANDBOX_ORIGIN in policy["form-action"]


@pytest.mark.django_db
def test_csp_follows_the_real_apis_media_hosts(production, settings):
    """Pointed at api.7digital.com, the policy allows 7digital's art and preview hosts."""
    settings.SEVENDIGITAL_API_URL = "https://api.7digital.com/1.2"
    policy = csp_directives(production.get("/accounts/login/", **HTTPS))
    assert "https://artwork-cdn.7static.com" in policy["img-src"]
    assert "https://previews.7digital.com" in policy["media-src"]
    assert "https://account.7digital.com" in policy["form-action"]
    assert SANDBOX_ORIGIN not in policy["img-src"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/signup/", "/basket/", "/nope/"])
def test_every_inline_script_is_allowed_by_its_hash(production, path):
    """Each inline <script> a page renders has its sha256 in script-src; no <style> blocks."""
    response = production.get(path, **HTTPS)
    html = response.content.decode()
    allowed = csp_directives(response)["script-src"]
    for body in INLINE_SCRIPT.findall(html):
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in allowed, f"inline script not in the CSP: {body[:80]}"
    assert "<style" not in html


@pytest.mark.django_db
def test_htmx_injects_no_indicator_styles(production):
    """htmx is told not to add its <style> element (the CSP would block it)."""
    html = production.get("/accounts/login/", **HTTPS).content.decode()
    config = re.search(r"<meta name=\"htmx-config\" content='([^']*)'", html)
    assert json.loads(config.group(1))["includeIndicatorStyles"] is False
