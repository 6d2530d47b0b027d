"""Purchase operations: user/purchase/{item,rrpitem,priceditem,basket} and user/deliveritem.

Each answers `purchase @id` -> `purchaseDate`, `lockerReleases` (the locker's shape,
with signed download URLs), as user/purchase/basket is recorded. The purchase calls
charge the user's default card (3002 with none; 3001, 3003, 3005, 3102 as the card
decides). deliveritem credits an item the partner was paid for (no card), logging a
sale on every call; it is XML-only on the real API, and so here when it succeeds.
"""

from dataclasses import replace

from django.http import HttpResponse

from sandbox.commerce import locker, purchases
from sandbox.commerce.baskets import basket_get, parse_basket_id
from sandbox.models import Purchase
from sandbox.queries.pricing import STANDARD
from sandbox.serializers import Context
from sandbox.serializers.locker import purchase_element
from sandbox.wire import THREE_LEGGED, ApiError, ApiRequest, invalid, operation
from sandbox.wire.xml import Element, to_xml

PRICE_MISMATCH = 3004
Method = Purchase.Method


def _line(api: ApiRequest, **pricing) -> purchases.LineItem:
    params = api.params
    return purchases.item_line(
        country=api.country,
        release_id=params.id("releaseId"),
        track_id=params.id("trackId", required=False),
        package_id=params.int("packageId", default=STANDARD.id, minimum=1, maximum=1000),
        **pricing,
    )


def _answer(ctx: Context, purchase: Purchase) -> Element:
    # ctx is made before buying: an invalid imageSize must not fail a purchase made.
    return purchase_element(purchase, locker.purchase_releases(purchase), ctx)


def _buy(api: ApiRequest, line: purchases.LineItem) -> Element:
    ctx = Context.of(api)
    purchase = purchases.purchase_item(
        user=api.user, consumer=api.consumer, country=api.country, line=line
    )
    return _answer(ctx, purchase)


@operation("user/purchase/item", auth=THREE_LEGGED)
def purchase_item(api: ApiRequest) -> Element:
    """Buy at the catalogue price; `price`, if sent, must be that price (else 3004)."""
    expected = api.params.decimal("price")
    line = _line(api)
    if expected is not None and expected != line.price:
        raise ApiError(
            PRICE_MISMATCH,
            f"Supplied price {expected} does not match the price {line.price}",
        )
    return _buy(api, line)


@operation("user/purchase/rrpitem", auth=THREE_LEGGED)
def purchase_rrp_item(api: ApiRequest) -> Element:
    """Buy at the recommended retail price."""
    return _buy(api, _line(api, at_rrp=True))


@operation("user/purchase/priceditem", auth=THREE_LEGGED)
def purchase_priced_item(api: ApiRequest) -> Element:
    """Buy at the price the partner sets (`price`, required)."""
    return _buy(api, _line(api, price=api.params.decimal("price", required=True)))


@operation("user/purchase/basket", auth=THREE_LEGGED)
def purchase_basket(api: ApiRequest) -> Element:
    """Buy the basket with the default card, once (a second call is 7001, no charge)."""
    basket = basket_get(parse_basket_id(api.params.str("basketId", required=True)))
    ctx = replace(Context.of(api), country=basket.country)  # the basket's territory
    purchase = purchases.purchase_record(
        basket=basket, user=api.user, method=Method.CARD, caller_consumer=api.consumer
    )
    return _answer(ctx, purchase)


@operation("user/deliveritem", auth=THREE_LEGGED)
def deliver_item(api: ApiRequest) -> HttpResponse:
    """Credit an item to the user: the partner took `retailPrice` (default: the
    catalogue price) in `currency` (default: the territory's) under `transactionId`."""
    params = api.params
    ctx = Context.of(api)
    currency = (params.str("currency") or api.country.currency_code).upper()
    if len(currency) != 3 or not (currency.isascii() and currency.isalpha()):
        raise invalid("currency", f"'{currency}' is not an ISO 4217 code")
    line = _line(api, price=params.decimal("retailPrice"))
    purchase = purchases.purchase_item(
        user=api.user,
        consumer=api.consumer,
        country=api.country,
        line=line,
        method=Method.PARTNER,
        transaction_id=_transaction_id(params.str("transactionId") or ""),
        currency_code=currency,
    )
    body = to_xml(_answer(ctx, purchase))
    return HttpResponse(body, content_type="text/xml; charset=utf-8")


def _transaction_id(value: str) -> str:
    if len(value) > Purchase._meta.get_field("transaction_id").max_length:
        raise invalid("transactionId", "it is longer than 100 characters")
    return value
