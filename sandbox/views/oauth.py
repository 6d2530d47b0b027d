"""The OAuth token operations: request token, access token, partner authorise shortcut.

Token responses (WIRE-NOTES §5.2) come in two styles, chosen by `Accept`:
- the XML (or JSON) ok envelope around `oauth_request_token` / `oauth_access_token`
  when Accept is absent or names XML or JSON (the .NET and Ruby clients);
- the form-encoded body `oauth_token=..&oauth_token_secret=..` of RFC 5849 when
  Accept names `application/x-www-form-urlencoded` or `text/plain`, or is just
  `*/*`: generic OAuth libraries (requests-oauthlib, node-oauth) send `*/*` and
  parse form bodies; the Node 7digital client reads either style.

`oauth/requestToken/authorise` errors: an unknown or expired `token` is a 1002, an
email with no account a 2001 (404), a wrong password a 1002.
"""

from urllib.parse import urlencode, urlsplit

from django.http import HttpRequest, HttpResponse

from sandbox.models import AccessToken, RequestToken, SandboxUser
from sandbox.oauth import REQUEST_TOKEN, tokens
from sandbox.wire import (
    TWO_LEGGED,
    ApiRequest,
    OAuthFailure,
    el,
    invalid,
    missing,
    not_found,
    operation,
    sub,
)
from sandbox.wire.xml import Element

FORM_TYPES = ("application/x-www-form-urlencoded", "text/plain")
OUT_OF_BAND = "oob"


@operation("oauth/requesttoken", auth=TWO_LEGGED, methods=("GET", "POST"))
def request_token(api: ApiRequest) -> Element | HttpResponse:
    """A new request token for the signing consumer, with its optional callback."""
    callback = _callback_url(api.caller.oauth_params.get("oauth_callback", ""))
    token = tokens.issue_request_token(consumer=api.consumer, callback_url=callback)
    return _token_response(api.request, "oauth_request_token", token)


@operation("oauth/accesstoken", auth=REQUEST_TOKEN, methods=("GET", "POST"))
def access_token(api: ApiRequest) -> Element | HttpResponse:
    """The access token for the authorised request token that signed this call (once)."""
    verifier = api.caller.oauth_params.get("oauth_verifier", "")
    token = tokens.exchange_request_token(token=api.caller.token, verifier=verifier)
    return _token_response(api.request, "oauth_access_token", token)


@operation("oauth/requestToken/authorise", auth=TWO_LEGGED)
def authorise_request_token(api: ApiRequest) -> None:
    """The partner shortcut: authorise a request token with the user's email and password."""
    email = api.params.str("username", required=True)
    password = api.params.raw("password")
    if not password:
        raise missing("password")
    token_key = api.params.str("token", required=True)
    if not api.consumer.can_manage_users:
        raise OAuthFailure("Not authorised - this consumer key cannot authorise request tokens")
    token = tokens.pending_request_token(token_key, consumer=api.consumer)
    if token is None:
        raise invalid("token", "unknown or expired request token")
    user = SandboxUser.objects.get_by_email(email)
    if user is None or not user.is_active:
        raise not_found(f"User not found: {email}")
    if not user.check_password(password):
        raise invalid("password", "it does not match this user's password")
    try:
        tokens.authorise_request_token(token=token, user=user)
    except tokens.RequestTokenUnavailable:
        raise invalid("token", "the request token is no longer pending") from None
    return None


def _callback_url(value: str) -> str:
    """The callback to register: "" for out-of-band, else an absolute http(s) URL."""
    if value in ("", OUT_OF_BAND):
        return ""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or len(value) > 2000:
        raise invalid("oauth_callback", "use an absolute http(s) URL or 'oob'")
    return value


def _token_response(
    request: HttpRequest, tag: str, token: RequestToken | AccessToken
) -> Element | HttpResponse:
    form_type = _form_type(request.headers.get("Accept", ""))
    if form_type:
        fields = {"oauth_token": token.key, "oauth_token_secret": token.secret}
        if isinstance(token, RequestToken):
            fields["oauth_callback_confirmed"] = "true"  # RFC 5849 §2.1
        return HttpResponse(urlencode(fields), content_type=f"{form_type}; charset=utf-8")
    payload = el(tag)
    sub(payload, "oauth_token", token.key)
    sub(payload, "oauth_token_secret", token.secret)
    return payload


def _form_type(accept: str) -> str | None:
    """The form-style content type Accept asks for, or None for the envelope."""
    accept = accept.lower()
    for media_type in FORM_TYPES:
        if media_type in accept:
            return media_type
    if "xml" in accept or "json" in accept or "*/*" not in accept:
        return None
    return FORM_TYPES[0]
