"""Verifying a sent request's OAuth 1.0 signature with oauthlib, as a server would."""

from urllib.parse import parse_qsl, unquote, urlsplit

from oauthlib.common import Request
from oauthlib.oauth1.rfc5849 import signature
from oauthlib.oauth1.rfc5849.utils import parse_authorization_header

from .fakes import CONSUMER_SECRET

FORM = "application/x-www-form-urlencoded"


def text_headers(prepared) -> dict[str, str]:
    return {k: v.decode() if isinstance(v, bytes) else v for k, v in prepared.headers.items()}


def form_body(prepared) -> str | None:
    body = prepared.body
    if body is None or text_headers(prepared).get("Content-Type") != FORM:
        return None
    return body.decode() if isinstance(body, bytes) else body


def oauth_params(prepared) -> dict[str, str]:
    """The oauth_* parameters, from the Authorization header or else the query."""
    header = text_headers(prepared).get("Authorization")
    if header:
        return {k: unquote(v) for k, v in parse_authorization_header(header)}
    query = parse_qsl(urlsplit(prepared.url).query)
    return {k: v for k, v in query if k.startswith("oauth_")}


def signature_is_valid(
    prepared, consumer_secret: str = CONSUMER_SECRET, token_secret: str | None = None
) -> bool:
    """Recompute the HMAC-SHA1 signature over method, URL, query, form body and OAuth
    parameters, and compare it with the one sent."""
    headers = text_headers(prepared)
    body = form_body(prepared)
    request = Request(prepared.url, prepared.method, body, headers)
    request.params = signature.collect_parameters(
        uri_query=urlsplit(prepared.url).query,
        body=body,
        headers=headers,
        exclude_oauth_signature=True,
    )
    request.signature = oauth_params(prepared)["oauth_signature"]
    return signature.verify_hmac_sha1(request, consumer_secret, token_secret)


def query_of(prepared) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(prepared.url).query))
