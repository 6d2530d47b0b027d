"""The clock the OAuth provider checks timestamps against; tests replace `now`."""

import time


def now() -> float:
    """Seconds since the epoch (monkeypatch `sandbox.oauth.clock.now` in tests)."""
    return time.time()
