"""The wishlist: adding and removing releases, and the price alerts Celery sends.

Release details come through the catalogue's cached reads (`storefront.reads`), so
adding from a release page the shopper is looking at costs no API call, and the
daily check asks 7digital once per release and territory however many shoppers
wish for it.
"""

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext

from accounts.models import WishlistItem
from accounts.selectors import shopper_language
from catalogue.templatetags.store import price_of
from sevendigital import Money, NotAvailableError, Release, SevenDigitalError
from storefront.money import format_money
from storefront.reads import Fetched, fetch, fetch_all, read

logger = logging.getLogger(__name__)

PRICE_CHECK_CHUNK = 20  # releases read side by side (storefront.reads's pool)
ON_SALE, PRICE_DROP = "on-sale", "price-drop"


class WishlistError(Exception):
    """The release could not be added; `str()` is a message for the shopper."""


@dataclass(frozen=True)
class PriceAlert:
    item: WishlistItem
    kind: str  # ON_SALE or PRICE_DROP
    old: Money | None
    new: Money

    @property
    def old_text(self) -> str:
        return format_money(self.old) if self.old else ""

    @property
    def new_text(self) -> str:
        return format_money(self.new)


def wishlist_add(*, user: AbstractBaseUser, release_id: int, country: str) -> WishlistItem:
    """Wish for a release (again: the existing item). Not on sale in `country` is fine:
    the shopper is told when it comes on sale there."""
    existing = WishlistItem.objects.filter(user_id=user.pk, release_id=release_id).first()
    if existing is not None:
        return existing
    release, price = _describe(release_id=release_id, country=country)
    item = WishlistItem(
        user_id=user.pk,
        release_id=release_id,
        title=release.title[:300],
        artist_name=(release.artist.name if release.artist else "")[:300],
        image=release.image or "",
        price_when_added=price.amount if price else None,
        currency=price.currency if price else "",
        country=country,
    )
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError:  # a double click: the other request saved it
        return WishlistItem.objects.get(user_id=user.pk, release_id=release_id)
    return item


def _describe(*, release_id: int, country: str) -> tuple[Release, Money | None]:
    """The release and its price in country (None: not sold there)."""
    try:
        return _release_and_price(release_id, country)
    except NotAvailableError:
        fallback = settings.SEVENDIGITAL_DEFAULT_COUNTRY
        if fallback == country:
            raise WishlistError(gettext("This release is not available.")) from None
        try:
            release, _ = _release_and_price(release_id, fallback)
        except SevenDigitalError as error:
            raise WishlistError(gettext("This release is not available.")) from error
        return release, None
    except SevenDigitalError as error:
        raise WishlistError(
            gettext("The release could not be saved just now. Please try again.")
        ) from error


def _release_and_price(release_id: int, country: str) -> tuple[Release, Money | None]:
    release = fetch(read("get_release_details", release_id=release_id, country=country)).value
    return release, price_of(release)


def wishlist_remove(*, user: AbstractBaseUser, release_id: int) -> bool:
    deleted, _rows = WishlistItem.objects.filter(user_id=user.pk, release_id=release_id).delete()
    return bool(deleted)


def wishlist_check_prices() -> int:
    """Compare every wished release's price now with the last one each shopper heard
    of; email each shopper once listing the changes. Returns how many emails went."""
    items = list(WishlistItem.objects.select_related("user").order_by("country", "release_id"))
    prices = current_prices((item.country, item.release_id) for item in items)
    alerts: dict[int, list[PriceAlert]] = defaultdict(list)
    checked = []
    for item in items:
        key = (item.country, item.release_id)
        if key not in prices:
            continue  # unknown now (API failing, or only a stale copy): decide next time
        checked.append(item.pk)
        alert = price_alert(item, prices[key])
        if alert is not None:
            alerts[item.user_id].append(alert)
    WishlistItem.objects.filter(pk__in=checked).update(last_checked=timezone.now())
    return sum(_notify(user_alerts) for user_alerts in alerts.values())


def current_prices(keys: Iterable[tuple[str, int]]) -> dict[tuple[str, int], Money | None]:
    """Fresh prices by (country, release id), None where not sold; reads per territory
    in chunks that run side by side. Releases whose price is not known now are left out."""
    by_country: dict[str, list[int]] = defaultdict(list)
    for country, release_id in sorted(set(keys)):
        by_country[country].append(release_id)
    prices: dict[tuple[str, int], Money | None] = {}
    for country, release_ids in by_country.items():
        for start in range(0, len(release_ids), PRICE_CHECK_CHUNK):
            chunk = release_ids[start : start + PRICE_CHECK_CHUNK]
            reads = {
                str(release_id): read("get_release_details", release_id=release_id, country=country)
                for release_id in chunk
            }
            found = fetch_all(reads, optional=reads.keys())
            for release_id in chunk:
                known, price = _price_from(found[str(release_id)])
                if known:
                    prices[(country, release_id)] = price
    return prices


def _price_from(fetched: Fetched) -> tuple[bool, Money | None]:
    """(whether the answer says what the price is now, that price)."""
    if fetched.stale:
        return False, None
    if isinstance(fetched.error, NotAvailableError):
        return True, None
    if fetched.error is not None or fetched.value is None:
        return False, None
    return True, price_of(fetched.value)


def price_alert(item: WishlistItem, price: Money | None) -> PriceAlert | None:
    """What to tell the shopper about item now costing price (None: not on sale)."""
    if price is None or price.amount is None:
        return None
    reference = item.reference_price
    if reference is None:
        return PriceAlert(item=item, kind=ON_SALE, old=None, new=price)
    if item.currency and item.currency != price.currency:
        return None  # the territory changed currency: no like-for-like comparison
    if price.amount < reference:
        return PriceAlert(
            item=item, kind=PRICE_DROP, old=Money(reference, price.currency), new=price
        )
    return None


def _notify(alerts: list[PriceAlert]) -> int:
    """One email for one shopper's alerts; on success the prices count as told."""
    user = alerts[0].item.user
    if not user.email or not user.is_active:
        return 0
    context = {"user": user, "alerts": alerts, "store_url": settings.STORE_URL.rstrip("/")}
    # In the shopper's language, as the order confirmation (no request to take it from).
    with translation.override(shopper_language(user) or settings.LANGUAGE_CODE):
        subject = render_to_string("accounts/email/wishlist_prices_subject.txt", context)
        body = render_to_string("accounts/email/wishlist_prices_message.txt", context)
    try:
        send_mail(" ".join(subject.split()), body, None, [user.email])
    except Exception:  # a mail server failure must not stop the other shoppers' alerts
        logger.exception("Wishlist alert email to user %s failed", user.pk)
        return 0
    for alert in alerts:
        WishlistItem.objects.filter(pk=alert.item.pk).update(
            last_notified_price=alert.new.amount, currency=alert.new.currency
        )
    return 1


def reference_money(item: WishlistItem) -> Money | None:
    """The item's reference price with its currency, for pages."""
    price = item.reference_price
    return Money(Decimal(price), item.currency) if price is not None and item.currency else None
