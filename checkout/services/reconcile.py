"""Finding out what became of a purchase whose answer never arrived.

The purchase call is never sent again: if it did go through, a second one would be a
second charge. Instead the shopper's locker is read: when every item of the attempt
is there with a purchase date from after the attempt began (less a margin for clock
skew), it succeeded and the locker names its purchase id. When the items are still
missing well after any request could still be in flight (`SETTLED_AFTER`), it
failed: nothing was bought, and the shopper may try again. In between, it stays
unknown and is looked at again (Celery beat, and whenever the receipt is viewed).
"""

import logging
from datetime import UTC, datetime, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.services import NotLinked, sevendigital_token_for
from checkout.models import Purchase
from sevendigital import Locker, SevenDigitalError, UserToken
from storefront.api import get_client

from .purchases import purchase_mark_succeeded, purchase_settle

logger = logging.getLogger(__name__)

Status = Purchase.Status

CLOCK_SKEW = timedelta(minutes=2)  # between the store's clock and 7digital's
SETTLED_AFTER = timedelta(minutes=5)  # no request is still in flight after this long
STALE_PENDING = timedelta(minutes=2)  # a pending record this old lost its process
LOCKER_PAGE_SIZE = 50
NOT_BOUGHT = _(
    "The payment did not go through: 7digital has no record of it and nothing was "
    "charged. Your basket is unchanged; you can try again."
)


def purchases_to_reconcile() -> QuerySet[Purchase]:
    """Unknown outcomes, and pending records whose process died before recording one."""
    stale = timezone.now() - STALE_PENDING
    return Purchase.objects.filter(
        Q(status=Status.UNKNOWN) | Q(status=Status.PENDING, created__lt=stale)
    ).order_by("created")


def purchase_needs_reconciling(purchase: Purchase) -> bool:
    if purchase.status == Status.UNKNOWN:
        return True
    return purchase.status == Status.PENDING and purchase.created < timezone.now() - STALE_PENDING


def purchase_reconcile(*, purchase: Purchase) -> Purchase:
    """Settle an unknown (or stale pending) purchase from the user's locker, if it can be."""
    if not purchase_needs_reconciling(purchase):
        return purchase
    try:
        token = sevendigital_token_for(user=purchase.user)
        purchase_id = _purchase_id_in_locker(purchase, token)
    except (NotLinked, SevenDigitalError) as error:
        logger.warning("reconciling %s: locker not readable now (%r)", purchase.key, error)
        return _checked(purchase)
    if purchase_id is not None:
        logger.info("reconciled %s: succeeded as 7digital purchase %s", purchase.key, purchase_id)
        return _checked(
            purchase_mark_succeeded(purchase=purchase, sevendigital_purchase_id=purchase_id)
        )
    if timezone.now() - purchase.created > SETTLED_AFTER:
        logger.info("reconciled %s: not in the locker, failed", purchase.key)
        return _checked(
            purchase_settle(purchase=purchase, status=Status.FAILED, message=NOT_BOUGHT)
        )
    return _checked(purchase)


def reconcile_due() -> int:
    """Reconcile every purchase that needs it; how many were settled."""
    settled = 0
    for purchase in purchases_to_reconcile().select_related("user"):
        if purchase_reconcile(purchase=purchase).is_settled:
            settled += 1
    return settled


def _checked(purchase: Purchase) -> Purchase:
    purchase.reconciled_at = timezone.now()
    purchase.save(update_fields=["reconciled_at"])
    return purchase


def _purchase_id_in_locker(purchase: Purchase, token: UserToken) -> str | None:
    """7digital's purchase id when every item of the attempt is in the locker, bought
    since the attempt began; None while any is missing."""
    since = purchase.created - CLOCK_SKEW
    # A purchase the store already recorded is another attempt's, however recent.
    recorded = set(
        Purchase.objects.filter(user=purchase.user)
        .exclude(pk=purchase.pk)
        .exclude(sevendigital_purchase_id="")
        .values_list("sevendigital_purchase_id", flat=True)
    )
    found: str | None = None
    for item in purchase.items:
        locker = get_client().get_user_locker(
            token=token,
            release_id=item["release_id"],
            page_size=LOCKER_PAGE_SIZE,
            country=purchase.country,
        )
        purchase_id = _bought_since(locker, item, since, recorded)
        if purchase_id is None:
            return None
        found = found or purchase_id
    return found


def _bought_since(locker: Locker, item: dict, since: datetime, recorded: set[str]) -> str | None:
    for locker_release in locker:
        if locker_release.release.id != item["release_id"]:
            continue
        for owned in locker_release.tracks:
            if item.get("track_id") and owned.track.id != item["track_id"]:
                continue
            bought = owned.purchase_date
            if bought is not None and bought.tzinfo is None:
                bought = bought.replace(tzinfo=UTC)  # no offset sent: 7digital keeps UTC
            if bought is None or bought < since or owned.purchase_id is None:
                continue
            if str(owned.purchase_id) not in recorded:
                return str(owned.purchase_id)
    return None
