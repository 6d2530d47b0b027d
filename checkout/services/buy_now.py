"""Buy now: one release or track, charged at once to the shopper's default card.

The form carries the price the shopper saw; 7digital refuses (3004) if it is no longer
the price, and the shopper is told the new one. The same exactly-once record as for
baskets guards it: the subject is the item (release, track, package), so a second
form for an item just bought shows that purchase instead of buying it again.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.base_user import AbstractBaseUser
from django.utils.translation import gettext

from accounts.services import sevendigital_token_for
from checkout.errors import shopper_message
from checkout.models import Purchase
from sevendigital import Money, Release, SevenDigitalError, Track
from storefront.api import get_client
from storefront.money import format_money
from storefront.reads import fetch, read

from .baskets import api_call
from .purchases import Order, item_subject, purchase_claim, purchase_earlier, purchase_execute

PRICE_MISMATCH = 3004


@dataclass(frozen=True)
class WantedItem:
    release_id: int
    track_id: int | None
    package_id: int
    country: str

    @property
    def subject(self) -> str:
        return item_subject(
            release_id=self.release_id, track_id=self.track_id, package_id=self.package_id
        )

    def details(self, *, fresh: bool = False) -> Release | Track:
        """The track (or release) as 7digital describes it in the shopper's territory:
        the read layer's copy, or (fresh) straight from the API."""
        if self.track_id:
            one = read("get_track_details", track_id=self.track_id, country=self.country)
        else:
            one = read("get_release_details", release_id=self.release_id, country=self.country)
        return one.call() if fresh else fetch(one).value


def buy_now(
    *,
    user: AbstractBaseUser,
    country: str,
    release_id: int,
    track_id: int | None,
    package_id: int,
    price: Decimal,
    submit_token: str,
) -> Purchase:
    """Buy one release or track with the default card at the price shown."""
    token = sevendigital_token_for(user=user)
    wanted = WantedItem(release_id, track_id, package_id, country)
    earlier = purchase_earlier(user=user, subject=wanted.subject, submit_token=submit_token)
    if earlier is not None:
        return earlier
    order = _order(wanted, price, api_call(wanted.details))
    purchase, created = purchase_claim(user=user, order=order, submit_token=submit_token)
    if not created:
        return purchase
    return purchase_execute(
        purchase=purchase,
        call=lambda: get_client().purchase_user_item(
            token=token,
            release_id=release_id,
            track_id=track_id,
            price=price,
            package_id=package_id,
            country=country,
        ),
        describe=lambda error: _refusal(error, wanted, Money(price, order.currency)),
    )


def item_price(wanted: WantedItem) -> Money | None:
    """The item's price now, read fresh from 7digital (not the page's cached copy)."""
    try:
        return _package_price(wanted.details(fresh=True), wanted.package_id)
    except SevenDigitalError:
        return None


def _order(wanted: WantedItem, price: Decimal, item: Release | Track) -> Order:
    money = _package_price(item, wanted.package_id)
    line = {
        "release_id": wanted.release_id,
        "track_id": wanted.track_id,
        "package_id": wanted.package_id,
        "name": item.title,
        "artist": item.artist.name if item.artist else "",
        "price": str(price),
    }
    return Order(
        kind=Purchase.Kind.ITEM,
        method=Purchase.Method.CARD,
        subject=wanted.subject,
        country=wanted.country,
        subtotal=price,
        total=price,
        currency=money.currency if money else "",
        items=[line],
    )


def _refusal(error: SevenDigitalError, wanted: WantedItem, shown: Money) -> str:
    """What to tell the shopper; for a price mismatch, the price now."""
    if error.code != PRICE_MISMATCH:
        return shopper_message(error)
    was = format_money(shown) if shown.currency else str(shown.amount)
    now = item_price(wanted)
    if now is None:
        return gettext(
            "The price is no longer %(was)s. Nothing was charged: please check it again."
        ) % {"was": was}
    return gettext("The price changed to %(now)s (it was %(was)s). Nothing was charged.") % {
        "now": format_money(now),
        "was": was,
    }


def _package_price(item: Release | Track, package_id: int) -> Money | None:
    for package in item.packages:
        if package.id == package_id and package.price is not None:
            return package.price.sevendigital_price
    return item.price.value if item.price is not None else None
