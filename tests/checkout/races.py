"""Real races for the exactly-once tests: threads held at the claim's checkpoints.

`checkout.services.purchases.checkpoint` is a no-op in the store; `Race` replaces it
so that every thread stops at a step of `purchase_claim`:

- "claim": its "already bought?" checks passed, the lock not yet asked for. A
  `threading.Barrier` there lets every request through those checks before any
  claims, so only the lock and the unique constraint can stop the second.
- "claimed": inside the claim, with the lock held (if there is one), just before the
  record is written. Held there until `release()`: meanwhile `lock_waiters()` shows
  whether the other request is really waiting on the row lock in PostgreSQL.

Each thread runs a service as one request would, with its own database connection.
"""

import threading
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from django.db import connection, connections
from requests.adapters import HTTPAdapter

from checkout.services import purchases

TIMEOUT = 30  # seconds any step may wait before the test gives up


class CountingAdapter(HTTPAdapter):
    """Forwards every request and counts them by API path (thread-safe)."""

    def __init__(self):
        super().__init__(pool_maxsize=32)
        self.calls: Counter[str] = Counter()
        self.lock = threading.Lock()

    def send(self, request, **kwargs):
        path = request.path_url.split("?")[0]
        with self.lock:
            self.calls[path] += 1
        return super().send(request, **kwargs)


class Race:
    """`parties` threads that meet at `meet` and wait at "claimed" until released."""

    def __init__(self, monkeypatch, *, parties: int = 2, meet: str = "claim"):
        self.meet = meet
        self.barrier = threading.Barrier(parties, timeout=TIMEOUT)
        self.go = threading.Event()
        self.arrived = Counter()
        self._lock = threading.Lock()
        monkeypatch.setattr(purchases, "checkpoint", self.checkpoint)

    def checkpoint(self, step: str, *, user: Any, subject: str) -> None:
        with self._lock:
            self.arrived[step] += 1
        if step == self.meet:
            self.barrier.wait()
        if step == "claimed":
            self.go.wait(TIMEOUT)

    def release(self) -> None:
        self.go.set()

    def run(self, work: Callable[[int], Any]) -> list[Any]:
        """Start `work(index)` in each thread; returns the threads' answers once the
        caller releases them (call `release`, then `results`)."""
        self.answers: list[Any] = [None] * self.barrier.parties

        def one(index: int) -> None:
            try:
                self.answers[index] = work(index)
            except Exception as error:  # the test asserts on it
                self.answers[index] = error
            finally:
                connection.close()

        self.threads = [
            threading.Thread(target=one, args=(i,)) for i in range(self.barrier.parties)
        ]
        for thread in self.threads:
            thread.start()
        return self.answers

    def results(self) -> list[Any]:
        for thread in self.threads:
            thread.join(TIMEOUT * 2)
        assert not any(thread.is_alive() for thread in self.threads), "a request hung"
        return self.answers


def lock_waiters(*, seconds: float = 10.0) -> int:
    """How many other sessions of this database wait on a row lock taken by the claim
    (`FOR NO KEY UPDATE`), polled for up to `seconds`; 0 if none ever did."""
    deadline = time.monotonic() + seconds
    with connections["default"].cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND wait_event_type = 'Lock' "
                "AND query ILIKE '%%FOR NO KEY UPDATE%%'"
            )
            waiting = cursor.fetchone()[0]
            if waiting:
                return waiting
            time.sleep(0.05)
    return 0
