"""Purchases: a basket or one item bought with a card, PayPal, or by a partner.

Every path ends in `_record`, inside one transaction and under a lock on the user
row: it refuses items the user already owns (when the user pays), charges the
default card, writes the `Purchase`, the locker rows (a release gives all its
tracks, as a complete album purchase) and one `Sale` per item, which charts and
recommendations count.

Codes chosen where the API documents none (docs/sandbox.md):
- a basket bought before: 7001 "Basket has already been purchased", never a second
  charge; an empty basket: 7001 "Basket is empty";
- an item the user already owns in that package: 2003 "... already purchased";
- a partner delivery (`user/deliveritem`) of an owned item is not refused: it logs
  the sale again and restores the tracks' downloads (deliveries are not idempotent).
A track is in the locker once per package; when a later purchase delivers it again
(an album over a track bought alone, a re-delivery), the row moves to that purchase.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone

from sandbox.models import (
    Basket,
    Card,
    Consumer,
    Country,
    LockerTrack,
    Purchase,
    Release,
    Sale,
    SandboxUser,
    Track,
)
from sandbox.models.purchases import DOWNLOADS_PER_PURCHASE
from sandbox.queries.catalogue import release_for, track_for
from sandbox.queries.pricing import PACKAGES, PREMIUM, STANDARD, PriceBook
from sandbox.wire import ApiError, already_exists, invalid, not_available, not_found

from .baskets import UNABLE_TO_PERFORM, already_purchased, basket_totals
from .cards import card_charge, default_card
from .vouchers import quantum, voucher_redeem

Method = Purchase.Method
MAX_PRICE = Decimal("999999.99")  # what the price columns hold


@dataclass(frozen=True)
class LineItem:
    """One thing bought: a release (all its tracks) or one track, in a package, at a price."""

    release: Release
    track: Track | None
    package_id: int
    price: Decimal

    def tracks(self) -> list[Track]:
        if self.track is not None:
            return [self.track]
        return list(self.release.tracks.order_by("disc_number", "track_number", "id"))


def item_line(
    *,
    country: Country,
    release_id: int,
    track_id: int | None = None,
    package_id: int = STANDARD.id,
    price: Decimal | None = None,
    at_rrp: bool = False,
) -> LineItem:
    """The release (or track) priced in country: its price, its RRP, or the given price."""
    release = release_for(release_id, country)
    track = track_for(track_id, country) if track_id is not None else None
    if track is not None and track.release_id != release.pk:
        raise not_found(f"Track {track_id} is not on release {release_id}")
    package = PACKAGES.get(package_id)
    if package is None or (package.id == PREMIUM.id and not release.has_lossless):
        raise invalid("packageId", f"release {release_id} is not sold in package {package_id}")
    if price is not None:
        if price != price.quantize(quantum(country.currency_decimals)):
            raise invalid("price", f"{country.currency_code} has no amount {price}")
        if price > MAX_PRICE:
            raise invalid("price", f"it is more than {MAX_PRICE}")
        return LineItem(release, track, package.id, price)
    tier = track.price_tier if track is not None else release.price_tier
    money = PriceBook(country).price(tier, package)
    if money is None:
        raise not_available(f"Release {release_id} has no price in {country.code}")
    return LineItem(release, track, package.id, money.rrp if at_rrp else money.price)


def purchase_record(
    *,
    basket: Basket,
    user: SandboxUser,
    method: str,
    caller_consumer: Consumer,
    card: Card | None = None,
) -> Purchase:
    """Buy the basket for user, exactly once: the basket row is locked first, a basket
    bought before is refused (7001), the voucher's use is counted, the card (card, or
    the user's default) is charged for a card purchase, and `basket.purchase` is set."""
    with transaction.atomic():
        basket = (
            Basket.objects.select_for_update(of=("self",))
            .select_related("country")
            .get(pk=basket.pk)
        )
        if basket.purchase_id is not None:
            raise already_purchased()
        items = list(basket.items.select_related("release", "track"))
        if not items:
            raise ApiError(UNABLE_TO_PERFORM, "Basket is empty")
        voucher_redeem(basket=basket)
        totals = basket_totals(basket, items=items)
        purchase = _record(
            user=user,
            consumer=caller_consumer,
            country=basket.country,
            method=method,
            card=card,
            total=totals.amount_due,
            lines=[LineItem(i.release, i.track, i.package_id, i.price) for i in items],
        )
        basket.purchase = purchase
        basket.save(update_fields=["purchase", "updated"])
        return purchase


def purchase_item(
    *,
    user: SandboxUser,
    consumer: Consumer,
    country: Country,
    line: LineItem,
    method: str = Method.CARD,
    transaction_id: str = "",
    currency_code: str = "",
) -> Purchase:
    """Buy one item: charged to the default card, or (PARTNER) paid to the partner."""
    with transaction.atomic():
        return _record(
            user=user,
            consumer=consumer,
            country=country,
            method=method,
            total=line.price,
            lines=[line],
            transaction_id=transaction_id,
            currency_code=currency_code,
        )


def _record(
    *,
    user: SandboxUser,
    consumer: Consumer,
    country: Country,
    method: str,
    total: Decimal,
    lines: list[LineItem],
    card: Card | None = None,
    transaction_id: str = "",
    currency_code: str = "",
) -> Purchase:
    # One purchase per user at a time: ownership is checked and written under this lock.
    SandboxUser.objects.select_for_update().filter(pk=user.pk).first()
    tracks = [(line, line.tracks()) for line in lines]
    owned = _owned(user, tracks)
    if method != Method.PARTNER:
        _refuse_owned(tracks, owned)
    if method == Method.CARD and total > 0:
        card = card or default_card(user)
        card_charge(card=card, amount=total, country=country)
    purchase = Purchase.objects.create(
        user=user,
        consumer=consumer,
        country=country,
        method=method,
        card=card if method == Method.CARD else None,
        total=total,
        currency_code=currency_code or country.currency_code,
        transaction_id=transaction_id,
    )
    _fill_locker(purchase, tracks, owned)
    Sale.objects.bulk_create(
        Sale(release=line.release, track=line.track, country=country, sold_on=timezone.localdate())
        for line in lines
    )
    return purchase


Key = tuple[int, int]  # (track id, package id)


def _owned(user: SandboxUser, tracks: list[tuple[LineItem, list[Track]]]) -> dict[Key, int]:
    """The user's locker rows among these tracks: (track, package) -> row id."""
    track_ids = {track.pk for _, items in tracks for track in items}
    rows = LockerTrack.objects.filter(user=user, track_id__in=track_ids)
    return {(row.track_id, row.package_id): row.pk for row in rows}


def _refuse_owned(tracks: Iterable[tuple[LineItem, list[Track]]], owned: dict[Key, int]) -> None:
    for line, items in tracks:
        if items and all((track.pk, line.package_id) in owned for track in items):
            what = f"Track {line.track.pk}" if line.track else f"Release {line.release.pk}"
            raise already_exists(f"{what} has already been purchased by this user")


def _fill_locker(
    purchase: Purchase, tracks: list[tuple[LineItem, list[Track]]], owned: dict[Key, int]
) -> None:
    new_rows, seen = [], set()
    for line, items in tracks:
        whole_release = line.track is None
        for track in items:
            key = (track.pk, line.package_id)
            if key in seen:  # a release and one of its tracks in one basket
                continue
            seen.add(key)
            if key in owned:
                _move_to(owned[key], purchase, whole_release=whole_release)
                continue
            new_rows.append(
                LockerTrack(
                    user=purchase.user,
                    track=track,
                    release=line.release,
                    purchase=purchase,
                    package_id=line.package_id,
                    complete_album_purchase=whole_release,
                )
            )
    LockerTrack.objects.bulk_create(new_rows)


def _move_to(row_id: int, purchase: Purchase, *, whole_release: bool) -> None:
    """An owned track delivered again: it now belongs to purchase, downloads restored."""
    changes = {
        "purchase": purchase,
        "remaining_downloads": Greatest(F("remaining_downloads"), DOWNLOADS_PER_PURCHASE),
    }
    if whole_release:
        changes["complete_album_purchase"] = True
    LockerTrack.objects.filter(pk=row_id).update(**changes)
