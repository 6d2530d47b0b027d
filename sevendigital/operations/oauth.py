"""The OAuth 1.0 token endpoints of the 3-legged flow, and the authorise URL.

1. `get_request_token()` (oauth/requesttoken, signed with the consumer only);
2. send the shopper to `build_authorise_url(request_token, callback=...)`, or, for
   partner keys, `authorise_request_token(request_token=..., username=..., password=...)`;
3. `get_access_token(request_token)` (oauth/accesstoken, signed with the request
   token too) gives the user's access token: pass it as `token=` to per-user calls.

The token endpoints answer either form-encoded `oauth_token=..&oauth_token_secret=..`
or XML/JSON (`oauth_request_token` / `oauth_access_token`); both are read.
"""

from typing import Any
from urllib.parse import parse_qsl, urlencode

import requests

from ..errors import TransportError
from ..models import OAuthToken
from ..parsing import Context, decode
from ..parsing.account import build_oauth_token
from ..parsing.envelope import body_text
from .base import OperationsBase

TOKEN_ROOTS = ("oauth_request_token", "oauth_access_token")


class OAuthOperations(OperationsBase):
    # Token calls are GETs: the real API accepts GET and POST for both endpoints.
    token_method = "GET"  # nosec B105  # an HTTP method, not a password
    authorise_endpoint: str

    def _send(
        self,
        method: str,
        path: str,
        params: dict[str, Any],
        *,
        token: OAuthToken | None = None,
        oauth_extra: dict[str, str] | None = None,
    ) -> tuple[requests.Response, Context]:
        raise NotImplementedError

    def get_request_token(self, *, callback: str | None = None, **extra: Any) -> OAuthToken:
        """oauth/requesttoken: a request token for the shopper to authorise."""
        oauth_extra = {"callback_uri": callback} if callback else {}
        response, context = self._send(
            self.token_method, "oauth/requesttoken", extra, oauth_extra=oauth_extra
        )
        return read_token(response, context)

    def get_access_token(
        self, request_token: OAuthToken, *, verifier: str | None = None, **extra: Any
    ) -> OAuthToken:
        """oauth/accesstoken: exchange an authorised request token for the access token."""
        oauth_extra = {"verifier": verifier} if verifier else {}
        response, context = self._send(
            self.token_method,
            "oauth/accesstoken",
            extra,
            token=request_token,
            oauth_extra=oauth_extra,
        )
        return read_token(response, context)

    def authorise_request_token(
        self,
        *,
        request_token: OAuthToken | str,
        username: str,
        password: str,
        **extra: Any,
    ) -> None:
        """oauth/requestToken/authorise: partner shortcut that authorises a request
        token with the user's email and password instead of the browser page.
        Raises the API's error (e.g. bad credentials) if it refuses."""
        value = request_token.token if isinstance(request_token, OAuthToken) else request_token
        params = {"username": username, "password": password, "token": value, **extra}
        response, context = self._send("GET", "oauth/requestToken/authorise", params)
        decode(response.content, context)

    def build_authorise_url(
        self, request_token: OAuthToken | str, *, callback: str | None = None
    ) -> str:
        """Where to send the shopper's browser to authorise a request token.

        7digital redirects back to `callback` with `oauth_token` and `status=Authorised`.
        """
        value = request_token.token if isinstance(request_token, OAuthToken) else request_token
        query = {"oauth_token": value}
        if callback:
            query["oauth_callback"] = callback
        separator = "&" if "?" in self.authorise_endpoint else "?"
        return f"{self.authorise_endpoint}{separator}{urlencode(query)}"


def read_token(response: requests.Response, context: Context) -> OAuthToken:
    """A token from a form-encoded body, or from an XML/JSON envelope."""
    raw = body_text(response.content).strip()
    if response.status_code < 400 and raw.startswith("oauth_token="):
        values = dict(parse_qsl(raw))
        return OAuthToken(token=values["oauth_token"], secret=values.get("oauth_token_secret", ""))
    envelope = decode(response.content, context)
    if envelope.root not in TOKEN_ROOTS:
        raise TransportError(
            f"Expected an OAuth token, got <{envelope.root}>",
            outcome_unknown=True,
            status=context.status,
            method=context.method,
            request_url=context.url,
        )
    return build_oauth_token(envelope.payload)
