"""Consumers, users and signed requests for in-process tests of the sandbox API.

`make_consumer()` / `make_user()` create the parties (an access token for a user:
`sandbox.oauth.tokens.issue_access_token(consumer=..., user=...)`).

`signed(client, "GET", "/1.2/...", consumer, ...)` signs with oauthlib (what
requests-oauthlib does) and sends the request through Django's test `Client`.
`node_style_get` signs the way the official Node client does, with its own small
HMAC-SHA1 implementation, so the provider is checked against a second signer.
"""

import base64
import hashlib
import hmac
import secrets
import time
from urllib.parse import quote, urlencode

from django.test import Client as DjangoClient
from oauthlib.oauth1 import SIGNATURE_TYPE_AUTH_HEADER, SIGNATURE_TYPE_QUERY
from oauthlib.oauth1 import Client as OAuthClient

from sandbox.models import Consumer, SandboxUser

HOST = "testserver"
FORM = "application/x-www-form-urlencoded"
PASSWORD = "correct horse battery staple"

__all__ = [
    "PASSWORD",
    "SIGNATURE_TYPE_AUTH_HEADER",
    "SIGNATURE_TYPE_QUERY",
    "make_consumer",
    "make_user",
    "node_style_get",
    "oauth_failure",
    "signed",
]


def make_consumer(**fields) -> Consumer:
    """A consumer with a 12-character key, like real 7digital keys."""
    fields.setdefault("key", "7d" + secrets.token_hex(5))
    fields.setdefault("secret", secrets.token_urlsafe(12))
    fields.setdefault("name", "Test Jukebox")
    return Consumer.objects.create(**fields)


def make_user(email: str = "listener@example.com", **fields) -> SandboxUser:
    return SandboxUser.objects.create_user(email=email, password=PASSWORD, **fields)


def oauth_failure(response) -> str:
    """The reason of a plain-text 401 OAuth failure (asserting that it is one)."""
    assert response.status_code == 401, response.content
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    prefix = "OAuth authentication error: "
    assert body.startswith(prefix), body
    return body.removeprefix(prefix)


def signed(
    client: DjangoClient,
    method: str,
    path: str,
    consumer,
    *,
    params: dict | None = None,
    token=None,
    token_secret: str | None = None,
    secret: str | None = None,
    signature_type: str = SIGNATURE_TYPE_AUTH_HEADER,
    scheme: str = "http",
    host: str = HOST,
    timestamp: int | None = None,
    nonce: str | None = None,
    callback_uri: str | None = None,
    verifier: str | None = None,
    headers: dict | None = None,
    meta: dict | None = None,
):
    """Send method path signed for consumer (and token); GET params go in the query,
    POST/PUT params in a form body. `secret` overrides the consumer secret (to sign badly);
    `meta` sets WSGI environ keys such as SERVER_PORT.
    """
    oauth = OAuthClient(
        consumer.key,
        client_secret=consumer.secret if secret is None else secret,
        resource_owner_key=getattr(token, "key", token),
        resource_owner_secret=token_secret
        if token_secret is not None
        else getattr(token, "secret", None),
        signature_type=signature_type,
        timestamp=str(timestamp if timestamp is not None else int(time.time())),
        nonce=nonce or secrets.token_hex(16),
        callback_uri=callback_uri,
        verifier=verifier,
    )
    has_body = method in ("POST", "PUT")
    url = f"{scheme}://{host}{path}"
    if params and not has_body:
        url += "?" + urlencode(params)
    body = urlencode(params or {}) if has_body else None
    sign_headers = {"Content-Type": FORM} if has_body else {}
    uri, signed_headers, body = oauth.sign(url, http_method=method, body=body, headers=sign_headers)
    path = uri.split(host, 1)[1]
    return _send(client, method, path, body, {**signed_headers, **(headers or {})}, meta or {})


def node_style_get(client: DjangoClient, path: str, key: str, secret: str, **options):
    """A GET as the 7digital Node client signs it: 12-char key, 16-char nonce, oauth_version
    1.0, `oauth_consumer_key` in the query AND the Authorization header, signed once.
    """
    query = {**options.get("params", {}), "oauth_consumer_key": key}
    oauth = {
        "oauth_consumer_key": options.get("header_key", key),
        "oauth_nonce": options.get("nonce", secrets.token_hex(8)),  # 16 characters
        "oauth_signature_method": "HMAC-SHA1",
        "oauth_timestamp": str(int(time.time())),
        "oauth_version": "1.0",
    }
    url = f"http://{HOST}{path}"
    signed_params = {**query, **oauth}  # one object, so the repeated key counts once
    oauth["oauth_signature"] = _hmac_sha1("GET", url, signed_params, secret)
    header = "OAuth " + ",".join(f'{name}="{_encode(value)}"' for name, value in oauth.items())
    return client.get(f"{path}?{urlencode(query)}", headers={"Authorization": header})


def _hmac_sha1(method: str, url: str, params: dict, consumer_secret: str) -> str:
    normalised = "&".join(f"{_encode(k)}={_encode(v)}" for k, v in sorted(params.items()))
    base = "&".join([method, _encode(url), _encode(normalised)])
    digest = hmac.new(f"{_encode(consumer_secret)}&".encode(), base.encode(), hashlib.sha1)
    return base64.b64encode(digest.digest()).decode()


def _encode(value: str) -> str:
    return quote(str(value), safe="~")


def _send(client: DjangoClient, method: str, path: str, body, headers: dict, meta: dict):
    # Sent over plain http whatever was signed: https is what a TLS proxy would add.
    extra = {"headers": {k: v for k, v in headers.items() if k != "Content-Type"}, **meta}
    if method in ("POST", "PUT"):
        return client.generic(method, path, data=body or "", content_type=FORM, **extra)
    return client.generic(method, path, **extra)
