"""storefront/csp.py: the shop's policy, kept between responses no view changed, and
built afresh for those a view, a nonce or a setting did change."""

import pytest
from csp.constants import HEADER, NONCE
from csp.decorators import csp_exempt, csp_update
from django.http import HttpResponse
from django.test import RequestFactory

from storefront.csp import StoreCSPMiddleware

REAL_API = "https://api.7digital.com/1.2"


@pytest.fixture(autouse=True)
def _nothing_kept():
    StoreCSPMiddleware._plain_headers = None
    yield
    StoreCSPMiddleware._plain_headers = None


def respond(view, status: int = 200, path: str = "/") -> HttpResponse:
    """A GET through the middleware with `view` as the rest of the stack."""
    request = RequestFactory().get(path)
    middleware = StoreCSPMiddleware(lambda request: view(request, status))
    return middleware(request)


def plain(request, status):
    return HttpResponse("page", status=status)


@csp_update({"img-src": ["https://cdn.example"]})
def changed(request, status):
    return HttpResponse("page", status=status)


@csp_exempt()
def exempt(request, status):
    return HttpResponse("page", status=status)


def with_nonce(request, status):
    return HttpResponse(f"<script nonce={request.csp_nonce}>", status=status)


def directive(response, name: str) -> str:
    return next(part for part in response[HEADER].split("; ") if part.startswith(name + " "))


def test_a_kept_policy_is_the_one_django_csp_builds():
    built = respond(plain, status=404)[HEADER]  # not kept: built by django-csp for it
    assert respond(plain)[HEADER] == built
    assert respond(plain)[HEADER] == built  # from the kept copy


def test_a_views_change_applies_to_its_response_only():
    before = respond(plain)[HEADER]
    assert "https://cdn.example" in directive(respond(changed), "img-src")
    assert respond(plain)[HEADER] == before
    assert HEADER not in respond(exempt)
    assert respond(plain)[HEADER] == before


def test_a_first_response_with_a_change_is_not_what_others_get():
    changed_first = respond(changed)[HEADER]
    assert "https://cdn.example" not in respond(plain)[HEADER] != changed_first


def test_a_nonce_is_in_its_own_responses_policy_only(settings):
    policy = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    scripts = {"script-src": [*policy["script-src"], NONCE]}
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {**policy, **scripts}}
    assert "nonce-" not in respond(plain)[HEADER]  # kept
    response = respond(with_nonce)
    nonce = response.content.decode().split("nonce=")[1].rstrip(">")
    assert f"'nonce-{nonce}'" in directive(response, "script-src")
    assert "nonce-" not in respond(plain)[HEADER]


def test_the_kept_policy_follows_a_changed_setting(settings):
    assert "https://artwork-cdn.7static.com" not in respond(plain)[HEADER]
    settings.SEVENDIGITAL_API_URL = REAL_API
    assert "https://artwork-cdn.7static.com" in directive(respond(plain), "img-src")


def test_a_nonce_asked_for_after_the_header_is_written_is_an_error():
    for _ in range(2):  # built, then kept
        request = RequestFactory().get("/")
        StoreCSPMiddleware(lambda request: HttpResponse("page"))(request)
        with pytest.raises(Exception, match="not available after the CSP header"):
            str(request.csp_nonce)


def test_debug_error_pages_keep_django_csps_exemption(settings):
    settings.DEBUG = True
    assert HEADER in respond(plain)  # kept
    assert HEADER not in respond(plain, status=404)  # Django's debug page needs its inline code


def test_excluded_paths_are_looked_at_per_request(settings):
    policy = {**settings.CONTENT_SECURITY_POLICY, "EXCLUDE_URL_PREFIXES": ["/embed/"]}
    settings.CONTENT_SECURITY_POLICY = policy
    assert HEADER in respond(plain)
    assert HEADER not in respond(plain, path="/embed/player/")
    assert HEADER in respond(plain)
