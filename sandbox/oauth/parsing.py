"""Reading an OAuth 1.0 request the way real 7digital clients send it.

Protocol parameters may arrive in the `Authorization` header (`OAuth k="v", ...`, or
the .NET wrapper's bare `oauth_consumer_key=KEY`), in the query string, or in a
form body. The official Node client repeats `oauth_consumer_key` in the query and
the header and signs it once, so identical repeats collapse into one parameter;
repeats with different values are refused (RFC 5849 §3.2 leaves that to us).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import parse_qsl

from django.http import HttpRequest
from django.utils.encoding import escape_uri_path
from oauthlib.oauth1.rfc5849 import signature, utils

from sandbox.wire.errors import OAuthFailure
from sandbox.wire.origin import request_origin

Pairs = list[tuple[str, str]]

FORM_METHODS = ("POST", "PUT", "PATCH")
FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"


@dataclass(frozen=True)
class OAuthRequest:
    """The parts of an HTTP request that an OAuth 1.0 signature covers."""

    method: str
    base_uris: tuple[str, ...]  # the URIs the client may have signed (see base_uris)
    protocol: dict[str, str]  # oauth_* parameters, one value each
    params: Pairs  # every other parameter of the query and the form body
    raw_protocol: Pairs  # oauth_* parameters as sent, repeats included

    def get(self, name: str) -> str:
        return self.protocol.get(name, "")

    @property
    def is_signed(self) -> bool:
        return bool(self.protocol.get("oauth_signature"))

    def signature_bases(self) -> list[str]:
        """Base strings to check, for each base URI: repeats signed once (Node) and, if
        any, as sent."""
        candidates = [self.params + _without_signature(self.protocol.items())]
        raw = self.params + _without_signature(self.raw_protocol)
        if len(raw) != len(candidates[0]):
            candidates.append(raw)
        return [
            signature.signature_base_string(
                self.method, uri, signature.normalize_parameters(params)
            )
            for uri in self.base_uris
            for params in candidates
        ]


def parse_request(request: HttpRequest) -> OAuthRequest:
    """Collect the signed parameters of request; conflicting repeats fail."""
    pairs = _query_pairs(request) + _header_pairs(request) + _body_pairs(request)
    protocol: dict[str, str] = {}
    raw_protocol: Pairs = []
    params: Pairs = []
    for name, value in pairs:
        if not name.startswith("oauth_"):
            params.append((name, value))
            continue
        raw_protocol.append((name, value))
        if protocol.setdefault(name, value) != value:
            raise OAuthFailure(f"Parameter {name} was sent more than once with different values")
    return OAuthRequest(request.method.upper(), base_uris(request), protocol, params, raw_protocol)


def base_uris(request: HttpRequest) -> tuple[str, ...]:
    """The URIs the client may have signed, as seen in front of any proxy.

    A client that sends `Host` without a port either signed the URL it connected to,
    port included (the official Node client), or, as RFC 5849 §3.4.1.2 reads, the
    URL the Host header names (oauthlib): both are checked."""
    path = escape_uri_path(request.path)
    origins = dict.fromkeys((request_origin(request), request_origin(request, host_only=True)))
    try:
        return tuple(signature.base_string_uri(origin + path) for origin in origins)
    except ValueError:
        raise OAuthFailure("Invalid request URI") from None


def _without_signature(pairs: Iterable[tuple[str, str]]) -> Pairs:
    return [(name, value) for name, value in pairs if name != "oauth_signature"]


def _query_pairs(request: HttpRequest) -> Pairs:
    query = request.META.get("QUERY_STRING", "")
    # WSGI hands the raw query over as latin-1; percent-escapes decode as UTF-8 below.
    query = query.encode("latin-1", "replace").decode("utf-8", "replace")
    return parse_qsl(query, keep_blank_values=True)


def _header_pairs(request: HttpRequest) -> Pairs:
    header = request.headers.get("Authorization", "").strip()
    if header[:6].lower() == "oauth ":
        try:
            pairs = utils.parse_authorization_header(header)
        except ValueError:
            raise OAuthFailure("Malformed Authorization header") from None
        # Header values are percent-encoded (RFC 5849 §3.5.1); decode them once.
        return [(name, utils.unescape(value)) for name, value in pairs if name != "realm"]
    if header.startswith("oauth_"):
        # The .NET wrapper's unsigned form: `Authorization: oauth_consumer_key=KEY`.
        return [
            (name.strip(), value.strip().strip('"'))
            for name, value in parse_qsl(header.replace(",", "&"), keep_blank_values=True)
        ]
    return []


def _body_pairs(request: HttpRequest) -> Pairs:
    if request.method.upper() not in FORM_METHODS or request.content_type != FORM_CONTENT_TYPE:
        return []
    try:
        body = request.body.decode(request.encoding or "utf-8")
    except UnicodeDecodeError:
        raise OAuthFailure("Form body is not valid UTF-8") from None
    return parse_qsl(body, keep_blank_values=True)
