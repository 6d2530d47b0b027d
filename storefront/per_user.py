"""A signed-in shopper's small values that every page shows (who they are, the basket
badge's count, which releases are on their wishlist), kept in the shared cache and in
the process until they change.

    BASKET_COUNTS = PerUser("basket-count", load=lambda user_id: ...)
    BASKET_COUNTS.get(user.pk)            # the user's token, then the value kept under
                                          # it; the database on a miss
    BASKET_COUNTS.watch(ShopperBasket)    # in AppConfig.ready(): saves and deletes
                                          # of a row drop its user's values

Every process shares the values, and a change made anywhere (another tab, another
device, the admin, a Celery task) is seen on the next page: the database stays the
one truth. A change drops the values through a token rather than the values
themselves, so a page that read the database just before the change committed cannot
store what it read as the new value:

- each user has one token, under its own key (made on first use, a random string
  never used again); every kind of value of theirs lives under
  `per-user:<user>:<token>:<name>`;
- a change of any kind deletes the user's token once its transaction commits (and at
  once, for pages read later in the same transaction: they read the database, below),
  so every kind of the user's values is read afresh;
- a read gets the token, then the value under it, else loads the database and stores
  the value under the token it got first. A page that got the token before the
  commit and read the database before it stores its stale value under a token no
  later read asks for.

A value kept under a token never changes for whoever reads that token, so a process
also keeps the values it read (`LOCAL_VALUES` of them): once the token is read, a
value this process has seen under it costs no cache read. The token itself is read
from the shared cache once per request (`PerUserScopeMiddleware`); outside a request
(a task, a shell) on every read. Values are shared: callers never change them.

Reads inside a transaction go to the database: what the cache holds is committed,
and the transaction's own changes are not yet. When the cache fails, the database
answers (a warning is logged).
"""

import logging
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

KEY_PREFIX = "per-user:2"
SECONDS = 24 * 60 * 60  # a value unread for a day goes from the shared cache
LOCAL_VALUES = 30_000  # values kept in the process (least recently used go first)

# The tokens read in the current request: user id -> token (None outside a request).
_tokens: ContextVar[dict[Any, str] | None] = ContextVar("per_user_tokens", default=None)
_values: OrderedDict[tuple, Any] = OrderedDict()
_lock = threading.Lock()


def token_key(user_id: Any) -> str:
    return f"{KEY_PREFIX}:{user_id}"


def _token(user_id: Any) -> str:
    """The user's token: from the request's own reads, else the shared cache."""
    read = _tokens.get()
    if read is not None and user_id in read:
        return read[user_id]
    token = cache.get_or_set(token_key(user_id), secrets.token_hex, SECONDS)
    if read is not None:
        read[user_id] = token
    return token


def version(user_id: Any) -> str | None:
    """Which version of the user's values this request reads: their token (None when
    the shared cache fails, or inside a transaction, where the values are read from
    the database). Whatever is worked out from their values alone can be kept under
    it: a change of any of them is a new version."""
    if _in_transaction():
        return None
    try:
        return _token(user_id)
    except Exception:
        logger.warning("Per-user cache read failed (the user's token)", exc_info=True)
        return None


def _in_transaction() -> bool:
    """Whether this thread is in a transaction of the default database. A thread that
    has not used the database yet (a kept page's request) is not, and is not given a
    connection object to ask (every request's end would then look at it)."""
    return any(
        connection.in_atomic_block
        for connection in connections.all(initialized_only=True)
        if connection.alias == DEFAULT_DB_ALIAS
    )


@contextmanager
def request_scope() -> Iterator[None]:
    """Within it, a user's token is read from the shared cache once (see the module)."""
    reset = _tokens.set({})
    try:
        yield
    finally:
        _tokens.reset(reset)


class PerUserScopeMiddleware:
    """One request: each shopper's token read once, however many values it reads."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with request_scope():
            return self.get_response(request)


def forget_user(user_id: Any) -> None:
    """Drop every kind of the user's values now: their token goes."""
    read = _tokens.get()
    if read is not None:
        read.pop(user_id, None)
    try:
        cache.delete(token_key(user_id))
    except Exception:
        # The values may stay stale until `SECONDS` pass: say so loudly.
        logger.error("Per-user cache: could not drop the values of user %s", user_id)


def _remember(key: tuple, value: Any) -> None:
    with _lock:
        _values[key] = value
        _values.move_to_end(key)
        while len(_values) > LOCAL_VALUES:
            _values.popitem(last=False)


class PerUser:
    """One kind of value per user (see the module docstring)."""

    def __init__(self, name: str, load: Callable[[int], Any]):
        self.name = name
        self.load = load  # user id -> the value, from the database (never None)

    def get(self, user_id: int) -> Any:
        token = version(user_id)
        if token is None:  # in a transaction, or the cache failed: the database
            return self.load(user_id)
        local = (self.name, user_id, token)
        with _lock:
            value = _values.get(local)
        if value is not None:
            return value
        value_key = f"{token_key(user_id)}:{token}:{self.name}"
        try:
            value = cache.get(value_key)
        except Exception:
            logger.warning("Per-user cache read failed (%s)", self.name, exc_info=True)
        if value is None:
            value = self.load(user_id)
            try:
                cache.set(value_key, value, SECONDS)
            except Exception:
                logger.warning("Per-user cache write failed (%s)", self.name, exc_info=True)
        _remember(local, value)
        return value

    def changed(self, user_id: int) -> None:
        """Drop the user's values once the current transaction commits (and at once
        when there is one: see the module docstring)."""
        if transaction.get_connection().in_atomic_block:
            forget_user(user_id)
        transaction.on_commit(lambda: forget_user(user_id))

    def watch(self, model: type[models.Model] | str, user_field: str = "user_id") -> None:
        """Drop a user's values whenever a row of `model` (whose `user_field` names the
        user) is saved or deleted. Queryset `update()` sends no signal: a writer that
        uses one calls `changed` itself."""

        def receiver(sender: Any, instance: models.Model, **kwargs: Any) -> None:
            self.changed(getattr(instance, user_field))

        for what, signal in (("saved", post_save), ("deleted", post_delete)):
            signal.connect(
                receiver, sender=model, weak=False, dispatch_uid=f"per-user:{self.name}:{what}"
            )
