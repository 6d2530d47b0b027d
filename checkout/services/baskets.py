"""The shopper's 7digital basket: which one it is, and changing it.

A basket lives at 7digital; the store keeps a `BasketRef` (id, territory, item count
for the header badge, the voucher code typed): in the session before sign-in, in
`ShopperBasket` after. Every change is one 7digital call, never retried (an add sent
twice would be one add too many), and the ref is only updated once 7digital said yes,
so a failure leaves the basket exactly as it was.

Every read and change leaves a copy of the basket in the shared cache for
BASKET_COPY_SECONDS (`basket_read`): the pay step takes the basket the checkout page
just showed from there instead of reading it again (a prototype key has 4,000 calls a
day), and any change made meanwhile, in any tab or process, replaces the copy.
"""

import contextlib
from collections.abc import MutableMapping
from dataclasses import asdict, dataclass, replace
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.cache import cache
from django.utils.translation import gettext

from checkout.errors import CheckoutError, shopper_message
from checkout.models import ShopperBasket
from sevendigital import STANDARD_PACKAGE_ID, Basket, BasketItem, SevenDigitalError
from storefront.api import get_client
from storefront.per_user import PerUser

SESSION_KEY = "checkout.basket"
BASKET_COPY_SECONDS = 600


@dataclass(frozen=True)
class BasketRef:
    basket_id: str
    country: str
    item_count: int = 0
    voucher_code: str = ""


def _item_count(user_id: int) -> int:
    return (
        ShopperBasket.objects.filter(user_id=user_id).values_list("item_count", flat=True).first()
        or 0
    )


# The header badge's count of a signed-in shopper, read on every page: kept in the
# shared cache, dropped whenever their ShopperBasket row is saved or deleted
# (CheckoutConfig.ready watches the model).
BASKET_COUNTS = PerUser("basket-count", load=_item_count)


def basket_ref_for_user(*, user: AbstractBaseUser) -> BasketRef | None:
    row = ShopperBasket.objects.filter(user_id=user.pk).first()
    if row is None:
        return None
    return BasketRef(row.basket_id, row.country, row.item_count, row.voucher_code)


@dataclass(frozen=True)
class BasketOwner:
    """Whose basket a service works on: a signed-in account's (`user`), else the
    browser session's; `country` is the territory the shopper browses in now. Views
    build it (checkout.views.common.basket_owner): services never see the request."""

    session: MutableMapping[str, Any]
    country: str
    user: AbstractBaseUser | None = None


def basket_ref_get(*, owner: BasketOwner) -> BasketRef | None:
    """The shopper's basket: the account's once signed in, else the session's."""
    if owner.user is not None:
        return basket_ref_for_user(user=owner.user)
    stored = owner.session.get(SESSION_KEY)
    return BasketRef(**stored) if stored else None


def basket_count(*, owner: BasketOwner) -> int:
    """The number of items in the shopper's basket, as the header badge shows it."""
    if owner.user is not None:
        return BASKET_COUNTS.get(owner.user.pk)
    stored = owner.session.get(SESSION_KEY)
    return stored.get("item_count", 0) if stored else 0


def basket_ref_put(*, owner: BasketOwner, ref: BasketRef) -> None:
    if owner.user is not None:
        ShopperBasket.objects.update_or_create(
            user=owner.user,
            defaults={
                "basket_id": ref.basket_id,
                "country": ref.country,
                "item_count": ref.item_count,
                "voucher_code": ref.voucher_code,
            },
        )
    else:
        owner.session[SESSION_KEY] = asdict(ref)


def basket_forget(*, user: AbstractBaseUser, basket_id: str) -> None:
    """Drop the account's basket once it is bought (a new one starts with the next add)."""
    ShopperBasket.objects.filter(user_id=user.pk, basket_id=basket_id).delete()


def _updated(ref: BasketRef, basket: Basket, **changes: str) -> BasketRef:
    count = basket.item_count if basket.item_count is not None else len(basket.items)
    return replace(ref, basket_id=basket.id or ref.basket_id, item_count=count, **changes)


def api_call(call, *args, **kwargs):
    """Run one client call; any 7digital error becomes a CheckoutError for the shopper."""
    try:
        return call(*args, **kwargs)
    except SevenDigitalError as error:
        raise CheckoutError(shopper_message(error)) from error


def _copy_key(basket_id: str) -> str:
    return f"checkout:basket-copy:{basket_id}"


def basket_kept(basket: Basket) -> Basket:
    """Keep `basket` (as 7digital just answered it) as the copy `basket_read` may reuse."""
    if basket.id:
        with contextlib.suppress(Exception):  # no copy only costs the next read a call
            cache.set(_copy_key(basket.id), basket, BASKET_COPY_SECONDS)
    return basket


def basket_read(*, basket_id: str, reuse: bool = False) -> Basket:
    """The basket as 7digital has it (raises CheckoutError when it cannot be read).

    reuse=True accepts the copy the last read or change left, when there is one.
    """
    if reuse:
        with contextlib.suppress(Exception):
            kept = cache.get(_copy_key(basket_id))
            if kept is not None:
                return kept
    return basket_kept(api_call(get_client().get_basket, basket_id=basket_id))


def basket_new(*, country: str) -> BasketRef:
    basket = api_call(get_client().create_basket, country=country)
    return BasketRef(basket.id, country, 0, "")


def basket_add(
    *,
    owner: BasketOwner,
    release_id: int,
    track_id: int | None = None,
    package_id: int = STANDARD_PACKAGE_ID,
) -> Basket:
    """Add a release (or one of its tracks) in a package; the basket is made on first use.

    An empty basket follows the shopper's territory; a basket with items keeps its own
    (7digital prices it there), and the basket page offers to move them.
    """
    ref = basket_ref_get(owner=owner)
    if ref is None or (ref.item_count == 0 and ref.country != owner.country):
        ref = basket_new(country=owner.country)
    basket = basket_kept(
        api_call(
            get_client().add_basket_item,
            basket_id=ref.basket_id,
            release_id=release_id,
            track_id=track_id,
            package_id=package_id,
            country=ref.country,
        )
    )
    basket_ref_put(owner=owner, ref=_updated(ref, basket))
    return basket


def basket_remove(*, owner: BasketOwner, item_id: int) -> Basket:
    ref = _require(owner)
    basket = basket_kept(
        api_call(get_client().remove_basket_item, basket_id=ref.basket_id, item_id=item_id)
    )
    basket_ref_put(owner=owner, ref=_updated(ref, basket))
    return basket


def basket_apply_voucher(*, owner: BasketOwner, code: str) -> Basket:
    ref = _require(owner)
    basket = basket_kept(
        api_call(get_client().apply_basket_voucher, basket_id=ref.basket_id, voucher_code=code)
    )
    basket_ref_put(owner=owner, ref=_updated(ref, basket, voucher_code=code.upper()))
    return basket


def basket_remove_voucher(*, owner: BasketOwner) -> Basket:
    """Take the voucher off by starting a new basket with the same items.

    7digital has no operation for it (the sandbox's `basket/removeVoucher` is an
    extension the real API lacks, and the client has no method for it), so this works
    the same against both. The old basket is kept until every item is re-added.
    """
    ref = _require(owner)
    basket, left_behind = basket_rebuild(ref=ref, country=ref.country)
    if left_behind:
        names = ", ".join(item.item_name or gettext("an item") for item in left_behind)
        raise CheckoutError(
            gettext("The voucher could not be removed (%(names)s could not be re-added).")
            % {"names": names}
        )
    basket_ref_put(owner=owner, ref=_updated(BasketRef(basket.id, ref.country), basket))
    return basket


def basket_move(*, owner: BasketOwner) -> tuple[Basket, list[BasketItem]]:
    """Move the basket's items to a new basket in the shopper's current territory.

    Items not sold there stay behind (they are returned, so the shopper is told).
    """
    ref = _require(owner)
    basket, left_behind = basket_rebuild(ref=ref, country=owner.country)
    basket_ref_put(owner=owner, ref=_updated(BasketRef(basket.id, owner.country), basket))
    return basket, left_behind


def basket_rebuild(*, ref: BasketRef, country: str) -> tuple[Basket, list[BasketItem]]:
    """A new basket in `country` holding ref's items (no voucher); and the items that
    7digital refused there. The API failing part-way raises: the old basket stands."""
    client = get_client()
    old = api_call(client.get_basket, basket_id=ref.basket_id)
    fresh = basket_new(country=country)
    basket = api_call(client.get_basket, basket_id=fresh.basket_id)
    left_behind = []
    for item in old.items:
        try:
            basket = client.add_basket_item(
                basket_id=fresh.basket_id,
                release_id=item.release_id,
                track_id=item.track_id,
                package_id=item.package_id or STANDARD_PACKAGE_ID,
                country=country,
            )
        except SevenDigitalError as error:
            if error.code is None or error.code >= 9000:
                raise CheckoutError(shopper_message(error)) from error
            left_behind.append(item)
    return basket_kept(basket), left_behind


def _require(owner: BasketOwner) -> BasketRef:
    ref = basket_ref_get(owner=owner)
    if ref is None:
        raise CheckoutError(gettext("Your basket is empty."))
    return ref
