"""Typed reads from the normalised tree (see tree.py).

A value may be missing, "" (empty element), nil (`xsi:nil="true"`), an object whose
text is under "value", a list where one was expected, or (in real JSON) a number or
boolean. These helpers absorb all of that so the builders stay declarative.
"""

from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any


def is_nil(value: Any) -> bool:
    return isinstance(value, dict) and any(
        (key == "nil" or key.endswith((":nil", "}nil"))) and str(val).lower() == "true"
        for key, val in value.items()
    )


def node(parent: Any, name: str) -> Any:
    """The child `name` of parent (the first if repeated); None if missing or nil."""
    if not isinstance(parent, dict):
        return None
    value = parent.get(name)
    if isinstance(value, list):
        value = value[0] if value else None
    return None if value is None or is_nil(value) else value


def nodes(parent: Any, name: str) -> list[Any]:
    """Every child `name` of parent as a list: a single child is an object, not a list."""
    if not isinstance(parent, dict):
        return []
    value = parent.get(name)
    values = value if isinstance(value, list) else [value]
    return [item for item in values if item is not None and item != "" and not is_nil(item)]


# Private-use code points that the store's templates use as marks of their own (a
# cached fragment's holes: catalogue/templatetags/fragments.py). Text from the API has
# no business carrying them; a title that did would be filled like a mark.
_MARKS = dict.fromkeys(range(0xE000, 0xE004), "\ufffd")


def own_text(value: Any) -> str | None:
    """The text of a node itself: a string, a number, or the "value" of an object;
    private-use mark characters (U+E000-U+E003) become U+FFFD."""
    if isinstance(value, dict):
        value = None if is_nil(value) else value.get("value")
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    value = str(value).translate(_MARKS)
    return value if value.strip() else None


def text(parent: Any, name: str) -> str | None:
    """The text of child (or attribute) `name`; None when missing, empty or nil."""
    return own_text(node(parent, name))


def integer(parent: Any, name: str) -> int | None:
    value = text(parent, name)
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        try:
            return int(Decimal(value))
        except (InvalidOperation, ValueError):
            return None


def decimal(parent: Any, name: str) -> Decimal | None:
    value = text(parent, name)
    try:
        return Decimal(value.strip()) if value is not None else None
    except InvalidOperation:
        return None


def number(parent: Any, name: str) -> float | None:
    """A float for scores and popularity (never for money: see `decimal`)."""
    value = decimal(parent, name)
    return float(value) if value is not None else None


def boolean(parent: Any, name: str) -> bool | None:
    value = text(parent, name)
    if value is None:
        return None
    return {"true": True, "false": False, "1": True, "0": False}.get(value.strip().lower())


def timestamp(parent: Any, name: str) -> datetime | None:
    """An ISO-8601 date-time (offsets and 7-digit .NET fractions included)."""
    value = text(parent, name)
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
