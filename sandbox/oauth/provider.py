"""Who is calling: the consumer, and the user a token (or a managed userId) acts for.

Levels (the `auth` of an operation):
- "key": a known, active consumer key; unsigned is fine, but a signature that is
  sent is verified all the same (and a signed token then names the user).
- "2L": signed with the consumer secret (a user's access token may sign too).
- "3L": signed with a user's access token, or 2-legged by a consumer that manages
  users, naming one of its users with `userId` (WIRE-NOTES §5.3).
- "request-token": signed with the consumer and an unexpired request token; only
  `oauth/accesstoken` uses it.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.http import HttpRequest

from sandbox.models import AccessToken, Consumer, RequestToken, SandboxUser
from sandbox.wire.errors import OAuthFailure
from sandbox.wire.params import Params
from sandbox.wire.registry import KEY, THREE_LEGGED

from .parsing import OAuthRequest, parse_request
from .verify import verify_signed_request

REQUEST_TOKEN = "request-token"  # nosec B105  # a token kind, not a secret

NO_USER_CREDENTIALS = "Not authorised - no user credentials provided"
NOT_SIGNED = "Not authorised - request is not signed"


@dataclass(frozen=True)
class Caller:
    """The authenticated side of an API request."""

    consumer: Consumer
    user: SandboxUser | None = None
    # An AccessToken for user calls; the RequestToken on oauth/accesstoken.
    token: AccessToken | RequestToken | None = None
    signed: bool = False
    # Protocol parameters as signed (oauth_callback, oauth_verifier, ...), no signature.
    oauth_params: Mapping[str, str] = field(default_factory=dict)


def authenticate(
    request: HttpRequest, level: str, *, timestamp_window: int | None = None
) -> Caller:
    """The Caller of request at level ("key", "2L", "3L", "request-token"), or OAuthFailure.

    timestamp_window overrides the allowed clock skew (seconds), e.g. for presigned media
    URLs that stay valid longer than an API call.
    """
    oauth = parse_request(request)
    consumer = _consumer(oauth.get("oauth_consumer_key"))
    if not oauth.is_signed:
        if level == KEY:
            return Caller(consumer)
        raise OAuthFailure(NO_USER_CREDENTIALS if level == THREE_LEGGED else NOT_SIGNED)
    token = _token(level, consumer, oauth.get("oauth_token"))
    verify_signed_request(
        oauth,
        consumer,
        token_key=token.key if token else "",
        token_secret=token.secret if token else "",
        window=timestamp_window,
    )
    user = token.user if isinstance(token, AccessToken) else None
    if level == THREE_LEGGED and user is None:
        user = _managed_user(request, consumer)
    return Caller(consumer, user, token, signed=True, oauth_params=_protocol_params(oauth))


def _consumer(key: str) -> Consumer:
    if not key:
        raise OAuthFailure("Not authorised - no consumer key provided")
    consumer = Consumer.objects.filter(key=key).first()
    if consumer is None:
        raise OAuthFailure("Invalid consumer key")
    if not consumer.is_active:
        raise OAuthFailure("Consumer key is not active")
    return consumer


def _token(level: str, consumer: Consumer, key: str) -> AccessToken | RequestToken | None:
    if level == REQUEST_TOKEN:
        return _request_token(consumer, key)
    if not key:
        return None
    token = AccessToken.objects.select_related("user").filter(consumer=consumer, key=key).first()
    if token is None:
        raise OAuthFailure("Invalid access token")
    if not token.user.is_active:
        raise OAuthFailure("User account is disabled")
    return token


def _request_token(consumer: Consumer, key: str) -> RequestToken:
    if not key:
        raise OAuthFailure("Not authorised - no request token provided")
    token = (
        RequestToken.objects.select_related("consumer", "user")
        .filter(consumer=consumer, key=key)
        .first()
    )
    if token is None:
        raise OAuthFailure("Invalid request token")
    if token.is_expired():
        raise OAuthFailure("Request token expired")
    return token


def _managed_user(request: HttpRequest, consumer: Consumer) -> SandboxUser:
    """The managed user named by userId on a 2-legged call to a 3-legged operation."""
    partner_user_id = Params(request).str("userId")
    if not partner_user_id:
        raise OAuthFailure(NO_USER_CREDENTIALS)
    if not consumer.can_manage_users:
        raise OAuthFailure("Not authorised - this consumer key cannot act for managed users")
    user = SandboxUser.objects.get_managed(consumer, partner_user_id)
    if user is None:
        raise OAuthFailure("Not authorised - unknown userId")
    if not user.is_active:
        raise OAuthFailure("User account is disabled")
    return user


def _protocol_params(oauth: OAuthRequest) -> dict[str, str]:
    return {name: value for name, value in oauth.protocol.items() if name != "oauth_signature"}
