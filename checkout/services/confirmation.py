"""The order confirmation e-mail: one per settled purchase, sent by Celery.

Every way a purchase succeeds (card, PayPal, buy now, and reconciliation of an
unknown outcome) goes through `purchase_mark_succeeded`, which calls
`confirmation_queue`: the task is queued once the transaction commits, so a worker
never looks for a record that is not there yet.

Exactly once, whatever happens to the task (retried, redelivered after a worker died,
queued twice by two reconcilers): `confirmation_send` first claims the purchase with
one UPDATE … WHERE confirmation_sent_at IS NULL, which only one worker can win. A send
that fails gives the claim back, so the task's retry can send it. A task that was never
queued (the broker was down at the commit: the purchase page must not fail for that)
or that ran out of retries is caught up by beat (`confirmations_send_overdue`).
"""

import logging
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from accounts.selectors import shopper_language
from catalogue.templatetags.store import art
from checkout.models import Purchase
from sevendigital import Money, SevenDigitalError
from storefront.reads import fetch, read

logger = logging.getLogger(__name__)

THUMBNAIL_PIXELS = 100
OVERDUE_AFTER = timedelta(minutes=10)  # queued at the commit: sent by now, unless lost
GIVE_UP_AFTER = timedelta(days=2)  # older than this, a confirmation is no longer news


@dataclass(frozen=True)
class ConfirmationLine:
    name: str
    artist: str
    price: Money | None
    cover: str  # an absolute image URL, or "" when 7digital could not say


def confirmation_queue(*, purchase: Purchase) -> None:
    """Send the confirmation of this succeeded purchase once the transaction commits."""
    from checkout.tasks import send_purchase_confirmation  # the task calls this module

    purchase_id = purchase.pk
    # robust: a broker that is down must not turn a taken payment into an error page;
    # the beat catches the confirmation up.
    transaction.on_commit(lambda: send_purchase_confirmation.delay(purchase_id), robust=True)


def confirmations_overdue() -> QuerySet[Purchase]:
    """Succeeded purchases whose confirmation should have gone out and has not."""
    now = timezone.now()
    return Purchase.objects.filter(
        status=Purchase.Status.SUCCEEDED,
        confirmation_sent_at__isnull=True,
        completed_at__lt=now - OVERDUE_AFTER,
        completed_at__gt=now - GIVE_UP_AFTER,
    ).order_by("completed_at")


def confirmations_send_overdue() -> int:
    """Send every overdue confirmation (each still claimed first); how many were sent.
    One that fails is logged and left for the next run."""
    sent = 0
    for purchase_id in confirmations_overdue().values_list("pk", flat=True):
        try:
            sent += confirmation_send(purchase_id=purchase_id)
        except Exception:
            logger.exception("purchase %s: the overdue confirmation failed again", purchase_id)
    return sent


def confirmation_send(*, purchase_id: int) -> bool:
    """Send the confirmation unless it was sent (or is being sent) already; whether
    this call sent it. Raises what sending raised, with the claim given back."""
    claimed_at = timezone.now()
    claimed = Purchase.objects.filter(
        pk=purchase_id, status=Purchase.Status.SUCCEEDED, confirmation_sent_at__isnull=True
    ).update(confirmation_sent_at=claimed_at)
    if not claimed:
        return False
    purchase = Purchase.objects.select_related("user").get(pk=purchase_id)
    if not purchase.user.email:
        logger.warning("purchase %s: the shopper has no e-mail address to confirm to", purchase.key)
        return False
    try:
        confirmation_message(purchase).send()
    except Exception:
        Purchase.objects.filter(pk=purchase_id, confirmation_sent_at=claimed_at).update(
            confirmation_sent_at=None
        )
        raise
    logger.info("purchase %s: confirmation sent", purchase.key)
    return True


def confirmation_message(purchase: Purchase) -> EmailMultiAlternatives:
    """The e-mail, HTML with a plain-text part, in the shopper's language."""
    language = shopper_language(purchase.user) or settings.LANGUAGE_CODE
    store = settings.STORE_URL.rstrip("/")
    with translation.override(language):
        context = {
            "purchase": purchase,
            "lines": [_line(item, purchase) for item in purchase.items],
            "locker_url": store + reverse("locker"),
            "receipt_url": store + purchase.get_absolute_url(),
            "store_url": store + "/",
        }
        subject = render_to_string("checkout/email/confirmation_subject.txt", context)
        text = render_to_string("checkout/email/confirmation.txt", context)
        html = render_to_string("checkout/email/confirmation.html", context)
    message = EmailMultiAlternatives(" ".join(subject.split()), text, to=[purchase.user.email])
    message.attach_alternative(html, "text/html")
    return message


def _line(item: dict, purchase: Purchase) -> ConfirmationLine:
    try:
        price = Money(Decimal(item.get("price") or ""), purchase.currency)
    except InvalidOperation:
        price = None
    return ConfirmationLine(
        name=item.get("name", ""),
        artist=item.get("artist", ""),
        price=price if purchase.currency else None,
        cover=_cover(item.get("release_id"), purchase.country),
    )


def _cover(release_id: int | None, country: str) -> str:
    """The release's cover at thumbnail size (a catalogue read, cached); "" if unknown."""
    if not release_id:
        return ""
    try:
        release = fetch(read("get_release_details", release_id=release_id, country=country)).value
    except SevenDigitalError as error:
        logger.info("confirmation: no cover for release %s (%r)", release_id, error)
        return ""
    return art(release.image, THUMBNAIL_PIXELS)
