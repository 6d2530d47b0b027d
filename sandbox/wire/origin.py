"""Where the sandbox is, as its clients reach it: one origin for every absolute URL.

Two questions, one reading of the request:

- `request_origin`: the scheme, host and port the client addressed, as it signed
  them for OAuth. In front of a proxy, `X-Forwarded-Proto`/`-Host`/`-Port` say so
  (the first of a chain is the client's side). A client that reaches the sandbox
  directly and sends `Host` without a port (the official Node client always does)
  addressed the port the server listens on, which WSGI's `SERVER_PORT` tells.
- `public_origin`: where URLs the sandbox hands out (PayPal approval page, signed
  downloads and streams, cover art, previews) must point. The `SANDBOX_PUBLIC_URL`
  setting when set (`make run` sets it to the address it prints), else the request's.
"""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

FORWARDED = ("HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_HOST", "HTTP_X_FORWARDED_PORT")
DEFAULT_PORTS = {"http": "80", "https": "443"}
_HAS_PORT = re.compile(r":\d+$")


def request_origin(request: HttpRequest, *, host_only: bool = False) -> str:
    """The scheme, host and port (`http://127.0.0.1:8001`) the client addressed.
    host_only: as the client's Host header alone says, no port added (RFC 5849)."""
    meta = request.META
    scheme = _first(meta.get("HTTP_X_FORWARDED_PROTO")).lower() or request.scheme
    host = _first(meta.get("HTTP_X_FORWARDED_HOST")) or meta.get("HTTP_HOST", "")
    port = _first(meta.get("HTTP_X_FORWARDED_PORT"))
    if not host:  # no Host header (HTTP/1.0): the server's own name, as Django does
        host = meta.get("SERVER_NAME", "localhost")
    if host_only:
        port = ""
    elif not port and not any(_first(meta.get(name)) for name in FORWARDED):
        port = str(meta.get("SERVER_PORT", ""))  # a direct client: the port it reached
    if port.isdigit() and port != DEFAULT_PORTS.get(scheme) and not _HAS_PORT.search(host):
        host = f"{host}:{port}"
    return f"{scheme}://{host}"


def public_origin(request: HttpRequest) -> str:
    """The scheme, host and port of the URLs the sandbox hands out."""
    configured = getattr(settings, "SANDBOX_PUBLIC_URL", "")
    if not configured:
        return request_origin(request)
    parts = urlsplit(configured)
    if parts.scheme not in DEFAULT_PORTS or not parts.netloc or parts.path.strip("/"):
        raise ImproperlyConfigured(
            f"SANDBOX_PUBLIC_URL must be like http://127.0.0.1:8001 (got {configured!r})"
        )
    return f"{parts.scheme}://{parts.netloc}"


def public_url(request: HttpRequest, path: str) -> str:
    """The absolute URL of `path` (a path with its query) on the public origin."""
    return public_origin(request) + path


def _first(header: str | None) -> str:
    """The client-side value of a proxy header (the first of a comma-separated chain)."""
    return (header or "").split(",")[0].strip()
