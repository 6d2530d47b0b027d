"""Signal receivers: a purchase the shop completes empties the shopper's cached locker,
so the music bought shows on the locker page at once, not a minute later.

Connected by `AccountsConfig.ready` to the checkout app's `Purchase` by name, so the
checkout app needs to know nothing of the locker cache.
"""

from typing import Any

from django.db import transaction

from accounts.services import locker_forget

SUCCEEDED = "succeeded"


def forget_locker_after_purchase(*, instance: Any, **kwargs: Any) -> None:
    if instance.status == SUCCEEDED:
        user = instance.user
        transaction.on_commit(lambda: locker_forget(user=user))
