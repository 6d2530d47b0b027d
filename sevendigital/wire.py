"""Python keyword arguments to the API's parameter names and value formats."""

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

# Where the API's name is not the camelCase of the Python keyword.
WIRE_NAMES = {
    "ip_address": "ipaddress",  # country/resolve
    "paypal_token": "token",  # nosec B105  # PayPal's token, not the OAuth one
    "request_token": "token",  # nosec B105  # oauth/requestToken/authorise
}


def wire_name(name: str) -> str:
    """release_id -> releaseId, page_size -> pageSize (names already camelCase pass)."""
    if name in WIRE_NAMES:
        return WIRE_NAMES[name]
    first, *rest = name.split("_")
    return first + "".join(word[:1].upper() + word[1:] for word in rest)


def wire_value(value: Any) -> str:
    """Lowercase booleans, yyyyMMdd dates, ISO date-times, plain decimals, comma lists."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.strftime("%Y%m%d")
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, Iterable) and not isinstance(value, str | bytes):
        return ",".join(wire_value(item) for item in value)
    return str(value)


def wire_params(params: Mapping[str, Any]) -> dict[str, str]:
    """The request parameters for keyword arguments; None means "not sent"."""
    return {
        wire_name(name): wire_value(value) for name, value in params.items() if value is not None
    }
