"""The sandbox's OAuth 1.0 provider, through the API dispatcher, as real clients call it."""

import time

import pytest
from django.conf import settings
from django.db import IntegrityError
from lxml import etree

from sandbox.models import Consumer, UsedNonce
from sandbox.oauth import clock, tokens
from sandbox.oauth.verify import NONCE_RETENTION, prune_nonces
from sandbox.wire import KEY, THREE_LEGGED, TWO_LEGGED, el, operation
from tests.sandbox.oauth_support import (
    SIGNATURE_TYPE_QUERY,
    make_consumer,
    make_user,
    node_style_get,
    oauth_failure,
    signed,
)

pytestmark = [pytest.mark.django_db, pytest.mark.urls("sandbox.urls")]

KEY_PATH, TWO_LEGGED_PATH, THREE_LEGGED_PATH = (
    "/1.2/tests/oauth/key",
    "/1.2/tests/oauth/twolegged",
    "/1.2/tests/oauth/threelegged",
)


@operation("tests/oauth/key", auth=KEY)
@operation("tests/oauth/twolegged", auth=TWO_LEGGED, methods=("GET", "POST"))
@operation("tests/oauth/threelegged", auth=THREE_LEGGED)
def whoami(api):
    """Test-only operation: tells who the dispatcher says is calling."""
    user = api.user.pk if api.user else None
    return el("caller", consumer=api.consumer.key, user=user, signed=api.caller.signed)


def caller_of(response) -> dict:
    assert response.status_code == 200, response.content
    return dict(etree.fromstring(response.content).find("caller").attrib)


@pytest.fixture
def consumer() -> Consumer:
    return make_consumer()


@pytest.fixture
def user():
    return make_user()


def test_header_signature_from_requests_oauthlib_is_accepted(client, consumer):
    """A 2-legged call signed in the Authorization header (requests-oauthlib's default) passes."""
    response = signed(client, "GET", TWO_LEGGED_PATH, consumer, params={"country": "GB"})
    assert caller_of(response) == {"consumer": consumer.key, "signed": "true"}


def test_query_string_signature_is_accepted(client, consumer):
    """OAuth parameters in the query string (Ruby, Android, media URLs) are accepted."""
    response = signed(client, "GET", TWO_LEGGED_PATH, consumer, signature_type=SIGNATURE_TYPE_QUERY)
    assert caller_of(response)["signed"] == "true"


def test_form_body_parameters_are_part_of_the_signature(client, consumer):
    """A POST whose form body was signed passes."""
    response = signed(client, "POST", TWO_LEGGED_PATH, consumer, params={"userId": "a b&c"})
    assert caller_of(response)["consumer"] == consumer.key


def test_node_client_request_is_accepted(client, consumer):
    """12-char key, 16-char nonce, key in query and header, signed once: accepted."""
    assert len(consumer.key) == 12
    response = node_style_get(client, TWO_LEGGED_PATH, consumer.key, consumer.secret)
    assert caller_of(response)["signed"] == "true"


def test_repeated_consumer_key_with_different_values_is_rejected(client, consumer):
    """oauth_consumer_key in the query and the header must agree."""
    other = make_consumer()
    response = node_style_get(
        client, TWO_LEGGED_PATH, consumer.key, consumer.secret, header_key=other.key
    )
    assert "more than once with different values" in oauth_failure(response)


def test_bad_signature_is_rejected_without_echoing_the_secret(client, consumer):
    """A request signed with the wrong secret fails; the reply never shows the real one."""
    response = signed(client, "GET", TWO_LEGGED_PATH, consumer, secret="not-the-secret")
    assert oauth_failure(response) == "Invalid signature"
    assert consumer.secret not in response.content.decode()


def test_unknown_consumer_key_is_rejected(client):
    """A key the sandbox does not know fails."""
    stranger = Consumer(key="7dunknown123", secret="whatever")
    response = signed(client, "GET", TWO_LEGGED_PATH, stranger)
    assert oauth_failure(response) == "Invalid consumer key"


def test_inactive_consumer_key_is_rejected(client):
    """A disabled key fails even for key-only operations."""
    consumer = make_consumer(is_active=False)
    response = client.get(KEY_PATH, {"oauth_consumer_key": consumer.key})
    assert oauth_failure(response) == "Consumer key is not active"


def test_missing_consumer_key_is_rejected(client):
    """A request without any consumer key fails."""
    assert "no consumer key" in oauth_failure(client.get(KEY_PATH))


def test_replayed_nonce_is_rejected(client, consumer):
    """The same (timestamp, nonce) a second time is a replay."""
    stamp = int(time.time())
    first = signed(client, "GET", TWO_LEGGED_PATH, consumer, timestamp=stamp, nonce="n" * 16)
    again = signed(client, "GET", TWO_LEGGED_PATH, consumer, timestamp=stamp, nonce="n" * 16)
    assert first.status_code == 200
    assert oauth_failure(again) == "Nonce already used"


def test_stale_timestamp_is_rejected(client, consumer, monkeypatch):
    """A timestamp more than five minutes away from the server clock fails."""
    monkeypatch.setattr(clock, "now", lambda: time.time() + 301)
    response = signed(client, "GET", TWO_LEGGED_PATH, consumer)
    assert oauth_failure(response) == "Timestamp expired"


def test_signature_over_https_behind_a_tls_proxy_is_accepted(client, consumer):
    """The base URI is the client's: https when X-Forwarded-Proto says so."""
    response = signed(
        client,
        "GET",
        TWO_LEGGED_PATH,
        consumer,
        scheme="https",
        headers={"X-Forwarded-Proto": "https"},
    )
    assert caller_of(response)["signed"] == "true"


def test_signature_for_the_proxy_host_and_port_is_accepted(client, consumer):
    """X-Forwarded-Host (with a non-default port) is the host the client signed for."""
    response = signed(
        client,
        "GET",
        TWO_LEGGED_PATH,
        consumer,
        scheme="https",
        host="api.example.com:8443",
        headers={"X-Forwarded-Proto": "https", "X-Forwarded-Host": "api.example.com:8443"},
    )
    assert caller_of(response)["signed"] == "true"


def test_signature_over_https_without_the_proxy_header_is_rejected(client, consumer):
    """Without X-Forwarded-Proto the sandbox verifies against the http URI it was sent."""
    response = signed(client, "GET", TWO_LEGGED_PATH, consumer, scheme="https")
    assert oauth_failure(response) == "Invalid signature"


def test_unsigned_key_in_query_or_bare_header_passes_key_level(client, consumer):
    """Key-only operations take the key in the query or as a bare Authorization header."""
    by_query = client.get(KEY_PATH, {"oauth_consumer_key": consumer.key})
    by_header = client.get(
        KEY_PATH, headers={"Authorization": f"oauth_consumer_key={consumer.key}"}
    )
    assert caller_of(by_query) == {"consumer": consumer.key, "signed": "false"}
    assert caller_of(by_header)["consumer"] == consumer.key


def test_bad_signature_fails_even_at_key_level(client, consumer):
    """A signature sent to a key-only operation is still verified."""
    response = signed(client, "GET", KEY_PATH, consumer, secret="wrong")
    assert oauth_failure(response) == "Invalid signature"


def test_unsigned_request_to_two_legged_operation_is_rejected(client, consumer):
    """A 2-legged operation needs a signature, not just the key."""
    response = client.get(TWO_LEGGED_PATH, {"oauth_consumer_key": consumer.key})
    assert oauth_failure(response) == "Not authorised - request is not signed"


def test_access_token_signature_identifies_the_user(client, consumer, user):
    """A 3-legged call signed with a user's access token names that user."""
    token = tokens.issue_access_token(consumer=consumer, user=user)
    response = signed(client, "GET", THREE_LEGGED_PATH, consumer, token=token)
    assert caller_of(response)["user"] == str(user.pk)


def test_wrong_access_token_secret_is_rejected(client, consumer, user):
    """The token secret is part of the signing key."""
    token = tokens.issue_access_token(consumer=consumer, user=user)
    response = signed(client, "GET", THREE_LEGGED_PATH, consumer, token=token, token_secret="guess")
    assert oauth_failure(response) == "Invalid signature"


def test_access_token_of_another_consumer_is_rejected(client, consumer, user):
    """An access token only works with the consumer it was issued to."""
    token = tokens.issue_access_token(consumer=make_consumer(), user=user)
    response = signed(client, "GET", THREE_LEGGED_PATH, consumer, token=token)
    assert oauth_failure(response) == "Invalid access token"


def test_three_legged_without_user_credentials_is_rejected(client, consumer):
    """A consumer signature alone, without token or userId, is not enough for 3L."""
    response = signed(client, "GET", THREE_LEGGED_PATH, consumer)
    assert oauth_failure(response) == "Not authorised - no user credentials provided"


def test_managed_user_is_named_by_user_id_on_a_two_legged_call(client, consumer):
    """A user-managing consumer calls 3L operations 2-legged with its own userId."""
    managed = make_user(email="", partner_user_id="partner-42", created_by=consumer)
    response = signed(client, "GET", THREE_LEGGED_PATH, consumer, params={"userId": "partner-42"})
    assert caller_of(response)["user"] == str(managed.pk)


def test_managed_user_of_another_consumer_is_not_found(client, consumer):
    """userId only names users created by the calling consumer."""
    make_user(email="", partner_user_id="partner-42", created_by=make_consumer())
    response = signed(client, "GET", THREE_LEGGED_PATH, consumer, params={"userId": "partner-42"})
    assert oauth_failure(response) == "Not authorised - unknown userId"


def test_consumer_without_user_management_cannot_use_user_id(client):
    """Managed-user calls need the consumer's can_manage_users permission."""
    consumer = make_consumer(can_manage_users=False)
    make_user(email="", partner_user_id="p1", created_by=consumer)
    response = signed(client, "GET", THREE_LEGGED_PATH, consumer, params={"userId": "p1"})
    assert "cannot act for managed users" in oauth_failure(response)


def test_prune_forgets_only_nonces_too_old_to_replay(monkeypatch):
    """Housekeeping deletes nonces older than the retention, keeps recent ones."""
    monkeypatch.setattr(clock, "now", lambda: 1_000_000.0)
    old = 1_000_000 - NONCE_RETENTION - 1
    UsedNonce.objects.create(consumer_key="k", timestamp=old, nonce="old")
    UsedNonce.objects.create(consumer_key="k", timestamp=1_000_000, nonce="new")
    assert prune_nonces() == 1
    assert list(UsedNonce.objects.values_list("nonce", flat=True)) == ["new"]


def test_user_emails_are_unique_whatever_their_case(user):
    """Sign-in compares emails case-insensitively, so the store refuses a case variant."""
    with pytest.raises(IntegrityError):
        make_user(email=user.email.upper())


def test_migrate_creates_the_demo_consumer_from_settings():
    """The post-migrate hook leaves the settings' demo key ready to use."""
    demo = Consumer.objects.get(key=settings.SANDBOX_CONSUMER_KEY)
    assert demo.secret == settings.SANDBOX_CONSUMER_SECRET
    assert demo.rate_limit == settings.SANDBOX_RATE_LIMIT
