"""Stale-tolerant catalogue reads: `Fetched` values, and how they are fetched.

Every read has ONE cache entry, `(fetched_at, value)`, kept for the long
`last_good` lifetime. While younger than the read's own lifetime (the table in
`settings.CATALOGUE_CACHE_SECONDS`) it is the fresh copy; after that it is the last
good copy, served with `stale=True` when the API fails with an error that says
nothing about the item (transport, rate limit, internal, unable to perform). One
entry rather than a fresh key beside a last-good key: a warm read is one cache get
and the two copies can never disagree. Not-found and not-available are real
answers: they are raised, never hidden behind an old copy.

Keys name the API (`storefront.api.api_identity`: its base URL and consumer key), so
a store pointed at another API never serves the first one's copies, fresh or last good.

After such a failure the API rests for `api_backoff` seconds: reads that have a copy
serve it without calling, so a down or rate-limited API does not make every page
wait for its timeout.

Each process also keeps the entries it read for `LOCAL_SECONDS`: a copy at most that
much older than another process's is harmless for catalogue data. Then it reads the
shared entry again, and when that is the very fetch it holds (same fetch time) it
keeps its own objects: unpickling a page's models costs more than the rest of the
page, and the fragments rendered from them (catalogue/templatetags/fragments.py)
stay valid while the objects are the same. `remembered` keeps the pages built from
the database (home, charts) for `LOCAL_SECONDS`.
"""

import hashlib
import logging
import pickle  # nosec B403  # our own cache entries only: security/README.md
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.conf import settings
from django.core.cache import caches
from django.dispatch import receiver

import sevendigital
from sevendigital import (
    InternalError,
    RateLimitedError,
    SevenDigitalError,
    TransportError,
    UnableToPerformError,
)
from storefront import read_stats
from storefront.api import (
    CACHE_ALIAS,
    api_identity,
    api_key,
    api_usage_share,
    client_reset,
    get_client,
)

logger = logging.getLogger(__name__)

T = TypeVar("T")

STALE_ERRORS = (TransportError, RateLimitedError, InternalError, UnableToPerformError)
RESTING_KEY = "resting"  # under api_key(): this API rests, not another
# Key prefix: entries hold the client's models, so a new client version starts afresh.
# Entries are (fetch time, pickled value): ":2" since the value is pickled apart.
KEY_PREFIX = f"catalogue:{sevendigital.__version__}:2"

# Reads of one page run side by side: they are HTTP calls, no database work.
POOL = ThreadPoolExecutor(max_workers=8, thread_name_prefix="catalogue-read")

LOCAL_SECONDS = 10
LOCAL_LIMIT = 8192  # entries: the reads of a few thousand pages
_local: "OrderedDict[str, tuple[float, Any]]" = OrderedDict()  # key -> (kept at, value)
_local_lock = threading.Lock()


@dataclass(frozen=True)
class Fetched(Generic[T]):
    """A selector's answer: `stale` when (part of) it is a last good copy served
    because the API failed; `error` is that failure."""

    value: T
    stale: bool = False
    error: SevenDigitalError | None = None
    # Which data this is: a digest of the reads it was built from and when each was
    # fetched ("" when unknown). Shared fragments are keyed by it (catalogue/
    # templatetags/fragments.py): a refreshed read is a new version.
    version: str = ""

    @classmethod
    def of(cls, value: T, parts: Iterable["Fetched[Any]"], *also: Any) -> "Fetched[T]":
        """`value` built from `parts` (and the plain data `also`): stale if any part is,
        with the first error; a version when every part has one."""
        parts = list(parts)
        errors = [part.error for part in parts if part.stale and part.error is not None]
        stale = any(part.stale for part in parts)
        versions = [part.version for part in parts]
        version = version_of(*versions, *also) if all(versions) else ""
        return cls(value, stale=stale, error=errors[0] if errors else None, version=version)


def version_of(*parts: Any) -> str:
    """A short digest naming one version of some data: what was read, and when."""
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Read:
    """One catalogue read: a client operation and its keyword arguments."""

    operation: str
    params: tuple[tuple[str, Any], ...]

    @property
    def key(self) -> str:
        digest = hashlib.sha256(repr(self.params).encode()).hexdigest()[:32]
        return f"{KEY_PREFIX}:{api_identity()}:{self.operation}:{digest}"

    @property
    def lifetime(self) -> int:
        table = settings.CATALOGUE_CACHE_SECONDS
        return table.get(self.operation) or sevendigital.OPERATIONS[self.operation].cache_ttl

    def call(self) -> Any:
        return getattr(get_client(), self.operation)(**dict(self.params))


def read(operation: str, **params: Any) -> Read:
    return Read(operation, tuple(sorted(params.items())))


def now() -> float:
    """The clock of freshness (seconds since the epoch); tests move it forward."""
    return time.time()


def lifetime(name: str) -> int:
    return settings.CATALOGUE_CACHE_SECONDS[name]


def _cache():
    return caches[CACHE_ALIAS]


def api_resting() -> bool:
    """True for a short while after the API failed (see `note_api_failure`)."""
    try:
        return bool(_cache().get(api_key(RESTING_KEY)))
    except Exception:
        return False


def note_api_failure(error: SevenDigitalError) -> None:
    """Let the API rest: the backoff, or longer if it asked us to wait (429)."""
    seconds = max(lifetime("api_backoff"), int(getattr(error, "retry_after", None) or 0))
    try:
        _cache().set(api_key(RESTING_KEY), True, seconds)
    except Exception:
        logger.warning("Could not record that the API failed", exc_info=True)


def has_copy(one: Read) -> bool:
    """Whether the cache holds a copy (fresh or last good) of this read."""
    return one.key in _entries([one.key])


def fetch(one: Read) -> Fetched[Any]:
    """One read: fresh copy, else the API, else the last good copy; else raises."""
    return fetch_all({"value": one})["value"]


def refresh(reads: Iterable[Read], *, force: bool = False) -> int:
    """Call the API now for the reads that are due (every one with `force`) and keep
    the answers, as a page would; for Celery, so shoppers find them fresh. Returns how
    many were fetched. The first failure is raised (a stale copy is no refresh), so
    the task retries later and fetches only what is still due."""
    reads = list(reads)
    entries = _entries([one.key for one in reads]) if not force else {}
    fetched = 0
    for one in reads:
        entry = entries.get(one.key)
        if entry is not None and now() - entry[0] < one.lifetime:
            continue
        outcome = _outcome(one, None)
        if isinstance(outcome, SevenDigitalError):
            raise outcome
        fetched += 1
    return fetched


def saving_calls() -> bool:
    """True once the key has used `settings.STORE_EXTRAS_BELOW_USAGE` of its day."""
    return api_usage_share() >= settings.STORE_EXTRAS_BELOW_USAGE


def fetch_all(
    reads: Mapping[str, Read],
    *,
    optional: Collection[str] = (),
    extras: Collection[str] = (),
) -> dict[str, Fetched[Any]]:
    """Several reads of one page; those not fresh in the cache run concurrently.

    An error of a read named in `optional` does not fail the others: its Fetched has
    value None and the error (stale if the API failed). Any other read's error is
    raised, the first one in `reads` order. Reads named in `extras` (optional ones
    a page is whole without) are not refreshed while `saving_calls()`: their cached
    copy, however old, or None.
    """
    entries = _entries([one.key for one in reads.values()])
    results: dict[str, Fetched[Any]] = {}
    pending: dict[str, tuple[Read, tuple | None]] = {}
    saving = None
    for name, one in reads.items():
        entry = entries.get(one.key)
        if entry is not None and now() - entry[0] < one.lifetime:
            results[name] = Fetched(entry[1], version=version_of(one.key, entry[0]))
            continue
        if name in extras:
            saving = saving_calls() if saving is None else saving
            if saving:
                value, at = (entry[1], entry[0]) if entry is not None else (None, None)
                results[name] = Fetched(value, version=version_of(one.key, at))
                continue
        pending[name] = (one, entry)
    read_stats.note(hits=len(results), misses=len(pending))
    if not pending:
        return results
    if len(pending) == 1:  # no thread hand-off for a lone read
        [(name, (one, entry))] = pending.items()
        outcomes = {name: _outcome(one, entry)}
    else:
        futures = {name: POOL.submit(_outcome, *job) for name, job in pending.items()}
        outcomes = {name: future.result() for name, future in futures.items()}
    for name in reads:
        if name in results:
            continue
        outcome = outcomes[name]
        if isinstance(outcome, Fetched):
            results[name] = outcome
        elif name in optional:
            results[name] = Fetched(
                None,
                stale=isinstance(outcome, STALE_ERRORS),
                error=outcome,
                version=version_of(reads[name].key, type(outcome).__name__),
            )
        else:
            raise outcome
    return results


def _entries(keys: list[str]) -> dict[str, tuple]:
    """The cache entries of these keys: this process's recent copies, else the cache's."""
    found, missing, expired = {}, [], {}
    kept_after = now() - LOCAL_SECONDS
    with _local_lock:
        for key in keys:
            local = _local.get(key)
            if local is not None and local[0] > kept_after:
                found[key] = local[1]
            else:
                missing.append(key)
                if local is not None:
                    expired[key] = local[1]
    if missing:
        try:
            shared = _cache().get_many(missing)
        except Exception:
            # An unreadable cache (down, or entries of an older code version) is a miss.
            logger.warning("Catalogue cache read failed", exc_info=True)
            shared = {}
        for key, (fetched_at, blob) in shared.items():
            old = expired.get(key)
            if old is not None and old[0] == fetched_at:
                # The very copy this process had: keep its objects (unpickling them
                # again costs more than the rest of the page, and the fragments
                # rendered from them stay valid: they compare identity).
                entry = old
            else:
                entry = (fetched_at, pickle.loads(blob))  # noqa: S301  # nosec B301  # our own cache
            _keep_local(key, entry)
            found[key] = entry
    return found


def remembered(key: str, compute: Callable[[], T]) -> T:
    """`compute()`, reused by this process for LOCAL_SECONDS (errors are not kept)."""
    with _local_lock:
        local = _local.get(key)
    if local is not None and local[0] > now() - LOCAL_SECONDS:
        return local[1]
    value = compute()
    _keep_local(key, value)
    return value


def _keep_local(key: str, value: Any) -> None:
    with _local_lock:
        _local[key] = (now(), value)
        _local.move_to_end(key)
        while len(_local) > LOCAL_LIMIT:
            _local.popitem(last=False)


@receiver(client_reset)
def forget_local(**kwargs: Any) -> None:
    """Drop this process's copies (when tests reset the client or clear the cache)."""
    with _local_lock:
        _local.clear()


def _outcome(one: Read, entry: tuple | None) -> Fetched[Any] | SevenDigitalError:
    """The read refreshed from the API (or its last good copy), or the error."""
    if entry is not None and api_resting():
        return Fetched(entry[1], stale=True, version=version_of(one.key, entry[0]))
    try:
        value = one.call()
    except STALE_ERRORS as error:
        note_api_failure(error)
        if entry is None:
            return error
        logger.warning("Serving the last good %s: %s", one.operation, error)
        return Fetched(entry[1], stale=True, error=error, version=version_of(one.key, entry[0]))
    except SevenDigitalError as error:
        return error
    entry = (now(), value)
    _keep_local(one.key, entry)
    try:
        # The value pickled apart: a process that holds this copy already compares
        # the fetch time without unpickling the models (`_entries`).
        shared = (entry[0], pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
        _cache().set(one.key, shared, lifetime("last_good"))
    except Exception:
        logger.warning("Catalogue cache write failed", exc_info=True)
    return Fetched(value, version=version_of(one.key, entry[0]))
