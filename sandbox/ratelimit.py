"""Per-key daily request limits, counted in the shared cache.

The window is the UTC day, as a daily allowance reads to a partner ("4,000 requests a
day"). The counter lives in the Django cache (Redis when REDIS_URL is set, else the
file cache every local process shares), never in process memory. Redis increments
atomically; the file cache's `incr` reads and writes back, so there the increment
holds an exclusive lock on a file beside the cache's (`flock`: across processes and
threads), or concurrent requests would lose counts.

Headers on every API response:
- `X-RateLimit-Limit`: requests allowed in the window (the consumer's `rate_limit`);
- `X-RateLimit-Current`: requests counted so far in this window, this one included;
- `X-RateLimit-Reset`: seconds until the window resets (relative, not an epoch),
  which is also the `Retry-After` of a 429.
"""

import contextlib
import fcntl
import logging
import math
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.core.cache import cache, caches
from django.core.cache.backends.filebased import FileBasedCache
from django.http import HttpResponse

from sandbox.models import Consumer

logger = logging.getLogger(__name__)

WINDOW_SECONDS = 24 * 3600


def now() -> float:
    """Seconds since the epoch (monkeypatch `sandbox.ratelimit.now` in tests)."""
    return time.time()


@dataclass(frozen=True)
class RateLimit:
    """Where one consumer stands in its current window after this request."""

    limit: int
    current: int
    reset_in: int  # seconds

    @property
    def exceeded(self) -> bool:
        return self.current > self.limit

    def apply_headers(self, response: HttpResponse) -> HttpResponse:
        response["X-RateLimit-Limit"] = str(self.limit)
        response["X-RateLimit-Current"] = str(self.current)
        response["X-RateLimit-Reset"] = str(self.reset_in)
        if self.exceeded:
            response["Retry-After"] = str(self.reset_in)
        return response


def hit(consumer: Consumer) -> RateLimit:
    """Count one request for consumer in the current window."""
    moment = now()
    window = int(moment // WINDOW_SECONDS)
    # Rounded up, so that a client waiting Retry-After seconds lands in the new window.
    reset_in = max(1, math.ceil((window + 1) * WINDOW_SECONDS - moment))
    key = f"sandbox:ratelimit:{consumer.key}:{window}"
    # Kept a little past the window's end so that a late increment still finds it.
    current = _increment(key, timeout=reset_in + 60)
    return RateLimit(limit=consumer.rate_limit, current=current, reset_in=reset_in)


@contextlib.contextmanager
def _counting_alone() -> Iterator[None]:
    """Exclusive for the increment when the cache cannot increment atomically itself."""
    backend = caches["default"]
    if not isinstance(backend, FileBasedCache):
        yield
        return
    folder = Path(backend._dir)  # the file cache's own folder (no public accessor)
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "sandbox-ratelimit.lock").open("a") as lock:  # not a .djcache file
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _increment(key: str, *, timeout: int) -> int:
    try:
        with _counting_alone():
            for _attempt in range(2):
                cache.add(key, 0, timeout)
                try:
                    current = cache.incr(key)
                except ValueError:  # expired between add and incr: start it again
                    continue
                if isinstance(caches["default"], FileBasedCache):
                    # Its `incr` writes the count back with the default timeout (300 s):
                    # a client that paused five minutes would start from 1 again.
                    cache.touch(key, timeout)
                return current
    except Exception:
        # An unreachable cache must not take the API down: count nothing, let it through.
        logger.warning("Rate-limit cache unavailable; request not counted", exc_info=True)
    return 0
