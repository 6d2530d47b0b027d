"""How often catalogue reads are answered from the cache: a day's hits and misses.

Counted per process and added to the shared cache at most every FLUSH_SECONDS, so a
warm read costs no extra cache round trip; the dashboard reads the day's totals.
"""

import contextlib
import threading
import time
from datetime import date

from django.core.cache import caches

from storefront.api import CACHE_ALIAS

FLUSH_SECONDS = 10
KEEP_SECONDS = 3 * 24 * 3600
NAMES = ("hits", "misses")

_lock = threading.Lock()
_counts = dict.fromkeys(NAMES, 0)
_flushed = time.monotonic()


def _key(name: str, day: date) -> str:
    return f"catalogue:reads:{day.isoformat()}:{name}"


def note(*, hits: int, misses: int) -> None:
    """Count a page's reads: those answered by the cache, those that went to the API."""
    global _flushed
    with _lock:
        _counts["hits"] += hits
        _counts["misses"] += misses
        if time.monotonic() - _flushed < FLUSH_SECONDS:
            return
    flush()


def flush() -> None:
    """Add this process's counts to the day's shared totals."""
    global _flushed
    with _lock:
        taken = dict(_counts)
        _counts.update(dict.fromkeys(NAMES, 0))
        _flushed = time.monotonic()
    cache, today = caches[CACHE_ALIAS], date.today()
    for name, count in taken.items():
        if count:
            with contextlib.suppress(Exception):  # statistics never fail a page
                cache.add(_key(name, today), 0, KEEP_SECONDS)
                cache.incr(_key(name, today), count)


def today() -> tuple[int, int]:
    """(hits, misses) of catalogue reads today, this process's latest included."""
    flush()
    found = caches[CACHE_ALIAS].get_many([_key(name, date.today()) for name in NAMES])
    return tuple(found.get(_key(name, date.today()), 0) for name in NAMES)
