"""Shops, catalogue rows and API calls for the basket, voucher and PayPal tests.

Prices (from `factories`): GB track 0.99, album 7.99 (rrp 9.99), FLAC album 11.99;
FR album 9,99 €; JP album ¥1500, track ¥250 (no minor units); US album $9.99.
"""

import json
from decimal import Decimal

from lxml import etree

from sandbox.models import Release, Voucher
from tests.sandbox.factories import make_artist, make_country, make_release, make_track
from tests.sandbox.oauth_support import signed

JP_TIERS = {1: ("250", "250"), 10: ("1500", "1500"), 101: ("400", "400"), 110: ("2000", "2000")}
US_TIERS = {
    1: ("1.29", "1.29"),
    10: ("9.99", "9.99"),
    101: ("1.99", "1.99"),
    110: ("13.99", "13.99"),
}


def make_shops() -> dict:
    """GB, FR, JP and US territories, priced in their own currencies."""
    return {
        "GB": make_country("GB"),
        "FR": make_country("FR"),
        "JP": make_country(
            "JP",
            shop_id=60,
            currency_code="JPY",
            currency_symbol="¥",
            currency_decimals=0,
            tiers=JP_TIERS,
        ),
        "US": make_country(
            "US", shop_id=49, currency_code="USD", currency_symbol="$", tiers=US_TIERS
        ),
    }


def make_album() -> Release:
    """A lossless album of two tracks, sold everywhere but France."""
    keane = make_artist("Keane")
    release = make_release(
        keane, "Perfect Symmetry", has_lossless=True, price_tier=10, unavailable_in="FR"
    )
    make_track(release, "Spiralling", 1)
    make_track(release, "The Lovers Are Losing", 2)
    return release


def make_single() -> Release:
    """A one-track single without a lossless package, sold everywhere."""
    release = make_release(make_artist("Team Buy All"), "Item 1", price_tier=1, track_count=1)
    make_track(release, "Item 1", 1)
    return release


def call(client, method: str, path: str, consumer, *, as_json: bool = False, **params):
    """A 2-legged signed call to /1.2/<path> (key-level operations accept it too)."""
    headers = {"Accept": "application/json"} if as_json else None
    return signed(client, method, f"/1.2/{path}", consumer, params=params, headers=headers)


def get(client, path: str, consumer, **params):
    """A GET with only the consumer key in the query (key-level auth)."""
    return client.get(f"/1.2/{path}", {"oauth_consumer_key": consumer.key, **params})


def ok(response) -> etree._Element:
    """The payload element of an ok XML answer."""
    assert response.status_code == 200, response.content
    root = etree.fromstring(response.content)
    assert root.get("status") == "ok", response.content
    return root[0]


def error(response) -> tuple[int, int, str]:
    """(HTTP status, code, message) of an error answer."""
    root = etree.fromstring(response.content)
    assert root.get("status") == "error", response.content
    node = root.find("error")
    return response.status_code, int(node.get("code")), node.findtext("errorMessage")


def json_of(response) -> dict:
    assert response.status_code == 200, response.content
    return json.loads(response.content)


def new_basket(client, consumer, country: str = "GB") -> str:
    return ok(get(client, "basket/create", consumer, country=country)).get("id")


def add(client, consumer, basket_id: str, release, **params) -> etree._Element:
    return ok(
        get(client, "basket/addItem", consumer, basketId=basket_id, releaseId=release.pk, **params)
    )


def apply_voucher(client, consumer, basket_id: str, code: str):
    return call(
        client, "POST", "basket/applyVoucher", consumer, basketId=basket_id, voucherCode=code
    )


def amount_due(basket) -> str:
    return basket.findtext("amountDue/amount")


def item_amounts(basket) -> list[Decimal]:
    return [
        Decimal(text) for text in basket.xpath("basketItems/basketItem/amountDue/amount/text()")
    ]


def make_voucher(code: str, **fields) -> Voucher:
    fields.setdefault("amount", Decimal("10"))
    return Voucher.objects.create(code=code, **fields)
