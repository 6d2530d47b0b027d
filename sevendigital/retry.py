"""When and how long to wait before retrying a catalogue read.

Only operations marked retry-safe in the operation table are ever retried (see
operations/table.py); this module only decides the schedule.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True)
class RetryPolicy:
    """attempts: total tries (1 = no retry). Backoff doubles from `backoff` seconds up to
    `max_backoff`, with jitter; a Retry-After longer than `max_retry_after` is not waited
    for (the error is raised instead)."""

    attempts: int = 3
    backoff: float = 0.5
    max_backoff: float = 8.0
    max_retry_after: float = 30.0
    random: Callable[[], float] = field(default=random.random, repr=False, compare=False)

    def retries_status(self, status: int) -> bool:
        return status in RETRY_STATUSES

    def delay(self, attempt: int, retry_after: float | None = None) -> float | None:
        """Seconds to wait after failed attempt number `attempt` (1-based); None: give up."""
        if attempt >= self.attempts:
            return None
        if retry_after is not None:
            return retry_after if retry_after <= self.max_retry_after else None
        cap = min(self.max_backoff, self.backoff * 2 ** (attempt - 1))
        # "Equal jitter": at least half the backoff, so clients that failed together
        # spread out without any of them hammering the API immediately.
        return cap / 2 + self.random() * cap / 2


def parse_retry_after(value: str | None, now: Callable[[], datetime] | None = None) -> float | None:
    """Retry-After in seconds, from either delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    current = now() if now else datetime.now(UTC)
    return max(0.0, (when - current).total_seconds())


def as_policy(retries: "int | RetryPolicy") -> RetryPolicy:
    """A RetryPolicy from the Client's `retries` argument: a policy, or how many retries
    follow the first try (0 disables retrying)."""
    if isinstance(retries, RetryPolicy):
        return retries
    return RetryPolicy(attempts=1 + max(0, int(retries)))
