"""The 7digital envelope: deciding ok or error from the body, and finding the payload.

The body decides: an error envelope is an error even with HTTP 200, an envelope
whose status is unrecognised still has its `<error>` read, the plain-text
`OAuth authentication error: ...` body is an auth failure, and anything that is
neither is a malformed body (a transport error).
"""

from dataclasses import dataclass
from typing import Any

from ..errors import AuthError, SevenDigitalError, TransportError, error_class_for
from .fields import integer, text
from .tree import MalformedBody, read_document

# Keys of the envelope that are not the payload (attributes of <response>).
ENVELOPE_KEYS = frozenset({"status", "version", "schema"})
OAUTH_ERROR_PREFIX = "OAuth"


@dataclass(frozen=True)
class Envelope:
    """A successful response: the payload's element name, the payload and the whole tree."""

    root: str | None  # None for an empty ok envelope (card select/delete)
    payload: Any
    document: dict[str, Any]


@dataclass(frozen=True)
class Context:
    """Where a body came from, for error reports (the URL is redacted by the errors)."""

    status: int | None = 200
    method: str | None = None
    url: str | None = None

    def details(self, body: str) -> dict[str, Any]:
        return {"status": self.status, "method": self.method, "request_url": self.url, "body": body}


def body_text(body: bytes) -> str:
    return body.decode("utf-8", errors="replace")


def is_oauth_failure(text_body: str) -> bool:
    """The .NET wrapper's test: not XML, and starts with "OAuth"."""
    stripped = text_body.lstrip()
    return not stripped.startswith("<") and stripped.startswith(OAUTH_ERROR_PREFIX)


def payload_keys(document: dict[str, Any]) -> list[str]:
    """The payload element names of an envelope, skipping attributes and namespaces."""
    return [
        key
        for key in document
        if key not in ENVELOPE_KEYS and ":" not in key and not key.startswith(("{", "xmlns"))
    ]


def error_from(node: Any, context: Context, body: str) -> SevenDigitalError:
    """The exception for an `<error code><errorMessage>` node."""
    code = integer(node, "code")
    message = text(node, "errorMessage") or "unrecognised error"
    details = context.details(body)
    if context.status == 401 or "oauth" in message.lower():
        return AuthError(message, code=code, **details)
    return error_class_for(code)(message, code=code, **details)


def decode(body: bytes, context: Context | None = None) -> Envelope:
    """The envelope of a response body; raises the matching SevenDigitalError otherwise."""
    context = context or Context()
    raw = body_text(body)
    if is_oauth_failure(raw):
        details = context.details(raw) | {"status": context.status or 401}
        raise AuthError(raw.strip(), **details)
    try:
        kind, document = read_document(body)
    except MalformedBody as error:
        raise TransportError(
            f"Malformed response body: {error}", outcome_unknown=True, **context.details(raw)
        ) from None
    status = document.get("status")
    if "error" in document and status != "ok":
        raise error_from(document["error"], context, raw)
    # Real JSON answers sometimes omit status and version; XML must say "ok".
    if status != "ok" and not (status is None and kind == "json"):
        raise TransportError(
            f"Unrecognised response status {status!r}",
            outcome_unknown=True,
            **context.details(raw),
        )
    keys = payload_keys(document)
    root = keys[0] if keys else None
    return Envelope(root=root, payload=document[root] if root else None, document=document)
