"""Reading a response body into one normalised tree, whatever its format.

XML is converted to the shape the JSON variant has (the mapping the sandbox and the
recorded `.json` files use): attributes become properties, repeated children become
lists (a single child stays an object), leaf text stays a string, an empty element
is "", and the text of an element that also has attributes sits under "value".
Namespaced attributes keep their usual prefix (`xsi:nil`). Every model is then built
from that tree, so XML and JSON share one code path.
"""

import json
from decimal import Decimal
from typing import Any
from xml.etree.ElementTree import Element  # nosec B405  # the type only: defusedxml parses

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

Tree = dict[str, Any] | list[Any] | str | int | Decimal | bool | None

NAMESPACE_PREFIXES = {
    "http://www.w3.org/2001/XMLSchema-instance": "xsi",
    "http://www.w3.org/2001/XMLSchema": "xsd",
}


class MalformedBody(ValueError):
    """The body is neither a readable 7digital XML nor JSON document."""


def _local_name(name: str) -> str:
    """An element or attribute name without its namespace, or with its known prefix."""
    if not name.startswith("{"):
        return name
    uri, _, local = name[1:].partition("}")
    prefix = NAMESPACE_PREFIXES.get(uri)
    return f"{prefix}:{local}" if prefix else local


def element_to_tree(element: Element) -> Tree:
    """The JSON-shaped value of an XML element (see the module docstring)."""
    children = list(element)
    if not children and not element.attrib:
        return element.text or ""
    value: dict[str, Any] = {_local_name(k): v for k, v in element.attrib.items()}
    for child in children:
        name = _local_name(child.tag)
        item = element_to_tree(child)
        if name not in value:
            value[name] = item
        elif isinstance(value[name], list):
            value[name].append(item)
        else:
            value[name] = [value[name], item]
    if element.text and element.text.strip():
        value["value"] = element.text
    return value


def read_xml(body: bytes) -> dict[str, Any]:
    """The `response` element of an XML body as a tree.

    defusedxml refuses DTDs, entity declarations and external references, so a
    hostile body can neither expand entities nor make the parser fetch anything.
    """
    try:
        root = fromstring(body, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except (ParseError, DefusedXmlException, ValueError) as error:
        raise MalformedBody(f"unreadable XML: {error}") from error
    if _local_name(root.tag) != "response":
        raise MalformedBody(f"root element is <{root.tag}>, not <response>")
    tree = element_to_tree(root)
    return tree if isinstance(tree, dict) else {}


def read_json(body: bytes) -> dict[str, Any]:
    """A JSON body as a tree; decimals stay exact (prices are never floats)."""
    try:
        document = json.loads(body, parse_float=Decimal)
    except (ValueError, UnicodeDecodeError) as error:
        raise MalformedBody(f"unreadable JSON: {error}") from error
    if not isinstance(document, dict):
        raise MalformedBody("JSON body is not an object")
    return document


def sniff(body: bytes) -> str | None:
    """ "xml", "json" or None, judged by the body itself rather than its Content-Type."""
    start = body.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if start == b"<":
        return "xml"
    if start in (b"{", b"["):
        return "json"
    return None


def read_document(body: bytes) -> tuple[str, dict[str, Any]]:
    """(format, tree of the whole response) for an XML or JSON body."""
    kind = sniff(body)
    if kind == "xml":
        return kind, read_xml(body)
    if kind == "json":
        return kind, read_json(body)
    raise MalformedBody("the body is neither XML nor JSON")
