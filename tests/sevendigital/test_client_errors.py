"""Errors: classes by 7digital code, decided by the body; no secret in any message or log."""

import logging

import pytest
import requests

from sevendigital import (
    AlreadyExistsError,
    AuthError,
    CardError,
    InputError,
    InternalError,
    NotAvailableError,
    NotFoundError,
    PaymentError,
    RateLimitedError,
    SevenDigitalError,
    TransportError,
    UnableToPerformError,
    UnrecognisedError,
    UserToken,
    VoucherError,
)

from .fakes import CONSUMER_SECRET, TOKEN_SECRET, envelope, error_envelope, make_client

USER = UserToken("user-access-token-77", TOKEN_SECRET)

CODES = [
    (1001, 400, InputError),
    (1002, 400, InputError),
    (2001, 404, NotFoundError),
    (2002, 403, NotAvailableError),
    (2003, 400, AlreadyExistsError),
    (3001, 402, CardError),
    (3003, 402, PaymentError),
    (3012, 400, VoucherError),
    (7002, 403, UnableToPerformError),
    (9001, 500, InternalError),
    (42, 400, UnrecognisedError),
]


@pytest.mark.parametrize(("code", "status", "error_class"), CODES)
def test_error_class_follows_the_code(code, status, error_class):
    """The error envelope's code picks the class; status, code and message are kept."""
    h = make_client(retries=0)
    h.adapter.reply(error_envelope(code, "Something went wrong"), status=status)
    with pytest.raises(error_class) as caught:
        h.client.get_release_details(release_id=12)
    assert (caught.value.code, caught.value.status) == (code, status)
    assert caught.value.message == "Something went wrong"


def test_error_envelope_with_http_200_raises():
    """The body decides: a 2001 envelope sent with HTTP 200 is a NotFoundError."""
    h = make_client()
    h.adapter.reply(error_envelope(2001, "Release not found"), status=200)
    with pytest.raises(NotFoundError):
        h.client.get_release_details(release_id=12)


def test_card_registration_error_inside_an_ok_envelope_is_data():
    """A failed card registration is a result with its error, not an exception."""
    h = make_client()
    h.adapter.reply(
        envelope(
            '<cardRegistration id="r1" status="error"><error code="3103">'
            "<errorMessage>Add card failed</errorMessage></error></cardRegistration>"
        )
    )
    registration = h.client.get_user_card_registration(token=USER, registration_id="r1")
    assert (registration.status, registration.error_code) == ("error", 3103)


def test_oauth_plain_text_failure_is_an_auth_error():
    """`OAuth authentication error: ...` with 401 raises AuthError."""
    h = make_client()
    h.adapter.reply("OAuth authentication error: Not authorised - no user credentials", 401)
    with pytest.raises(AuthError) as caught:
        h.client.get_user_locker(token=USER)
    assert caught.value.status == 401
    assert "no user credentials" in caught.value.message


def test_malformed_body_is_a_transport_error_with_unknown_outcome():
    """A body that is neither XML, JSON nor an OAuth failure is a TransportError."""
    h = make_client()
    h.adapter.reply("<html><body>Bad gateway", status=200)
    with pytest.raises(TransportError) as caught:
        h.client.purchase_user_basket(token=USER, basket_id="b-1")
    assert caught.value.outcome_unknown is True
    assert caught.value.status == 200


def test_unexpected_payload_is_a_transport_error():
    """An ok envelope holding the wrong element is not taken for the expected model."""
    h = make_client()
    h.adapter.reply(envelope('<artist id="1"><name>Keane</name></artist>'))
    with pytest.raises(TransportError, match="Expected <release>"):
        h.client.get_release_details(release_id=12)


def test_rate_limit_is_a_rate_limited_error():
    """429 raises RateLimitedError with the Retry-After seconds."""
    h = make_client(retries=0)
    h.adapter.reply(error_envelope(7001, "Rate limit exceeded"), 429, {"Retry-After": "12"})
    with pytest.raises(RateLimitedError) as caught:
        h.client.get_track_details(track_id=1)
    assert caught.value.retry_after == 12
    assert caught.value.status == 429


def assert_no_secret(text: str) -> None:
    for secret in (CONSUMER_SECRET, TOKEN_SECRET, "oauth_signature", "user-access-token-77"):
        assert secret not in text
    assert "hunter2" not in text


def test_secrets_never_reach_errors_or_logs(caplog):
    """With signatures in the query, neither logs nor errors show secrets or tokens."""
    caplog.set_level(logging.DEBUG, logger="sevendigital")
    h = make_client(signature_type="query", retries=1)
    h.adapter.reply(error_envelope(9001, "boom"), status=500)
    h.adapter.reply(error_envelope(9001, "boom"), status=500)
    with pytest.raises(SevenDigitalError) as first:
        h.client.get_release_details(release_id=12)
    h.adapter.reply(error_envelope(3003, "Payment failed"), status=402)
    with pytest.raises(SevenDigitalError) as second:
        h.client.purchase_user_basket(token=USER, basket_id="b-1")
    h.adapter.reply(error_envelope(1002, "Bad credentials"), status=400)
    with pytest.raises(SevenDigitalError) as third:
        h.client.authorise_request_token(request_token="r", username="u", password="hunter2")
    assert "oauth_signature" in h.adapter.sent[0].request.url  # the secret was really there
    for error in (first.value, second.value, third.value):
        assert_no_secret(str(error) + repr(error) + (error.request_url or ""))
    assert "release/details" in caplog.text
    assert_no_secret(caplog.text)


def test_transport_error_message_omits_the_signed_url():
    """urllib3 errors quote the full URL; the client's message leaves it out."""
    h = make_client(signature_type="query")

    class LeakyError(requests.ConnectionError):
        pass

    h.adapter.queue.append(LeakyError("Max retries exceeded with url: /x?oauth_signature=abc"))
    with pytest.raises(TransportError) as caught:
        h.client.purchase_user_basket(token=USER, basket_id="b-1")
    assert_no_secret(str(caught.value) + repr(caught.value))
    assert caught.value.__cause__ is None
    assert caught.value.__suppress_context__ is True


def test_reprs_hide_secrets():
    """The client and tokens can be printed without showing their secrets."""
    h = make_client()
    assert_no_secret(repr(h.client) + repr(USER) + repr(h.client.transport.credentials))
