"""Log output: secrets masked everywhere, one JSON object a line in production.

`RedactingFilter` goes on every handler (settings.LOGGING, gunicorn.conf.py). It masks,
in the message, its arguments and any traceback:

- OAuth 1.0 signatures, tokens, token secrets and verifiers (query strings, headers);
- the value of any field named like a password, secret, token, signature or API key
  (`name=value`, `name: value`, `"name": "value"`, `'name': 'value'`);
- bearer/basic credentials and the password in `scheme://user:password@host` URLs;
- card numbers: 13-19 digit runs (spaces or dashes allowed) that pass the Luhn check,
  of which only the last four digits are kept.

`JsonFormatter` writes what log collectors parse, and redacts on its own too, so a
handler configured without the filter still leaks nothing. Neither imports Django:
gunicorn's own loggers (the access log carries query strings) use them as well.
"""

import json
import logging
import re
from datetime import UTC, datetime
from typing import Any

MASK = "[redacted]"

_SECRET_NAME = (  # nosec B105  # names of secret fields, to mask them
    r"[\w-]*(?:password|passwd|secret|token|signature|verifier|api[_-]?key|"
    r"authori[sz]ation|cvv|cvc|card_?number|verification_?code|sessionid)[\w-]*"
)
# name, separator (= or :, maybe quoted on either side), then the value: a quoted string
# or a bare run up to the next delimiter.
_SECRET_FIELD = re.compile(
    rf"(?P<head>\b{_SECRET_NAME}[\"']?\s*[:=]\s*)"
    rf"(?!{re.escape(MASK)})"  # masked already (the filter, then the formatter)
    r"(?P<value>\"[^\"]*\"|'[^']*'|[^\s\"'&,;)}\]]+)",
    re.IGNORECASE,
)
_CREDENTIAL = re.compile(r"\b(?P<scheme>Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+", re.IGNORECASE)
_URL_PASSWORD = re.compile(r"(?P<head>[a-z][a-z0-9+.-]*://[^/\s:@]*:)[^/\s@]+@", re.IGNORECASE)
_DIGIT_RUN = re.compile(r"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])")

# Attributes every LogRecord has: anything else came in `extra=` and may be logged.
_RECORD_FIELDS = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
}


def luhn_valid(digits: str) -> bool:
    """True when the digit string passes the Luhn checksum (as every card number does)."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def _mask_field(match: re.Match) -> str:
    value = match["value"]
    quote = value[0] if value[0] in "\"'" else ""
    return f"{match['head']}{quote}{MASK}{quote}"


def _mask_card(match: re.Match) -> str:
    digits = re.sub(r"\D", "", match[0])
    if not luhn_valid(digits):
        return match[0]  # an id, a timestamp, a UPC: not a card
    return f"[card ending {digits[-4:]}]"


def redact(text: str) -> str:
    """text with every secret the module knows of masked (idempotent)."""
    text = _URL_PASSWORD.sub(lambda m: f"{m['head']}{MASK}@", text)
    text = _CREDENTIAL.sub(lambda m: f"{m['scheme']} {MASK}", text)
    text = _SECRET_FIELD.sub(_mask_field, text)
    return _DIGIT_RUN.sub(_mask_card, text)


def _message_of(record: logging.LogRecord) -> str:
    try:
        return record.getMessage()
    except (TypeError, ValueError):  # arguments that do not fit the format: keep both
        return f"{record.msg} {record.args!r}"


class RedactingFilter(logging.Filter):
    """Masks secrets in a record before any handler formats it (never drops one).

    The message is merged with its arguments and masked, so formatters see no
    arguments; a traceback is rendered once and masked into `exc_text`, which
    formatters reuse instead of rendering it again.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(_message_of(record))
        record.args = None
        record._redacted = record.msg  # what JsonFormatter need not mask again
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def _redacted_message(record: logging.LogRecord) -> str:
    """The record's message masked: as the filter left it when nothing changed it since
    (a gunicorn access line is masked once, not twice), else masked here."""
    if record.args is None and record.msg is getattr(record, "_redacted", None):
        return record.msg
    return redact(_message_of(record))


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC, ISO 8601), level, logger, message, process,
    the record's simple `extra` values (e.g. Django's status_code), and exception."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": _redacted_message(record),
            "process": record.process,
        }
        for key, value in vars(record).items():
            if key in _RECORD_FIELDS or key.startswith("_") or key in entry:
                continue
            if isinstance(value, str):
                entry[key] = redact(value)
            elif value is None or isinstance(value, bool | int | float):
                entry[key] = value
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exception"] = redact(record.exc_text)
        if record.stack_info:
            entry["stack"] = redact(self.formatStack(record.stack_info))
        return json.dumps(entry, ensure_ascii=False, default=str)
