"""Celery tasks of the checkout: thin wrappers over services."""

from smtplib import SMTPException

from celery import shared_task

from checkout.services import reconcile_due
from checkout.services.confirmation import confirmation_send, confirmations_send_overdue


@shared_task(
    name="checkout.reconcile_unknown_purchases",
    ignore_result=True,
    soft_time_limit=90,
    time_limit=120,
)
def reconcile_unknown_purchases() -> int:
    """Settle purchases whose outcome is unknown from the shoppers' lockers (beat: every
    few minutes). Never repeats a purchase call."""
    return reconcile_due()


@shared_task(
    name="checkout.send_purchase_confirmation",
    ignore_result=True,
    autoretry_for=(SMTPException, OSError),
    retry_backoff=30,
    retry_backoff_max=30 * 60,
    max_retries=8,
    soft_time_limit=60,
    time_limit=90,
)
def send_purchase_confirmation(purchase_id: int) -> bool:
    """E-mail the shopper the confirmation of a succeeded purchase: exactly once, however
    often this runs (retries, redelivery); a mail server that is down is retried."""
    return confirmation_send(purchase_id=purchase_id)


@shared_task(
    name="checkout.send_overdue_confirmations",
    ignore_result=True,
    soft_time_limit=240,
    time_limit=300,
)
def send_overdue_confirmations() -> int:
    """Confirmations whose task was lost or gave up (beat: every quarter of an hour)."""
    return confirmations_send_overdue()
