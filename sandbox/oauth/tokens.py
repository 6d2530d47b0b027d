"""Issuing, authorising and exchanging OAuth tokens (the 3-legged dance's state).

Also the helpers other parts of the sandbox and their tests use to get a user an
access token without a browser: `issue_access_token(consumer=..., user=...)`.
"""

import secrets
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.db import transaction
from django.utils import timezone

from sandbox.models import AccessToken, Consumer, RequestToken, SandboxUser
from sandbox.models.users import REQUEST_TOKEN_LIFETIME
from sandbox.wire.errors import OAuthFailure

Status = RequestToken.Status

AUTHORISED = "Authorised"
DENIED = "Denied"


class RequestTokenUnavailable(Exception):
    """The request token is unknown, expired, or no longer waiting for the user."""


def issue_request_token(*, consumer: Consumer, callback_url: str = "") -> RequestToken:
    """A new request token; callback_url "" means out-of-band (no redirect)."""
    return RequestToken.objects.create(consumer=consumer, callback_url=callback_url)


def issue_access_token(*, consumer: Consumer, user: SandboxUser) -> AccessToken:
    """A new access token for user at consumer (what a finished dance gives)."""
    return AccessToken.objects.create(consumer=consumer, user=user)


def pending_request_token(key: str, *, consumer: Consumer | None = None) -> RequestToken | None:
    """The unexpired request token key still waiting for a user's decision, if any."""
    if not key:
        return None
    tokens = RequestToken.objects.select_related("consumer").filter(
        key=key, status=Status.PENDING, created__gt=timezone.now() - REQUEST_TOKEN_LIFETIME
    )
    if consumer is not None:
        tokens = tokens.filter(consumer=consumer)
    return tokens.first()


def authorise_request_token(*, token: RequestToken, user: SandboxUser) -> RequestToken:
    """Record user's consent on a pending token and give it a verifier."""
    verifier = secrets.token_urlsafe(16)
    updated = _pending(token).update(status=Status.AUTHORISED, user=user, verifier=verifier)
    if not updated:
        raise RequestTokenUnavailable(token.key)
    token.refresh_from_db()
    return token


def deny_request_token(*, token: RequestToken) -> RequestToken:
    """Record that the user refused; the token can no longer be exchanged."""
    if not _pending(token).update(status=Status.DENIED):
        raise RequestTokenUnavailable(token.key)
    token.refresh_from_db()
    return token


def exchange_request_token(*, token: RequestToken, verifier: str = "") -> AccessToken:
    """The access token for an authorised request token, exactly once.

    The verifier is checked when the client sends one. 7digital's own flow is OAuth 1.0
    (its redirect and its partner shortcut carry no verifier), so it is not required.
    """
    if token.status == Status.PENDING:
        raise OAuthFailure("Request token has not been authorised")
    if token.status == Status.DENIED:
        raise OAuthFailure("Request token was denied by the user")
    if token.status == Status.EXCHANGED:
        raise OAuthFailure("Request token already used")
    if verifier and not secrets.compare_digest(verifier.encode(), token.verifier.encode()):
        raise OAuthFailure("Invalid verifier")
    with transaction.atomic():
        # The conditional update is the once-only guard across processes.
        claimed = RequestToken.objects.filter(pk=token.pk, status=Status.AUTHORISED).update(
            status=Status.EXCHANGED
        )
        if not claimed:
            raise OAuthFailure("Request token already used")
        return issue_access_token(consumer=token.consumer, user=token.user)


def callback_url_for(token: RequestToken, status: str) -> str:
    """The registered callback with oauth_token, oauth_verifier and status appended."""
    params = {"oauth_token": token.key}
    if status == AUTHORISED:
        params["oauth_verifier"] = token.verifier
    params["status"] = status
    scheme, netloc, path, query, fragment = urlsplit(token.callback_url)
    query = urlencode([*parse_qsl(query, keep_blank_values=True), *params.items()])
    return urlunsplit((scheme, netloc, path, query, fragment))


def _pending(token: RequestToken):
    return RequestToken.objects.filter(
        pk=token.pk, status=Status.PENDING, created__gt=timezone.now() - REQUEST_TOKEN_LIFETIME
    )
