"""GET /healthz: database, cache, broker and API, each ok/error with its latency;
200 when all are ok, 503 otherwise; no secrets; the API asked at most once a period."""

import re
import socket
import time

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.urls import reverse

from storefront import api as store_api
from storefront import health
from storefront.celery_app import app as celery_app
from tests.conftest import free_port

pytestmark = pytest.mark.django_db

CHECKS = {"database", "cache", "broker", "api"}


@pytest.fixture(autouse=True)
def _no_kept_api_result(monkeypatch):
    monkeypatch.setattr(store_api, "_answered_noted", 0.0)
    cache.delete_many([health.API_RESULT_KEY, store_api.api_key(store_api.API_ANSWERED_KEY)])
    yield
    cache.delete_many([health.API_RESULT_KEY, store_api.api_key(store_api.API_ANSWERED_KEY)])


@pytest.fixture
def api(settings, sandbox_server):
    """The store pointed at the live sandbox."""
    settings.SEVENDIGITAL_API_URL = sandbox_server.api_url
    settings.SEVENDIGITAL_CONSUMER_KEY = sandbox_server.consumer_key
    settings.SEVENDIGITAL_CONSUMER_SECRET = sandbox_server.consumer_secret
    return sandbox_server


@pytest.fixture
def api_down(settings):
    """The API's address refuses connections."""
    settings.SEVENDIGITAL_API_URL = f"http://127.0.0.1:{free_port()}/1.2"


@pytest.fixture
def api_silent(settings):
    """The API accepts connections and never answers."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        settings.SEVENDIGITAL_API_URL = f"http://127.0.0.1:{listener.getsockname()[1]}/1.2"
        yield


def get_health(client):
    response = client.get(reverse("healthz"))
    return response, response.json()


def test_the_url_is_healthz():
    """Load balancers are configured with /healthz."""
    assert reverse("healthz") == "/healthz"


def test_all_ok_is_200(client, api):
    """With the database, cache, broker and sandbox up, every check is ok: 200."""
    response, body = get_health(client)
    assert response.status_code == 200
    assert body["status"] == "ok"
    assert set(body["checks"]) == CHECKS
    for check in body["checks"].values():
        assert check["status"] == "ok"
        assert check["latency_ms"] >= 0


def test_an_unreachable_api_is_503(client, api_down):
    """The API refusing connections makes the answer 503, the other checks still ok."""
    response, body = get_health(client)
    assert response.status_code == 503
    assert body["status"] == "error"
    assert body["checks"]["api"]["status"] == "error"
    assert body["checks"]["api"]["error"] == "TransportError"
    assert {name for name, check in body["checks"].items() if check["status"] == "ok"} == {
        "database",
        "cache",
        "broker",
    }


def test_a_silent_api_fails_within_the_timeout(client, api_silent):
    """An API that never answers is reported after ~2 s, not the client's usual 5 s."""
    started = time.monotonic()
    response, body = get_health(client)
    assert response.status_code == 503
    assert body["checks"]["api"]["status"] == "error"
    assert time.monotonic() - started < health.API_TIMEOUT_SECONDS + 1.5


def test_a_dead_broker_is_503(client, api, monkeypatch):
    """A broker that refuses connections is reported, quickly, as an error."""
    dead = f"redis://127.0.0.1:{free_port()}/0"
    monkeypatch.setenv("CELERY_BROKER_URL", dead)  # Celery reads it before its settings
    monkeypatch.setattr(celery_app.conf, "broker_url", dead)
    started = time.monotonic()
    response, body = get_health(client)
    assert response.status_code == 503
    assert body["checks"]["broker"]["status"] == "error"
    assert body["checks"]["api"]["status"] == "ok"
    assert time.monotonic() - started < 2 * health.BROKER_TIMEOUT_SECONDS + 1.5


def test_a_failing_database_is_503(client, api, monkeypatch):
    """A database error is reported as the database check's error."""
    from django.db import OperationalError, connection

    def refuse():
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    response, body = get_health(client)
    assert response.status_code == 503
    assert body["checks"]["database"] == {
        "status": "error",
        "error": "OperationalError",
        "latency_ms": body["checks"]["database"]["latency_ms"],
    }


def test_the_api_is_asked_once_per_period(client, api, monkeypatch):
    """A second poll within HEALTH_API_CHECK_SECONDS reuses the first API result."""
    calls = []
    real_probe = health.probe_api
    monkeypatch.setattr(health, "probe_api", lambda: calls.append(1) or real_probe())
    _, first = get_health(client)
    _, second = get_health(client)
    assert len(calls) == 1
    assert "cached" not in first["checks"]["api"]
    assert second["checks"]["api"]["cached"] is True
    assert second["checks"]["api"]["status"] == "ok"


def test_the_api_is_asked_again_after_the_period(client, api, settings, monkeypatch):
    """Once the kept result expires, the next poll calls the API again."""
    settings.HEALTH_API_CHECK_SECONDS = 1
    calls = []
    monkeypatch.setattr(health, "probe_api", lambda: calls.append(1))
    get_health(client)
    time.sleep(1.1)
    get_health(client)
    assert len(calls) == 2


def test_a_store_call_the_api_answered_spares_the_check_its_own(client, api, monkeypatch):
    """While shoppers keep the API busy, health reuses that evidence and calls nothing."""
    store_api.reset_client()  # the process's session, with its hook, sends the call
    store_api.get_client().get_countries()
    calls = []
    monkeypatch.setattr(health, "probe_api", lambda: calls.append(1))
    _, body = get_health(client)
    assert body["checks"]["api"] == {"status": "ok", "seen": "store"}
    assert calls == []


@pytest.mark.parametrize("status", [429, 500, 503])
def test_a_failing_answer_is_no_evidence(status, client, api_down, monkeypatch):
    """A 5xx or 429 from the API does not count as it being up: the check calls."""
    answer = type("Answer", (), {"status_code": status})()
    store_api.note_api_answer(answer)
    assert cache.get(store_api.api_key(store_api.API_ANSWERED_KEY)) is None
    response, body = get_health(client)
    assert response.status_code == 503
    assert body["checks"]["api"]["status"] == "error"


def test_the_answer_holds_no_secrets(client, api_down, settings):
    """Only statuses, latencies and exception class names: no keys, URLs or messages."""
    response, body = get_health(client)
    text = response.content.decode()
    for secret in (
        settings.SEVENDIGITAL_CONSUMER_SECRET,
        settings.SEVENDIGITAL_CONSUMER_KEY,
        settings.SECRET_KEY,
        settings.SEVENDIGITAL_API_URL,
        "127.0.0.1",
    ):
        assert secret not in text
    for check in body["checks"].values():
        assert set(check) <= {"status", "latency_ms", "error", "cached"}
        assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", check.get("error", "ok"))


def test_polls_leave_no_session_behind(client, api):
    """A poller without cookies gets no session cookie and no session row."""
    response, _ = get_health(client)
    assert "sessionid" not in response.cookies
    assert Session.objects.count() == 0


def test_the_answer_is_never_cached(client, api):
    """Proxies and browsers must not keep a health answer."""
    response, _ = get_health(client)
    assert "no-store" in response["Cache-Control"]
