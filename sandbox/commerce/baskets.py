"""Baskets: adding and removing items, vouchers, and what the basket comes to.

A basket belongs to one territory (the `country`/`shopId` it was created with);
items are checked and priced there when added, and keep that price. Every change
runs under a lock on the basket row and is refused once the basket is bought (7001),
so a change cannot slip in beside a purchase. Adding an item that is already in the
basket (same release, track and package) does not add a second one: the existing
item is kept, at this call's price (`basket/addpriceditem` can so re-price an item).
"""

import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from sandbox.models import Basket, BasketItem, Consumer, Country, Release, Track, Voucher
from sandbox.queries.pricing import PACKAGES, PREMIUM, STANDARD, PriceBook
from sandbox.wire import ApiError, invalid, not_available, not_found

from .vouchers import (
    quantum,
    voucher_by_code,
    voucher_discount,
    voucher_not_applied,
    voucher_problem,
)

UNABLE_TO_PERFORM = 7001


@dataclass(frozen=True)
class ItemTotal:
    item: BasketItem
    amount_due: Decimal  # the item's price less its share of the discount


@dataclass(frozen=True)
class BasketTotals:
    country: Country
    items: tuple[ItemTotal, ...]
    subtotal: Decimal  # sum of the item prices
    rrp_total: Decimal
    discount: Decimal
    amount_due: Decimal  # subtotal - discount; the items' amounts due sum to it exactly
    voucher: Voucher | None  # the voucher giving the discount, if one does


def already_purchased() -> ApiError:
    return ApiError(UNABLE_TO_PERFORM, "Basket has already been purchased")


def parse_basket_id(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError:
        raise invalid("basketId", f"'{value}' is not a basket id") from None


def basket_get(basket_id: uuid.UUID) -> Basket:
    """The basket, or 2001."""
    basket = Basket.objects.select_related("country", "voucher").filter(pk=basket_id).first()
    if basket is None:
        raise not_found(f"Basket not found: {basket_id}")
    return basket


def basket_create(*, consumer: Consumer, country: Country) -> Basket:
    return Basket.objects.create(consumer=consumer, country=country)


def basket_add_item(
    *, basket: Basket, release: Release, track: Track | None = None, package_id: int = STANDARD.id
) -> Basket:
    """Add a release (or one of its tracks) at the territory's price for the package."""
    package = _package(release, package_id)
    tier = track.price_tier if track is not None else release.price_tier
    money = PriceBook(basket.country).price(tier, package)
    if money is None:
        raise not_available(f"Release {release.pk} has no price in {basket.country.code}")
    return _put_item(basket, release, track, package.id, money.price, money.rrp)


def basket_add_priced_item(
    *,
    basket: Basket,
    release: Release,
    price: Decimal,
    track: Track | None = None,
    package_id: int = STANDARD.id,
) -> Basket:
    """Add an item at the partner's own price (its rrp stays the catalogue's, if priced)."""
    package = _package(release, package_id)
    if price != price.quantize(quantum(basket.country.currency_decimals)):
        raise invalid("price", f"{basket.country.currency_code} has no amount {price}")
    tier = track.price_tier if track is not None else release.price_tier
    money = PriceBook(basket.country).price(tier, package)
    rrp = money.rrp if money is not None else price
    return _put_item(basket, release, track, package.id, price, rrp)


def basket_remove_item(*, basket: Basket, item_id: int) -> Basket:
    with transaction.atomic():
        basket = _locked(basket)
        deleted, _ = basket.items.filter(pk=item_id).delete()
        if not deleted:
            raise not_found(f"Basket item not found: {item_id}")
        basket.save(update_fields=["updated"])
    return basket


def basket_apply_voucher(*, basket: Basket, code: str) -> Basket:
    """Attach the voucher (replacing any other) if it applies to the basket now, else 3012."""
    with transaction.atomic():
        basket = _locked(basket)
        voucher = voucher_by_code(code)
        if voucher is None:
            raise voucher_not_applied(f"Voucher code is not valid: {code}")
        subtotal = sum((item.price for item in basket.items.all()), Decimal(0))
        problem = voucher_problem(voucher, country=basket.country, subtotal=subtotal)
        if problem is not None:
            raise voucher_not_applied(problem)
        basket.voucher = voucher
        basket.save(update_fields=["voucher", "updated"])
    return basket


def basket_remove_voucher(*, basket: Basket) -> Basket:
    """Take the voucher off (a sandbox extension; doing it twice is harmless)."""
    with transaction.atomic():
        basket = _locked(basket)
        basket.voucher = None
        basket.save(update_fields=["voucher", "updated"])
    return basket


def basket_totals(basket: Basket, *, items: list[BasketItem] | None = None) -> BasketTotals:
    """What the basket comes to now, item by item; items defaults to the basket's own."""
    if items is None:
        items = list(basket.items.select_related("release__artist", "track__artist"))
    country = basket.country
    subtotal = sum((item.price for item in items), Decimal(0))
    voucher = basket.voucher if basket.voucher_id else None
    if voucher and voucher_problem(voucher, country=country, subtotal=subtotal, count_uses=False):
        voucher = None
    discount = Decimal(0)
    if voucher is not None:
        discount = voucher_discount(voucher, subtotal, decimals=country.currency_decimals)
    shares = _share_out(discount, [item.price for item in items], country.currency_decimals)
    return BasketTotals(
        country=country,
        items=tuple(ItemTotal(i, i.price - share) for i, share in zip(items, shares, strict=True)),
        subtotal=subtotal,
        rrp_total=sum((item.rrp for item in items), Decimal(0)),
        discount=discount,
        amount_due=subtotal - discount,
        voucher=voucher,
    )


def _share_out(discount: Decimal, prices: list[Decimal], decimals: int) -> list[Decimal]:
    """discount split over prices in proportion, in whole minor units, summing exactly.

    Largest remainder: every item gets the floor of its exact share, and the units
    left over go to the items with the largest fractions. No share exceeds its price.
    """
    unit = quantum(decimals)
    units = int(discount / unit)
    price_units = [int(price / unit) for price in prices]
    total = sum(price_units)
    if units == 0 or total == 0:
        return [Decimal(0)] * len(prices)
    exact = [(units * p, index) for index, p in enumerate(price_units)]
    floors = [value // total for value, _ in exact]
    leftover = units - sum(floors)
    by_fraction = sorted(exact, key=lambda pair: (-(pair[0] % total), pair[1]))
    for _, index in by_fraction[:leftover]:
        floors[index] += 1
    return [share * unit for share in floors]


def _package(release: Release, package_id: int):
    package = PACKAGES.get(package_id)
    if package is None or (package.id == PREMIUM.id and not release.has_lossless):
        raise invalid("packageId", f"release {release.pk} is not sold in package {package_id}")
    return package


def _put_item(
    basket: Basket,
    release: Release,
    track: Track | None,
    package_id: int,
    price: Decimal,
    rrp: Decimal,
) -> Basket:
    if track is not None and track.release_id != release.pk:
        raise invalid("trackId", f"track {track.pk} is not on release {release.pk}")
    if not release.is_available_in(basket.country.code):
        raise not_available(f"Release {release.pk} is not available in {basket.country.code}")
    with transaction.atomic():
        basket = _locked(basket)
        BasketItem.objects.update_or_create(
            basket=basket,
            release=release,
            track=track,
            package_id=package_id,
            defaults={"price": price, "rrp": rrp},
        )
        basket.save(update_fields=["updated"])
    return basket


def _locked(basket: Basket) -> Basket:
    """The basket row, locked until the transaction ends; 7001 once it is bought."""
    # of=self: the territory row joined in is read, not locked.
    locked = (
        Basket.objects.select_for_update(of=("self",)).select_related("country").get(pk=basket.pk)
    )
    if locked.purchase_id is not None:
        raise already_purchased()
    return locked
