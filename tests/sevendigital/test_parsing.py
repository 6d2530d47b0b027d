"""The parser: one normalised tree for XML and JSON, safe XML, tolerant field reads."""

import json
from decimal import Decimal

import pytest

from sevendigital import (
    AuthError,
    Basket,
    Money,
    NotFoundError,
    Page,
    Release,
    SevenDigitalError,
    TransportError,
    parse_response,
)

from .fakes import envelope
from .recordings import XML_FILES, name_of
from .xml_expect import parse_xml


def sandbox_json(element) -> object:
    """The JSON mapping the sandbox applies to XML (attributes as properties, repeated
    children as lists, text under "value" when attributes are present)."""
    children = list(element)
    if not children and not element.attrib:
        return element.text or ""
    value = dict(element.attrib)
    for child in children:
        item = sandbox_json(child)
        if child.tag not in value:
            value[child.tag] = item
        elif isinstance(value[child.tag], list):
            value[child.tag].append(item)
        else:
            value[child.tag] = [value[child.tag], item]
    if element.text and element.text.strip():
        value["value"] = element.text
    return value


def ok_recordings() -> list:
    files = []
    for path in XML_FILES:
        root = parse_xml(path.read_bytes())
        if root is not None and root.tag == "response" and root.get("status") == "ok":
            files.append(path)
    return files


@pytest.mark.parametrize("path", ok_recordings(), ids=name_of)
def test_json_variant_gives_the_same_model_as_xml(path):
    """XML and its JSON mapping go through one code path and build equal models."""
    root = parse_xml(path.read_bytes())
    document = {"status": "ok", "version": "1.2"}
    for child in root:
        document[child.tag] = sandbox_json(child)
    as_json = json.dumps(document).encode()
    assert parse_response(as_json) == parse_response(path.read_bytes())


def test_single_json_child_is_an_object_not_a_list():
    """A list with one item arrives as an object in JSON and still gives one item."""
    body = {
        "status": "ok",
        "releases": {
            "page": "1",
            "pageSize": "10",
            "totalItems": "1",
            "release": {"id": "7", "title": "Only One"},
        },
    }
    page = parse_response(json.dumps(body))
    assert isinstance(page, Page)
    assert [release.title for release in page] == ["Only One"]


def test_real_json_numbers_and_booleans_are_read_exactly():
    """Numbers stay exact Decimals (never floats) and JSON booleans are booleans."""
    body = (
        '{"release": {"id": 5, "title": "T", "explicitContent": true, "download": {"packages":'
        ' {"package": {"id": 2, "price": {"currencyCode": "GBP", "sevendigitalPrice": 0.1}}}}}}'
    )
    release = parse_response(body)
    assert release.explicit_content is True
    price = release.packages[0].price.sevendigital_price
    assert price.amount == Decimal("0.1")
    assert price.currency == "GBP"


def test_nil_and_empty_elements_are_none_or_empty():
    """xsi:nil and empty elements become None; an empty list element an empty tuple."""
    body = envelope(
        '<basket id="b"><itemCount>0</itemCount><price xmlns:xsi='
        '"http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/><basketItems/></basket>'
    )
    basket = parse_response(body)
    assert basket == Basket(id="b", item_count=0, price=None, items=(), amount_due=None)


def test_private_use_mark_characters_in_api_text_are_replaced():
    """The store's cached fragments mark their holes with U+E000-U+E003: a title that
    carried one would be filled like a mark (with the viewer's CSRF token, say)."""
    body = envelope(
        '<release id="1"><title>Hidden \ue003 \ue000csrf\ue002[]\ue001 end \ue004</title>'
        '<artist id="2"><name>\ue000A</name></artist></release>'
    )
    release = parse_response(body)
    assert release.title == "Hidden \ufffd \ufffdcsrf\ufffd[]\ufffd end \ue004"
    assert release.artist.name == "\ufffdA"


def test_declared_latin1_encoding_is_honoured():
    """The XML declaration's encoding is used (one real fixture is iso-8859-1)."""
    body = (
        '<?xml version="1.0" encoding="iso-8859-1"?><response status="ok" version="1.2">'
        '<release id="1"><title>Caf\xe9</title></release></response>'
    ).encode("latin-1")
    assert parse_response(body).title == "Café"


def test_entity_declarations_are_refused():
    """A body with a DTD/entities (billion laughs, XXE) is rejected, not expanded."""
    body = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>'
        b'<response status="ok" version="1.2"><release id="1"><title>&b;</title></release>'
        b"</response>"
    )
    with pytest.raises(TransportError) as caught:
        parse_response(body)
    assert caught.value.outcome_unknown is True


def test_json_error_envelope_is_an_error():
    """A JSON error envelope raises by code, like the XML one."""
    body = '{"status": "error", "error": {"code": "2001", "errorMessage": "Release not found"}}'
    with pytest.raises(NotFoundError) as caught:
        parse_response(body, status=404)
    assert (caught.value.code, caught.value.status) == (2001, 404)


def test_oauth_plain_text_is_an_auth_error():
    """The plain-text OAuth failure body raises AuthError carrying the reason."""
    with pytest.raises(AuthError) as caught:
        parse_response(b"OAuth authentication error: Not found", status=401)
    assert "Not found" in caught.value.message
    assert caught.value.status == 401


def test_xml_without_status_is_malformed():
    """An XML envelope must say status="ok" to be a success."""
    with pytest.raises(TransportError):
        parse_response(b'<response version="1.2"><release id="1"/></response>')


def test_error_with_http_200_is_still_an_error():
    """The body decides: an error envelope sent with HTTP 200 raises."""
    body = envelope('<error code="2001"><errorMessage>gone</errorMessage></error>', "error")
    with pytest.raises(SevenDigitalError) as caught:
        parse_response(body, status=200)
    assert caught.value.code == 2001


def test_legacy_and_current_prices_are_decimal_money():
    """Legacy price and package prices are Money with Decimal amounts."""
    release = parse_response(
        envelope(
            '<release id="3"><title>X</title><price><currency code="EUR">\u20ac</currency>'
            "<value>0.99</value><formattedPrice>0,99\u20ac</formattedPrice></price></release>"
        )
    )
    assert isinstance(release, Release)
    assert release.price.value.amount == Decimal("0.99")
    assert release.price.value.currency == "EUR"
    assert release.price.currency_symbol == "\u20ac"


def test_voucher_details_are_read_field_by_field():
    """payment/voucher/details (no recording): the sandbox's voucher shape parses."""
    voucher = parse_response(
        envelope(
            '<voucher code="SAVE5"><type>fixed</type><amount>5.00</amount>'
            '<currency code="GBP"/><minimumSpend>10.00</minimumSpend><validUntil/>'
            '<remainingUses>3</remainingUses><territories><territory code="GB"/>'
            '<territory code="IE"/></territories><status>active</status></voucher>'
        )
    )
    assert (voucher.code, voucher.type, voucher.status) == ("SAVE5", "fixed", "active")
    assert voucher.discount == Money(Decimal("5.00"), "GBP")
    assert voucher.minimum_spend == Decimal("10.00")
    assert (voucher.valid_until, voucher.remaining_uses) == (None, 3)
    assert voucher.territories == ("GB", "IE")
