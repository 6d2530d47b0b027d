"""Retries: only catalogue reads, on 429/5xx/connection errors, capped, with jitter;
never for basket changes, purchases, delivery, user or card operations."""

from datetime import UTC, datetime

import pytest
import requests

from sevendigital import (
    OPERATIONS,
    InternalError,
    RateLimitedError,
    RetryPolicy,
    TransportError,
    UserToken,
)
from sevendigital.retry import parse_retry_after

from .fakes import BASKET_XML, RELEASE_XML, TOKEN_SECRET, envelope, error_envelope, make_client

USER = UserToken("user-access-token", TOKEN_SECRET)
UNAVAILABLE = error_envelope(9001, "An unexpected internal server error occurred")


def test_catalogue_read_is_retried_after_a_503():
    """A 503 on a catalogue read is retried after a jittered backoff."""
    h = make_client(retries=RetryPolicy(attempts=3, backoff=0.5, random=lambda: 1.0))
    h.adapter.reply(UNAVAILABLE, status=503).reply(RELEASE_XML)
    assert h.client.get_release_details(release_id=12).title == "Perfect Symmetry"
    assert len(h.adapter.sent) == 2
    assert h.sleeps == [0.5]


def test_retry_after_is_honoured_on_a_429():
    """A 429 is retried after exactly the Retry-After the API asked for."""
    h = make_client()
    h.adapter.reply(error_envelope(7001, "Rate limit"), 429, {"Retry-After": "2"})
    h.adapter.reply(RELEASE_XML)
    h.client.get_release_details(release_id=12)
    assert h.sleeps == [2.0]


def test_retries_are_capped_and_the_last_error_raised():
    """After the allowed attempts the error of the last answer is raised."""
    h = make_client(retries=2)
    for _ in range(3):
        h.adapter.reply(UNAVAILABLE, status=503)
    with pytest.raises(InternalError):
        h.client.get_artist_details(artist_id=1)
    assert len(h.adapter.sent) == 3
    assert len(h.sleeps) == 2


def test_connection_errors_are_retried_for_catalogue_reads():
    """A refused connection on a catalogue read is retried."""
    h = make_client()
    h.adapter.fail(requests.ConnectionError("refused")).reply(RELEASE_XML)
    assert h.client.get_release_details(release_id=12).id == 12
    assert len(h.adapter.sent) == 2


def test_long_retry_after_is_not_waited_for():
    """A Retry-After beyond the policy's limit raises RateLimitedError at once."""
    h = make_client()
    h.adapter.reply(error_envelope(7001, "Rate limit exceeded"), 429, {"Retry-After": "3600"})
    with pytest.raises(RateLimitedError) as caught:
        h.client.get_release_details(release_id=12)
    assert caught.value.retry_after == 3600
    assert caught.value.code == 7001
    assert h.sleeps == []


NEVER_RETRIED = [
    ("purchase_user_basket", {"token": USER, "basket_id": "b-1"}),
    ("add_basket_item", {"basket_id": "b-1", "release_id": 12}),
    ("deliver_user_item", {"token": USER, "release_id": 12}),
    ("purchase_user_item", {"token": USER, "release_id": 12, "price": "0.99"}),
    ("get_user_locker", {"token": USER}),
    ("list_user_payment_cards", {"token": USER}),
]


@pytest.mark.parametrize(("name", "kwargs"), NEVER_RETRIED, ids=[n for n, _ in NEVER_RETRIED])
def test_commerce_calls_are_not_retried_on_503(name, kwargs):
    """Purchases, basket changes, delivery, locker and cards are sent exactly once."""
    h = make_client()
    h.adapter.reply(UNAVAILABLE, status=503)
    with pytest.raises(InternalError):
        getattr(h.client, name)(**kwargs)
    assert len(h.adapter.sent) == 1
    assert h.sleeps == []


@pytest.mark.parametrize(("name", "kwargs"), NEVER_RETRIED, ids=[n for n, _ in NEVER_RETRIED])
def test_commerce_read_timeout_is_an_unknown_outcome_not_a_retry(name, kwargs):
    """A read timeout after sending a purchase is reported as outcome unknown, once."""
    h = make_client()
    h.adapter.fail(requests.ReadTimeout("read timed out"))
    with pytest.raises(TransportError) as caught:
        getattr(h.client, name)(**kwargs)
    assert caught.value.outcome_unknown is True
    assert len(h.adapter.sent) == 1


def test_connect_failure_is_a_known_outcome():
    """A connect timeout means the request was never sent: outcome is known."""
    h = make_client()
    h.adapter.fail(requests.ConnectTimeout("connect timed out"))
    with pytest.raises(TransportError) as caught:
        h.client.purchase_user_basket(token=USER, basket_id="b-1")
    assert caught.value.outcome_unknown is False


def test_commerce_operations_are_never_marked_retry_safe():
    """No basket, user, users or voucher operation is retry-safe in the table."""
    commerce_prefixes = ("basket", "user/", "users", "payment/voucher")
    for op in OPERATIONS.values():
        if op.path.startswith(commerce_prefixes):
            assert not op.retry_safe, op.name
            assert op.cache_ttl is None, op.name


def test_timeout_is_passed_on_every_request():
    """Every request, of every kind, carries the configured timeout."""
    h = make_client(timeout=(3.05, 7))
    h.adapter.reply(RELEASE_XML).reply(BASKET_XML)
    h.adapter.reply(envelope('<purchase id="1"/>')).reply("oauth_token=a&oauth_token_secret=b")
    h.client.get_release_details(release_id=1)
    h.client.apply_basket_voucher(basket_id="b", voucher_code="v")
    h.client.purchase_user_basket(token=USER, basket_id="b")
    h.client.get_request_token()
    assert [sent.timeout for sent in h.adapter.sent] == [(3.05, 7)] * 4


def test_backoff_doubles_with_jitter_and_is_capped():
    """Backoff is between half and all of base*2^n, never above max_backoff."""
    low = RetryPolicy(attempts=10, backoff=1, max_backoff=5, random=lambda: 0.0)
    high = RetryPolicy(attempts=10, backoff=1, max_backoff=5, random=lambda: 1.0)
    assert [low.delay(n) for n in (1, 2, 3, 4)] == [0.5, 1.0, 2.0, 2.5]
    assert [high.delay(n) for n in (1, 2, 3, 4)] == [1.0, 2.0, 4.0, 5.0]
    assert high.delay(10) is None


def test_retry_after_may_be_an_http_date():
    """Retry-After as an HTTP date is turned into seconds from now."""
    now = datetime(2026, 1, 1, 12, 0, 0, tzinfo=UTC)
    assert parse_retry_after("Thu, 01 Jan 2026 12:00:30 GMT", now=lambda: now) == 30
    assert parse_retry_after("soon") is None
