"""Celery tasks of the accounts app: thin wrappers around services.

`accounts.check_wishlist_prices` runs daily from beat (storefront/celery_app.py).
No automatic retry: a run that fails part-way leaves the rest for the next day, and
prices already told are recorded, so no shopper gets the same alert twice.
"""

from celery import shared_task

from accounts import services


@shared_task(
    name="accounts.check_wishlist_prices",
    acks_late=True,
    soft_time_limit=900,
    time_limit=960,
    ignore_result=True,
)
def check_wishlist_prices() -> int:
    """Email shoppers whose wished releases came on sale or dropped in price."""
    return services.wishlist_check_prices()
