"""A signed-in shopper's small values that every page shows (the basket badge's count,
which releases are on their wishlist), kept in the shared cache until they change.

    BASKET_COUNTS = PerUser("basket-count", load=lambda user_id: ...)
    BASKET_COUNTS.get(user.pk)            # a cache read; the database on a miss
    BASKET_COUNTS.watch(ShopperBasket)    # in AppConfig.ready(): saves and deletes
                                          # of a row drop its user's value

Every process shares the values, and a change made anywhere (another tab, another
device, the admin, a Celery task) is seen on the next page: the database stays the
one truth. A change drops the value through a token rather than the value itself,
so a page that read the database just before the change committed cannot store what
it read as the new value:

- the value lives under `per-user:<name>:<user>:<token>`, the token under its own
  key (made on first use, a random string never used again);
- a change deletes the token once its transaction commits (and at once, for pages
  read later in the same transaction: they read the database, below);
- a read gets the token, then the value under it, else loads the database and stores
  the value under the token it got first. A page that got the token before the
  commit and read the database before it stores its stale value under a token no
  later read asks for.

Reads inside a transaction go to the database: what the cache holds is committed,
and the transaction's own changes are not yet. When the cache fails, the database
answers (a warning is logged).
"""

import logging
import secrets
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save

logger = logging.getLogger(__name__)

KEY_PREFIX = "per-user:1"


class PerUser:
    """One kind of value per user (see the module docstring)."""

    def __init__(self, name: str, load: Callable[[int], Any], seconds: int = 24 * 60 * 60):
        self.name = name
        self.load = load  # user id -> the value, from the database (never None)
        self.seconds = seconds

    def token_key(self, user_id: int) -> str:
        return f"{KEY_PREFIX}:{self.name}:{user_id}"

    def get(self, user_id: int) -> Any:
        if transaction.get_connection().in_atomic_block:
            return self.load(user_id)
        try:
            token = cache.get_or_set(self.token_key(user_id), secrets.token_hex, self.seconds)
            value_key = f"{self.token_key(user_id)}:{token}"
            value = cache.get(value_key)
        except Exception:
            logger.warning("Per-user cache read failed (%s)", self.name, exc_info=True)
            return self.load(user_id)
        if value is None:
            value = self.load(user_id)
            try:
                cache.set(value_key, value, self.seconds)
            except Exception:
                logger.warning("Per-user cache write failed (%s)", self.name, exc_info=True)
        return value

    def changed(self, user_id: int) -> None:
        """Drop the user's value once the current transaction commits (and at once
        when there is one: see the module docstring)."""
        if transaction.get_connection().in_atomic_block:
            self._forget(user_id)
        transaction.on_commit(lambda: self._forget(user_id))

    def _forget(self, user_id: int) -> None:
        try:
            cache.delete(self.token_key(user_id))
        except Exception:
            # The value may stay stale until `seconds` pass: say so loudly.
            logger.error("Per-user cache: could not drop %s of user %s", self.name, user_id)

    def watch(self, model: type[models.Model] | str, user_field: str = "user_id") -> None:
        """Drop a user's value whenever a row of `model` (whose `user_field` names the
        user) is saved or deleted. Queryset `update()` sends no signal: a writer that
        uses one calls `changed` itself."""

        def receiver(sender: Any, instance: models.Model, **kwargs: Any) -> None:
            self.changed(getattr(instance, user_field))

        for what, signal in (("saved", post_save), ("deleted", post_delete)):
            signal.connect(
                receiver, sender=model, weak=False, dispatch_uid=f"per-user:{self.name}:{what}"
            )
