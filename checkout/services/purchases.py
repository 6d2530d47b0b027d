"""Purchase records: written before 7digital is asked for money, settled after.

Exactly once, the django-oscar way (the order number exists before payment is taken):

1. `purchase_claim` writes a pending `Purchase` in its own transaction, with the
   shopper's own row locked (PostgreSQL: one claim per shopper at a time) and a
   database guarantee behind it: a user has at most one pending, unknown or
   succeeded purchase of a subject (a basket id, or one item). A second request
   (double click, other tab, browser retry) finds that record and gets it back with
   `created=False`: it shows the record instead of calling 7digital. Its `key` is a
   random order number (`new_order_number`): two shoppers buying the same item
   never share anything, and no one can guess another's receipt.
2. `purchase_execute` makes the ONE call and records what came of it: succeeded with
   7digital's purchase id; failed (a clear message; the failed record no longer
   blocks a new attempt); or unknown when the request may have been acted upon (a
   timeout after sending): that is reconciled from the locker, never repeated.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone

from accounts.services import locker_forget
from checkout.errors import outcome_unknown, shopper_message
from checkout.models import Purchase, ShopperBasket
from sevendigital import STANDARD_PACKAGE_ID, Basket, SevenDigitalError
from sevendigital import Purchase as UpstreamPurchase

from .confirmation import confirmation_queue

logger = logging.getLogger(__name__)

Status = Purchase.Status


@dataclass(frozen=True)
class Order:
    """What is about to be paid for, as the shopper saw it (kept on the record)."""

    kind: str
    method: str
    subject: str
    country: str
    total: Decimal | None
    currency: str
    items: list[dict] = field(default_factory=list)
    basket_id: str = ""
    subtotal: Decimal | None = None  # before the voucher
    voucher_code: str = ""


def order_for_basket(basket: Basket, *, method: str, country: str, voucher_code: str = "") -> Order:
    """The order for buying this whole basket (one basket is bought once)."""
    due = basket.amount_due.amount if basket.amount_due else None
    price = basket.price.value if basket.price else None
    money = due or price
    discounted = price is not None and money is not None and money.amount < price.amount
    items = [
        {
            "release_id": item.release_id,
            "track_id": item.track_id,
            "package_id": item.package_id or STANDARD_PACKAGE_ID,
            "name": item.item_name or "",
            "artist": item.artist_name or "",
            "price": str(item.price.value.amount) if item.price and item.price.value else "",
        }
        for item in basket.items
    ]
    return Order(
        kind=Purchase.Kind.BASKET,
        method=method,
        subject=f"basket:{basket.id}",
        country=country,
        total=money.amount if money else None,
        currency=money.currency if money else "",
        items=items,
        basket_id=basket.id,
        subtotal=price.amount if price else None,
        voucher_code=voucher_code if discounted else "",
    )


def item_subject(*, release_id: int, track_id: int | None, package_id: int) -> str:
    return f"item:{release_id}:{track_id or 0}:{package_id}"


def purchase_active(*, user: AbstractBaseUser, subject: str) -> Purchase | None:
    """The pending, unknown or succeeded purchase of subject, if there is one."""
    return Purchase.objects.filter(
        user_id=user.pk, subject=subject, status__in=Purchase.ACTIVE_STATUSES
    ).first()


def purchase_by_submit_token(*, user: AbstractBaseUser, submit_token: str) -> Purchase | None:
    """The purchase a form (its one-time token) already made: a resubmission shows it."""
    if not submit_token:
        return None
    return Purchase.objects.filter(user_id=user.pk, submit_token=submit_token).first()


def purchase_earlier(*, user: AbstractBaseUser, subject: str, submit_token: str) -> Purchase | None:
    """What this form already did, or the live purchase of subject: shown, not repeated."""
    return purchase_by_submit_token(user=user, submit_token=submit_token) or purchase_active(
        user=user, subject=subject
    )


def checkpoint(step: str, *, user: AbstractBaseUser, subject: str) -> None:
    """Nothing, here. Race tests replace it to hold concurrent requests at `step`
    (tests/checkout/races.py): "claim" once their "already bought?" checks passed and
    before the claim; "claimed" inside the claim, just before the record is written."""


def purchase_claim(
    *, user: AbstractBaseUser, order: Order, submit_token: str
) -> tuple[Purchase, bool]:
    """Write the pending record before any money moves; or return the one already there.

    created=True means this request owns the attempt and must make the one call.
    """
    checkpoint("claim", user=user, subject=order.subject)
    with transaction.atomic():
        _lock_shopper(user)
        existing = purchase_earlier(user=user, subject=order.subject, submit_token=submit_token)
        if existing is not None:
            return existing, False
        attempt = Purchase.objects.filter(user_id=user.pk, subject=order.subject).count() + 1
        checkpoint("claimed", user=user, subject=order.subject)
        try:
            with transaction.atomic():
                return _create(user, order, attempt, submit_token), True
        except IntegrityError:
            # Written by a request that did not wait for the lock (none should): the
            # unique constraint stopped it, and that record is the answer.
            existing = purchase_active(user=user, subject=order.subject)
            if existing is None:
                raise
            return existing, False


def _lock_shopper(user: AbstractBaseUser) -> None:
    """One claim per shopper at a time: lock the shopper's own row, which every shopper
    has (a basket row would leave buy-now unguarded). NO KEY UPDATE still lets other
    rows that point at the user be written meanwhile. A no-op on SQLite, which
    serialises writers anyway."""
    list(get_user_model().objects.select_for_update(no_key=True).filter(pk=user.pk).values("pk"))


def _create(user: AbstractBaseUser, order: Order, attempt: int, submit_token: str) -> Purchase:
    return Purchase.objects.create(
        user=user,
        kind=order.kind,
        method=order.method,
        subject=order.subject,
        attempt=attempt,
        submit_token=submit_token,
        basket_id=order.basket_id,
        country=order.country,
        items=order.items,
        subtotal=order.subtotal,
        voucher_code=order.voucher_code,
        total=order.total,
        currency=order.currency,
    )


def purchase_execute(
    *,
    purchase: Purchase,
    call: Callable[[], UpstreamPurchase],
    describe: Callable[[SevenDigitalError], str] = shopper_message,
) -> Purchase:
    """Make the one 7digital call for a claimed purchase and record the outcome.

    Never retried here or in the client: a failure is final for this attempt, and an
    unknown outcome waits for `purchase_reconcile`.
    """
    try:
        result = call()
    except SevenDigitalError as error:
        if outcome_unknown(error):
            logger.warning("purchase %s: outcome unknown (%r); will reconcile", purchase.key, error)
            return purchase_settle(purchase=purchase, status=Status.UNKNOWN, error=error)
        logger.info("purchase %s refused by 7digital: %r", purchase.key, error)
        return purchase_settle(
            purchase=purchase, status=Status.FAILED, error=error, message=describe(error)
        )
    return purchase_mark_succeeded(purchase=purchase, sevendigital_purchase_id=result.id)


def purchase_settle(
    *,
    purchase: Purchase,
    status: str,
    error: SevenDigitalError | None = None,
    message: str = "",
) -> Purchase:
    """Record a failed or unknown outcome (nothing about the basket changes)."""
    purchase.status = status
    purchase.error_code = error.code if error is not None else None
    purchase.error_message = message or (shopper_message(error) if error is not None else "")
    if status == Status.FAILED:
        purchase.completed_at = timezone.now()
    purchase.save(
        update_fields=["status", "error_code", "error_message", "completed_at", "updated"]
    )
    return purchase


def purchase_mark_succeeded(*, purchase: Purchase, sevendigital_purchase_id: str) -> Purchase:
    """Record the payment 7digital took; the bought basket is then let go of, and the
    shopper is e-mailed a confirmation (once, whoever records it first).

    If this write fails the shopper HAS paid: say so loudly in the logs with
    everything needed to put the record right by hand.
    """
    try:
        with transaction.atomic():
            purchase.status = Status.SUCCEEDED
            purchase.sevendigital_purchase_id = str(sevendigital_purchase_id)
            purchase.error_code, purchase.error_message = None, ""
            purchase.completed_at = timezone.now()
            purchase.save(
                update_fields=[
                    "status",
                    "sevendigital_purchase_id",
                    "error_code",
                    "error_message",
                    "completed_at",
                    "updated",
                ]
            )
            if purchase.kind == Purchase.Kind.BASKET:
                ShopperBasket.objects.filter(
                    user_id=purchase.user_id, basket_id=purchase.basket_id
                ).delete()
    except DatabaseError:
        logger.error(
            "PAYMENT TAKEN BUT NOT RECORDED: 7digital purchase %s for store purchase %s "
            "(user %s, %s %s); mark it succeeded by hand",
            sevendigital_purchase_id,
            purchase.key,
            purchase.user_id,
            purchase.total,
            purchase.currency,
            exc_info=True,
        )
        raise
    locker_forget(user=purchase.user)  # the locker page must show what was just bought
    confirmation_queue(purchase=purchase)
    return purchase
