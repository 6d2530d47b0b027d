"""The basket and voucher elements, and the legacy price blocks a basket carries.

Shapes from the recordings `basket/*.xml`, `basket/additem/*`, `basket/applyvoucher/*`
(WIRE-NOTES §3.5, §4.3.1): `basket @id` -> `itemCount`, `price` (`currency @code`,
`value`, `formattedPrice`, `rrp`, `formattedRrp`), `basketItems/basketItem[] @id`
(`type`, `itemName`, `artistName`, `trackId` (empty for a release), `releaseId`,
`price`, `package @id`, `discount/type`? = Voucher, `amountDue` (`amount`,
`formattedAmount`)), then `amountDue` with its `currency`. Amounts are written the
way the territory writes them (`Money`), so "£5.99", "5,99 €" and "¥250".

The `voucher` element of `payment/voucher/details` has no recording (WIRE-NOTES §9);
its shape is the sandbox's own: `voucher @code` -> `type` (percentage | fixed),
`amount`, `currency @code`? (fixed only), `minimumSpend`, `validFrom`, `validUntil`
(empty when open-ended), `remainingUses` (empty when unlimited),
`territories/territory[] @code` (none: everywhere), `status` (active | inactive |
pending | expired | used). Empty rather than `xsi:nil`, so the JSON reads "".
"""

from datetime import datetime
from decimal import Decimal

from sandbox.commerce.baskets import BasketTotals, ItemTotal
from sandbox.commerce.vouchers import voucher_countries, voucher_remaining_uses, voucher_status
from sandbox.models import Basket, Country, Voucher
from sandbox.queries.pricing import Money
from sandbox.wire import el, sub
from sandbox.wire.xml import Element

VOUCHER_TYPES = {Voucher.Kind.PERCENT: "percentage", Voucher.Kind.FIXED: "fixed"}


def money_of(country: Country) -> Money:
    """Money's amount/formatted writers for country (one place writes prices)."""
    return Money(Decimal(0), Decimal(0), country)


def price_element(price: Decimal, rrp: Decimal, country: Country) -> Element:
    """The legacy `price` block of a basket or of one of its items."""
    money = money_of(country)
    node = el("price")
    sub(node, "currency", country.currency_symbol, code=country.currency_code)
    sub(node, "value", money.amount(price))
    sub(node, "formattedPrice", money.formatted(price))
    sub(node, "rrp", money.amount(rrp))
    sub(node, "formattedRrp", money.formatted(rrp))
    return node


def amount_due_element(amount: Decimal, country: Country, *, with_currency: bool) -> Element:
    """`amountDue`; the basket's names its currency, an item's does not (as recorded)."""
    money = money_of(country)
    node = el("amountDue")
    if with_currency:
        sub(node, "currency", country.currency_symbol, code=country.currency_code)
    sub(node, "amount", money.amount(amount))
    sub(node, "formattedAmount", money.formatted(amount))
    return node


def basket_item_element(line: ItemTotal, totals: BasketTotals) -> Element:
    item = line.item
    node = el("basketItem", id=item.pk)
    sub(node, "type", item.type)
    if item.track_id:
        sub(node, "itemName", item.track.title)
        sub(node, "artistName", item.track.artist.name)
    else:
        sub(node, "itemName", item.release.title)
        sub(node, "artistName", item.release.artist.name)
    sub(node, "trackId", item.track_id)
    sub(node, "releaseId", item.release_id)
    node.append(price_element(item.price, item.rrp, totals.country))
    sub(node, "package", id=item.package_id)
    if totals.voucher is not None:
        sub(sub(node, "discount"), "type", "Voucher")
    node.append(amount_due_element(line.amount_due, totals.country, with_currency=False))
    return node


def basket_element(basket: Basket, totals: BasketTotals) -> Element:
    node = el("basket", id=basket.pk)
    sub(node, "itemCount", len(totals.items))
    node.append(price_element(totals.subtotal, totals.rrp_total, totals.country))
    items = sub(node, "basketItems")
    items.extend(basket_item_element(line, totals) for line in totals.items)
    node.append(amount_due_element(totals.amount_due, totals.country, with_currency=True))
    return node


def voucher_element(voucher: Voucher, *, now: datetime | None = None) -> Element:
    node = el("voucher", code=voucher.code)
    sub(node, "type", VOUCHER_TYPES[voucher.kind])
    sub(node, "amount", voucher.amount)
    if voucher.kind == Voucher.Kind.FIXED:
        sub(node, "currency", code=voucher.currency_code)
    sub(node, "minimumSpend", voucher.minimum_spend)
    sub(node, "validFrom", voucher.valid_from)
    sub(node, "validUntil", voucher.valid_until)
    sub(node, "remainingUses", voucher_remaining_uses(voucher))
    territories = sub(node, "territories")
    for code in voucher_countries(voucher):
        sub(territories, "territory", code=code)
    sub(node, "status", voucher_status(voucher, now=now))
    return node
