"""Two web processes behind one load balancer serve one shopper as if they were one.

Two gunicorn processes of the store (production settings, gunicorn.conf.py, ports A
and B) share the PostgreSQL test database and a Redis database, and talk to the
session's sandbox. One `requests.Session` plays the shopper's browser behind a TLS
load balancer: it sends the public Host and X-Forwarded-Proto, and alternates
between the processes. Whatever one process learns (the sign-in, the basket, failed
sign-ins) the other must know: anything kept in process memory would fail here.

Needs DATABASE_URL on PostgreSQL and REDIS_URL (as .ci/run sets them).
"""

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
import requests
from allauth.account.models import EmailAddress
from django.db import connection

from sevendigital import Client as ApiClient
from tests.conftest import free_port, stop
from tests.deploy import support
from tests.skips import needs_postgres, needs_redis

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.live_sandbox,
    pytest.mark.django_db(transaction=True),  # the processes must see committed rows
    needs_postgres,
    needs_redis,
]

PUBLIC_HOST = support.PRODUCTION_HOST
REDIS_DB = 13  # this test's own Redis database, emptied before and after
PASSWORD = "tuneful-Otter-42"
FAILURES_ALLOWED = 5  # settings.ACCOUNT_RATE_LIMITS["login_failed"]: 5 a key in 5 min
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
BADGE = re.compile(r'<span class="badge"[^>]*>(\d+)</span>')


def _test_database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def _own_redis_url() -> str:
    base = os.environ["REDIS_URL"].rsplit("/", 1)[0] if "//" in os.environ["REDIS_URL"] else ""
    return f"{base}/{REDIS_DB}"


def _wait_until_up(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"web process exited:\n{log.read_text()[-3000:]}")
        try:
            requests.get(f"{url}/healthz", headers={"Host": PUBLIC_HOST}, timeout=5)
            return
        except requests.ConnectionError:
            time.sleep(0.3)
    raise RuntimeError(f"web process did not answer on {url}:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="module")
def web(django_db_setup, django_db_blocker, sandbox_server, tmp_path_factory) -> Iterator[list]:
    """Base URLs of two gunicorn processes of the store, production settings, one DB."""
    var_dir = support.shared_var_dir(tmp_path_factory)
    support.collected_static(var_dir)
    redis_url = _own_redis_url()
    redis.Redis.from_url(redis_url).flushdb()
    with django_db_blocker.unblock():
        database_url = _test_database_url()
    env = support.production_env(
        var_dir,
        ALLOWED_HOSTS=PUBLIC_HOST,
        DATABASE_URL=database_url,
        DB_CONN_MAX_AGE="0",  # no idle connection left to block the test DB's teardown
        REDIS_URL=redis_url,
        CELERY_BROKER_URL=redis_url,
        SEVENDIGITAL_API_URL=sandbox_server.api_url,
        SEVENDIGITAL_CONSUMER_KEY=sandbox_server.consumer_key,
        SEVENDIGITAL_CONSUMER_SECRET=sandbox_server.consumer_secret,
        ACCOUNT_EMAIL_VERIFICATION="optional",
        WEB_CONCURRENCY="1",
        GUNICORN_THREADS="2",
    )
    logs_dir = tmp_path_factory.mktemp("web-logs")
    processes, urls = [], []
    try:
        for name in ("a", "b"):
            port, log = free_port(), logs_dir / f"web-{name}.log"
            command = [sys.executable, "-m", "gunicorn", "storefront.wsgi"]
            with log.open("w") as output:
                processes.append(
                    subprocess.Popen(
                        [*command, "--config", "gunicorn.conf.py"],
                        cwd=support.ROOT,
                        env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
                        stdout=output,
                        stderr=subprocess.STDOUT,
                    )
                )
            urls.append(f"http://127.0.0.1:{port}")
            _wait_until_up(urls[-1], processes[-1], log)
        yield urls
    finally:
        for process in processes:
            stop(process, seconds=30)
        redis.Redis.from_url(redis_url).flushdb()


class Browser:
    """One shopper's browser, reaching the processes through a TLS load balancer: the
    public Host and X-Forwarded-Proto on every request, cookies kept like a browser
    keeps them for the https site (the load balancer's hop to a process is plain HTTP)."""

    def __init__(self) -> None:
        self.http = requests.Session()
        self.http.headers.update({"Host": PUBLIC_HOST, "X-Forwarded-Proto": "https"})

    def _sent(self, response: requests.Response) -> requests.Response:
        for cookie in self.http.cookies:
            cookie.secure = False  # set for https://shop.example.com: sent on every hop
        return response

    def get(self, base: str, path: str) -> requests.Response:
        return self._sent(self.http.get(base + path, allow_redirects=False, timeout=20))

    def post_form(self, base: str, path: str, data: dict, *, form_page: str) -> requests.Response:
        """POST as the form on `form_page` (same process) does: its CSRF token, Origin."""
        page = self.get(base, form_page)
        token = CSRF_FIELD.search(page.text).group(1)
        headers = {"Origin": f"https://{PUBLIC_HOST}", "Referer": f"https://{PUBLIC_HOST}/"}
        response = self.http.post(
            base + path,
            data={**data, "csrfmiddlewaretoken": token},
            headers=headers,
            allow_redirects=False,
            timeout=20,
        )
        return self._sent(response)

    def sign_in(self, base: str, email: str, password: str) -> requests.Response:
        data = {"login": email, "password": password}
        return self.post_form(base, "/accounts/login/", data, form_page="/accounts/login/")


@pytest.fixture(autouse=True)
def _production_hashers(settings):
    """Passwords hashed as the processes hash them (the test settings' MD5 is unknown there)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]


def make_shopper(django_user_model, name: str):
    email = f"{name}-{os.getpid()}@example.com"
    user = django_user_model.objects.create_user(username=email, email=email, password=PASSWORD)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def release_on_sale(sandbox_server) -> int:
    """A release the sandbox sells in GB at a price."""
    api = ApiClient(
        base_url=sandbox_server.api_url,
        consumer_key=sandbox_server.consumer_key,
        consumer_secret=sandbox_server.consumer_secret,
        country="GB",
    )
    for entry in api.get_release_chart(page_size=20, country="GB"):
        release = api.get_release_details(release_id=entry.release.id, country="GB")
        if release.packages and release.packages[0].price:
            return release.id
    raise AssertionError("the sandbox has no priced release in GB")


def test_signed_in_on_one_process_is_signed_in_on_the_other(web, django_user_model):
    """The session made by process A's sign-in is the one process B reads."""
    a, b = web
    shopper = make_shopper(django_user_model, "two-processes")
    browser = Browser()
    signed_in = browser.sign_in(a, shopper.email, PASSWORD)
    assert signed_in.status_code == 302, signed_in.text[:500]
    account = browser.get(b, "/accounts/")
    assert account.status_code == 200
    assert shopper.email in account.text


def test_the_basket_filled_on_one_process_shows_on_the_other(
    web, django_user_model, sandbox_server
):
    """An item added through process A is counted in process B's basket badge."""
    a, b = web
    shopper = make_shopper(django_user_model, "two-baskets")
    browser = Browser()
    assert browser.sign_in(b, shopper.email, PASSWORD).status_code == 302
    release_id = release_on_sale(sandbox_server)
    page = f"/release/{release_id}/"
    added = browser.post_form(a, "/basket/add/", {"release_id": release_id}, form_page=page)
    assert added.status_code == 302, added.text[:500]
    badge = BADGE.search(browser.get(b, "/basket/").text)
    assert badge is not None
    assert badge.group(1) == "1"


def test_failed_sign_ins_are_counted_across_processes(web, django_user_model):
    """Failures spread over A and B add up: then the right password is refused on both."""
    a, b = web
    shopper = make_shopper(django_user_model, "two-throttles")
    browser = Browser()
    for attempt in range(FAILURES_ALLOWED):
        failed = browser.sign_in((a, b)[attempt % 2], shopper.email, "wrong-password")
        assert failed.status_code == 200
        assert "Too many failed login attempts" not in failed.text
    for process in (a, b):
        refused = browser.sign_in(process, shopper.email, PASSWORD)
        assert refused.status_code == 200
        assert "Too many failed login attempts" in refused.text
