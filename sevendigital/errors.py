"""One error hierarchy for everything the API (or the way to it) can answer.

The class is chosen by what the body says, by 7digital code band, not by the HTTP
status alone: the real API has answered errors with 200 and ok bodies with odd
statuses. Messages and reprs never contain secrets: the request URL is stored with
every OAuth parameter and credential stripped.
"""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that never leave the client in a log line or an error message.
SENSITIVE_PARAMS = frozenset({"password", "token", "cardnumber", "cardverificationcode"})


def redact_url(url: str | None) -> str | None:
    """url without OAuth parameters (signature, token, ...) or credentials in its query."""
    if not url:
        return url
    parts = urlsplit(url)
    kept = [
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if not name.lower().startswith("oauth_") and name.lower() not in SENSITIVE_PARAMS
    ]
    return urlunsplit(parts._replace(query=urlencode(kept), fragment=""))


class SevenDigitalError(Exception):
    """Base of every error raised by the client.

    status: HTTP status (None if no response came back); code: the 7digital error
    code from the body, if any; message: the API's or the client's explanation;
    body: the raw response text; request_url: the URL called, secrets stripped.
    """

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        code: int | None = None,
        body: str | None = None,
        request_url: str | None = None,
        method: str | None = None,
    ):
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code
        self.body = body
        self.method = method
        self.request_url = redact_url(request_url)

    def __str__(self) -> str:
        code = f"[{self.code}] " if self.code is not None else ""
        where = " ".join(part for part in (self.method, self.request_url) if part)
        status = f"HTTP {self.status}" if self.status is not None else "no response"
        return f"{code}{self.message} ({status}{', ' + where if where else ''})"

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(code={self.code!r}, status={self.status!r}, "
            f"message={self.message!r})"
        )


class InputError(SevenDigitalError):
    """1xxx: a parameter is missing, invalid or out of range."""


class ResourceError(SevenDigitalError):
    """2xxx: a problem with the resource asked for."""


class NotFoundError(ResourceError):
    """2001: no such release, artist, track, tag, user, ..."""


class NotAvailableError(ResourceError):
    """2002: exists, but not available in this territory or to this user."""


class AlreadyExistsError(ResourceError):
    """2003: e.g. user/create with an id that is already taken."""


class PaymentError(SevenDigitalError):
    """3xxx: the payment could not be taken or the price did not match."""


class CardError(PaymentError):
    """A problem with the user's card: expired, missing, declined, not added."""


class VoucherError(PaymentError):
    """3012: the voucher was not applied."""


class UnableToPerformError(SevenDigitalError):
    """7xxx: the action or the key's configuration does not allow this."""


class InternalError(SevenDigitalError):
    """9xxx: 7digital failed internally."""


class UnrecognisedError(SevenDigitalError):
    """An error envelope whose code is missing or outside every known band."""


class AuthError(SevenDigitalError):
    """OAuth failure: the plain-text `OAuth authentication error: ...` body, or a 401."""


class RateLimitedError(SevenDigitalError):
    """429: the consumer key is over its rate limit; retry_after is in seconds, if sent."""

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs):
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class TransportError(SevenDigitalError):
    """No usable answer: connection failure, timeout or a malformed body.

    outcome_unknown is True when the request may have reached 7digital (a read
    timeout, a dropped connection, a body that cannot be read): a purchase in that
    state must be reconciled, never blindly repeated.
    """

    def __init__(self, message: str, *, outcome_unknown: bool, **kwargs):
        super().__init__(message, **kwargs)
        self.outcome_unknown = outcome_unknown


CARD_CODES = frozenset({3001, 3002, 3005, 3103, 3104})
VOUCHER_CODES = frozenset({3012})
EXACT_CODES: dict[int, type[SevenDigitalError]] = {
    2001: NotFoundError,
    2002: NotAvailableError,
    2003: AlreadyExistsError,
    **dict.fromkeys(CARD_CODES, CardError),
    **dict.fromkeys(VOUCHER_CODES, VoucherError),
}
BANDS: dict[int, type[SevenDigitalError]] = {
    1: InputError,
    2: ResourceError,
    3: PaymentError,
    7: UnableToPerformError,
    9: InternalError,
}


def error_class_for(code: int | None) -> type[SevenDigitalError]:
    """The error class for a 7digital error code (by exact code, then by band)."""
    if code is None or not 1000 <= code <= 9999:
        return UnrecognisedError
    return EXACT_CODES.get(code) or BANDS.get(code // 1000, UnrecognisedError)
