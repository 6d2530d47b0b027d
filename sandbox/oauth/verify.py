"""Checking a signed request: method, version, timestamp, HMAC-SHA1 signature, nonce.

Replay protection is shared by every sandbox process: a (consumer, timestamp, nonce,
token) seen before is refused through the database's unique constraint, not through
process memory. Nonces older than the longest timestamp window can never be replayed
(their timestamp is stale) and are pruned now and then (or by `manage.py prune_nonces`).
"""

import hmac
import logging
import random
from types import SimpleNamespace

from django.conf import settings
from django.db import IntegrityError, transaction
from oauthlib.oauth1.rfc5849 import signature

from sandbox.models import Consumer, UsedNonce
from sandbox.wire.errors import OAuthFailure

from . import clock
from .parsing import OAuthRequest

logger = logging.getLogger(__name__)

DEFAULT_TIMESTAMP_WINDOW = 300  # seconds either side of now
PRUNE_ONE_IN = 500  # housekeeping runs on about one verified request in this many
# Nonces are kept this long: longer than any window a caller may ask for (presigned
# media URLs live an hour), so that no accepted timestamp outlives its nonce.
NONCE_RETENTION = 2 * 3600
SUPPORTED_VERSIONS = ("1.0", "1.0a")  # presigned 7digital media URLs carry "1.0a"
MAX_NONCE_LENGTH = UsedNonce._meta.get_field("nonce").max_length


def timestamp_window() -> int:
    """Seconds a timestamp may be off (setting SANDBOX_OAUTH_TIMESTAMP_WINDOW)."""
    return int(getattr(settings, "SANDBOX_OAUTH_TIMESTAMP_WINDOW", DEFAULT_TIMESTAMP_WINDOW))


def verify_signed_request(
    oauth: OAuthRequest,
    consumer: Consumer,
    *,
    token_key: str = "",
    token_secret: str = "",
    window: int | None = None,
) -> None:
    """Raise OAuthFailure unless oauth is a fresh request signed with these secrets."""
    _check_protocol(oauth)
    window = min(window or timestamp_window(), NONCE_RETENTION)
    timestamp = _check_timestamp(oauth.get("oauth_timestamp"), window)
    if not signature_matches(oauth, consumer.secret, token_secret):
        raise OAuthFailure("Invalid signature")
    _use_nonce(consumer.key, timestamp, oauth.get("oauth_nonce"), token_key)
    if random.randrange(PRUNE_ONE_IN) == 0:
        prune_nonces()


def signature_matches(oauth: OAuthRequest, consumer_secret: str, token_secret: str) -> bool:
    """True when oauth_signature is the HMAC-SHA1 of one of the request's base strings."""
    secrets = SimpleNamespace(client_secret=consumer_secret, resource_owner_secret=token_secret)
    sent = oauth.get("oauth_signature").encode()  # bytes: compare_digest refuses non-ASCII str
    return any(
        hmac.compare_digest(signature.sign_hmac_sha1_with_client(base, secrets).encode(), sent)
        for base in oauth.signature_bases()
    )


def prune_nonces() -> int:
    """Forget nonces whose timestamps are too old to be accepted again; returns how many."""
    cutoff = int(clock.now()) - NONCE_RETENTION
    deleted, _ = UsedNonce.objects.filter(timestamp__lt=cutoff).delete()
    return deleted


def _check_protocol(oauth: OAuthRequest) -> None:
    method = oauth.get("oauth_signature_method")
    if not method:
        raise OAuthFailure("Missing oauth_signature_method")
    if method.upper() != "HMAC-SHA1":
        raise OAuthFailure(f"Unsupported signature method '{method}' (use HMAC-SHA1)")
    version = oauth.get("oauth_version")
    if version and version not in SUPPORTED_VERSIONS:
        raise OAuthFailure(f"Unsupported OAuth version '{version}'")
    nonce = oauth.get("oauth_nonce")
    if not nonce:
        raise OAuthFailure("Missing oauth_nonce")
    if len(nonce) > MAX_NONCE_LENGTH:
        raise OAuthFailure("Invalid nonce")


def _check_timestamp(value: str, window: int) -> int:
    if not value:
        raise OAuthFailure("Missing oauth_timestamp")
    if not (value.isascii() and value.isdigit()) or len(value) > 12:
        raise OAuthFailure("Invalid timestamp")
    timestamp = int(value)
    if abs(clock.now() - timestamp) > window:
        raise OAuthFailure("Timestamp expired")
    return timestamp


def _use_nonce(consumer_key: str, timestamp: int, nonce: str, token_key: str) -> None:
    try:
        # A savepoint, so that a replay does not spoil a surrounding transaction.
        with transaction.atomic():
            UsedNonce.objects.create(
                consumer_key=consumer_key, timestamp=timestamp, nonce=nonce, token=token_key
            )
    except IntegrityError:
        raise OAuthFailure("Nonce already used") from None
