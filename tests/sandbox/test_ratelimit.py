"""Per-key daily rate limits: headers on every API response, 429 past the limit."""

import threading
import time

import pytest
from django.core.cache import cache
from django.test import override_settings
from lxml import etree

from sandbox import ratelimit
from sandbox.wire import KEY, el, operation
from tests.sandbox.oauth_support import make_consumer

pytestmark = [pytest.mark.django_db, pytest.mark.urls("sandbox.urls")]

PATH = "/1.2/tests/ratelimit/ping"
MIDNIGHT = 1_800_000_000 - 1_800_000_000 % ratelimit.WINDOW_SECONDS  # a UTC midnight


@operation("tests/ratelimit/ping", auth=KEY)
def ping(api):
    """Test-only operation answering a tiny payload."""
    return el("pong")


@pytest.fixture(autouse=True)
def fresh_counters():
    cache.clear()
    yield
    cache.clear()


def call(client, consumer):
    return client.get(PATH, {"oauth_consumer_key": consumer.key})


def test_every_response_carries_the_rate_limit_headers(client):
    """Limit, current count and seconds to reset come with a successful call."""
    consumer = make_consumer(rate_limit=50)
    response = call(client, consumer)
    assert response.status_code == 200
    assert response["X-RateLimit-Limit"] == "50"
    assert response["X-RateLimit-Current"] == "1"
    assert 0 < int(response["X-RateLimit-Reset"]) <= ratelimit.WINDOW_SECONDS


def test_each_call_counts_once(client):
    """The current count goes up by one per request."""
    consumer = make_consumer()
    counts = [call(client, consumer)["X-RateLimit-Current"] for _ in range(3)]
    assert counts == ["1", "2", "3"]


def test_past_the_limit_the_api_answers_429_with_retry_after(client, monkeypatch):
    """The request after the last allowed one gets a 429 error envelope and Retry-After."""
    monkeypatch.setattr(ratelimit, "now", lambda: MIDNIGHT + 3600)
    consumer = make_consumer(rate_limit=2)
    assert [call(client, consumer).status_code for _ in range(2)] == [200, 200]
    response = call(client, consumer)
    assert response.status_code == 429
    error = etree.fromstring(response.content).find("error")
    assert error.get("code") == "7001"
    assert response["Retry-After"] == str(ratelimit.WINDOW_SECONDS - 3600)
    assert response["X-RateLimit-Current"] == "3"


def test_reset_is_the_seconds_until_the_next_utc_midnight(monkeypatch):
    """X-RateLimit-Reset is relative: seconds left in the UTC day."""
    monkeypatch.setattr(ratelimit, "now", lambda: MIDNIGHT + 100.5)
    limit = ratelimit.hit(make_consumer())
    assert limit.reset_in == ratelimit.WINDOW_SECONDS - 100


def test_a_new_day_starts_a_new_count(monkeypatch):
    """The counter of yesterday does not carry over."""
    consumer = make_consumer(rate_limit=1)
    monkeypatch.setattr(ratelimit, "now", lambda: MIDNIGHT - 10)
    ratelimit.hit(consumer)
    assert ratelimit.hit(consumer).exceeded
    monkeypatch.setattr(ratelimit, "now", lambda: MIDNIGHT + 10)
    today = ratelimit.hit(consumer)
    assert (today.current, today.exceeded) == (1, False)


def test_keys_are_counted_separately():
    """One partner's traffic does not use up another's allowance."""
    busy, quiet = make_consumer(), make_consumer()
    for _ in range(3):
        ratelimit.hit(busy)
    assert ratelimit.hit(quiet).current == 1


def test_concurrent_requests_on_the_file_cache_are_all_counted(tmp_path):
    """The embedded default (no Redis): 8 threads x 50 requests count exactly 400."""
    file_cache = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    }
    consumer = make_consumer()
    with override_settings(CACHES=file_cache):

        def requests():
            for _ in range(50):
                ratelimit.hit(consumer)

        threads = [threading.Thread(target=requests) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert ratelimit.hit(consumer).current == 401


def test_a_count_on_the_file_cache_lasts_its_whole_day(tmp_path, monkeypatch):
    """Django's `incr` on the file cache writes the count back with the default timeout
    (300 s): a client that paused five minutes would have found its count back at 1."""
    file_cache = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    }
    consumer = make_consumer()
    monkeypatch.setattr(ratelimit, "now", lambda: MIDNIGHT + 100)  # the window: one day
    with override_settings(CACHES=file_cache):
        ratelimit.hit(consumer)
        assert ratelimit.hit(consumer).current == 2
        an_hour_on = time.time() + 3600
        monkeypatch.setattr(time, "time", lambda: an_hour_on)  # the cache's expiry clock
        assert ratelimit.hit(consumer).current == 3


def test_failed_authentication_is_not_counted(client):
    """Requests the OAuth layer refuses never reach the counter (there is no consumer)."""
    consumer = make_consumer()
    client.get(PATH, {"oauth_consumer_key": "7dnosuchkey1"})
    assert call(client, consumer)["X-RateLimit-Current"] == "1"


def test_an_unreachable_cache_lets_requests_through(monkeypatch):
    """The limit fails open: a cache outage must not take the sandbox API down."""

    def broken(*args, **kwargs):
        raise ConnectionError("cache is down")

    monkeypatch.setattr(ratelimit.cache, "add", broken)
    limit = ratelimit.hit(make_consumer(rate_limit=1))
    assert (limit.current, limit.exceeded) == (0, False)
