"""Keeping the basket when a shopper signs in.

Django keeps the session's data through login (it only changes the session key), so
the anonymous basket is still there when `user_logged_in` fires. What happens then:

- no basket in the session: the account's stored basket (if any) simply shows up;
- a session basket and none on the account: the account adopts it;
- both, priced in the same territory: the session basket's items are MERGED into the
  account's basket (so neither what was saved nor what was just chosen is lost);
- both, in different territories: the newest (the session's, priced where the
  shopper is now) is adopted and the shopper is told the older one was set aside.

A merge is a few 7digital calls; if the API fails part-way, the account's basket is
kept with what was merged so far and the shopper is told which items to add again.
Login itself never fails because of the basket.
"""

import logging
from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.base_user import AbstractBaseUser
from django.utils.translation import gettext

from checkout.models import ShopperBasket
from sevendigital import STANDARD_PACKAGE_ID, BasketItem, SevenDigitalError
from storefront.api import get_client

from .baskets import SESSION_KEY, BasketRef

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Note:
    """What the shopper is told about their basket after signing in."""

    level: int  # django.contrib.messages' levels
    text: str


def basket_keep_on_login(
    *, session: MutableMapping[str, Any], user: AbstractBaseUser
) -> list[Note]:
    """Move the session's basket onto the account (see the module docstring); what
    to tell the shopper about it."""
    stored = session.pop(SESSION_KEY, None)
    if not stored:
        return []
    anonymous = BasketRef(**stored)
    row = ShopperBasket.objects.filter(user_id=user.pk).first()
    if row is None or row.basket_id == anonymous.basket_id or row.item_count == 0:
        _adopt(user, anonymous)
        return []
    if anonymous.item_count == 0:
        return []
    if row.country != anonymous.country:
        _adopt(user, anonymous)
        return [
            Note(
                messages.INFO,
                # Translators: %(old)s and %(new)s are two-letter country codes (GB, DE...).
                gettext(
                    "You had a basket saved from the %(old)s shop; it has been replaced "
                    "by the one you just filled in the %(new)s shop."
                )
                % {"old": row.country, "new": anonymous.country},
            )
        ]
    return _merge(row, anonymous)


def _adopt(user: AbstractBaseUser, ref: BasketRef) -> None:
    ShopperBasket.objects.update_or_create(
        user_id=user.pk,
        defaults={
            "basket_id": ref.basket_id,
            "country": ref.country,
            "item_count": ref.item_count,
            "voucher_code": ref.voucher_code,
        },
    )


def _merge(row: ShopperBasket, anonymous: BasketRef) -> list[Note]:
    client = get_client()
    try:
        items = client.get_basket(basket_id=anonymous.basket_id).items
    except SevenDigitalError as error:
        logger.warning("basket merge on login: reading the session basket failed: %r", error)
        return [
            Note(
                messages.WARNING,
                gettext("We could not bring in the basket you filled before signing in."),
            )
        ]
    not_moved: list[BasketItem] = []
    for item in items:
        try:
            basket = client.add_basket_item(
                basket_id=row.basket_id,
                release_id=item.release_id,
                track_id=item.track_id,
                package_id=item.package_id or STANDARD_PACKAGE_ID,
                country=row.country,
            )
        except SevenDigitalError as error:
            logger.warning("basket merge on login: item %s not moved: %r", item.id, error)
            not_moved.append(item)
            continue
        row.item_count = basket.item_count if basket.item_count is not None else len(basket.items)
    row.save(update_fields=["item_count", "updated"])
    if not not_moved:
        return []
    names = ", ".join(item.item_name or gettext("an item") for item in not_moved)
    message = gettext("Please add these to your basket again: %(names)s.") % {"names": names}
    return [Note(messages.WARNING, message)]
