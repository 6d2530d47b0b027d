"""Reading expected values straight from a recording with lxml, independently of the
client's parser (whose tree conversion and builders are what the tests check)."""

from datetime import datetime
from decimal import Decimal, InvalidOperation

from lxml import etree

XSI_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"


def xel(el, path: str):
    """The element at path, or None if missing or nil."""
    if el is None:
        return None
    found = el.find(path)
    if found is None or found.get(XSI_NIL) == "true":
        return None
    return found


def xtext(el, path: str) -> str | None:
    found = xel(el, path)
    if found is None:
        return None
    text = found.text
    return text if text and text.strip() else None


def xint(el, path: str) -> int | None:
    text = xtext(el, path)
    return int(text) if text is not None else None


def xdec(el, path: str) -> Decimal | None:
    """A decimal; None when absent or not a number (the API writes "N/A" for no price)."""
    text = xtext(el, path)
    try:
        return Decimal(text.strip()) if text is not None else None
    except InvalidOperation:
        return None


def xfloat(el, path: str) -> float | None:
    text = xtext(el, path)
    return float(text) if text is not None else None


def xbool(el, path: str) -> bool | None:
    text = xtext(el, path)
    return None if text is None else text.strip().lower() == "true"


def xdate(el, path: str) -> datetime | None:
    text = xtext(el, path)
    if text is None:
        return None
    # .NET writes 7 fractional digits; Python reads up to 6.
    return datetime.fromisoformat(text.strip().replace("Z", "+00:00"))


def attr_int(el, name: str) -> int | None:
    value = el.get(name) if el is not None else None
    return int(value) if value not in (None, "") else None


def children(el, path: str) -> list:
    return [] if el is None else el.findall(path)


def amount(money) -> Decimal | None:
    return money.amount if money is not None else None


def parse_xml(data: bytes):
    """The recording's root element, or None if lxml cannot read it either."""
    try:
        return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return None
