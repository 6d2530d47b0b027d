"""Celery tasks of the checkout: thin wrappers over services."""

from celery import shared_task

from checkout.services import reconcile_due


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
