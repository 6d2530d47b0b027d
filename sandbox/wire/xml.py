"""Building payload elements, and rendering them as 7digital XML or JSON.

Views build an lxml element for the payload (`release`, `searchResults`, ...); the
envelope, the content negotiation and the JSON mapping live here only. The JSON is
mapped from the XML the way the recorded `.json` files show: attributes become
properties, repeated children become arrays, text stays a string, empty is "".
"""

import re
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from django.http import HttpRequest, HttpResponse, JsonResponse
from lxml import etree

XSI = "http://www.w3.org/2001/XMLSchema-instance"
# Controls other than tab/LF/CR, lone surrogates, U+FFFE and U+FFFF: not allowed in XML 1.0.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
Element = etree._Element


def text_of(value) -> str | None:
    """The wire text of a Python value: lowercase booleans, ISO dates, plain decimals."""
    kind = type(value)
    if kind is str:  # most values: names, titles, slugs, URLs
        # Printable ASCII (no controls) is valid XML as it is; skip the regex.
        return value if value.isascii() and value.isprintable() else _xml_safe(value)
    if kind is int:
        return str(value)
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.strftime("%Y-%m-%dT00:00:00Z")
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return _xml_safe(str(value))


def _xml_safe(text: str) -> str:
    # Messages echo request values, which may hold characters XML 1.0 cannot carry.
    return NOT_XML.sub("\ufffd", text)


def _attributes(attrs: dict) -> dict[str, str]:
    return {k: text_of(v) for k, v in attrs.items() if v is not None} if attrs else {}


def el(tag: str, text=None, /, **attrs) -> Element:
    """A new element; attributes whose value is None are left out."""
    node = etree.Element(tag, _attributes(attrs))
    if text is not None:
        node.text = text_of(text)
    return node


def sub(parent: Element, tag: str, text=None, /, **attrs) -> Element:
    """A child element appended to parent (see `el`)."""
    node = etree.SubElement(parent, tag, _attributes(attrs))
    if text is not None:
        node.text = text_of(text)
    return node


def paged(
    tag: str, page: int, page_size: int, total: int, items: Iterable[Element] = ()
) -> Element:
    """A list container whose first children are the paging block, as the API does."""
    node = el(tag)
    sub(node, "page", page)
    sub(node, "pageSize", page_size)
    sub(node, "totalItems", total)
    node.extend(items)
    return node


def wants_json(request: HttpRequest) -> bool:
    accept = request.headers.get("Accept", "")
    # The .NET wrapper sends "application/json, application/xml;q=0.5": JSON wins there.
    return "application/json" in accept and not accept.startswith("application/xml")


def to_xml(payload: Element | None, status: str = "ok") -> bytes:
    root = etree.Element("response", nsmap={"xsi": XSI})
    root.set("status", status)
    root.set("version", "1.2")
    if payload is not None:
        root.append(payload)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def to_json_value(node: Element):
    children = list(node)
    if not children and not node.attrib:
        return node.text or ""
    value: dict = dict(node.attrib)
    for child in children:
        item = to_json_value(child)
        if child.tag in value:
            existing = value[child.tag]
            if isinstance(existing, list):
                existing.append(item)
            else:
                value[child.tag] = [existing, item]
        else:
            value[child.tag] = item
    if node.text and node.text.strip():
        value["value"] = node.text
    return value


def render(request: HttpRequest, payload: Element | None, status: int = 200) -> HttpResponse:
    """The ok envelope around payload (None gives the empty `<response status="ok"/>`)."""
    if wants_json(request):
        body = {"status": "ok", "version": "1.2"}
        if payload is not None:
            body[payload.tag] = to_json_value(payload)
        return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
    return HttpResponse(to_xml(payload), status=status, content_type="text/xml; charset=utf-8")


def render_error(request: HttpRequest, code: int, message: str, status: int) -> HttpResponse:
    error = el("error", code=code)
    sub(error, "errorMessage", message)
    if wants_json(request):
        body = {
            "status": "error",
            "version": "1.2",
            "error": {"code": str(code), "errorMessage": message},
        }
        return JsonResponse(body, status=status)
    return HttpResponse(
        to_xml(error, status="error"), status=status, content_type="text/xml; charset=utf-8"
    )
