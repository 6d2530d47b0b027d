"""Why a test may not run here, and what to do about it: every environment skip.

Each reason says how to enable the test. With `CI=true` (where PostgreSQL, Redis,
redis-server and Chromium are all present) a skipped test fails the run instead:
a skip there means a test silently stopped testing. (SQLite-only tests, marked
`sqlite`, may skip in CI's PostgreSQL run: its embedded run must run them.) This
module is a pytest plugin (loaded by tests/conftest.py), so the rule holds for every
test, xdist workers too.
"""

import os
import shutil
from pathlib import Path

import pytest

DATABASE_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRES = DATABASE_URL.startswith(("postgres://", "postgresql://"))
REDIS_URL = os.environ.get("REDIS_URL", "")
BROKER_URL = os.environ.get("CELERY_BROKER_URL") or REDIS_URL
CHROMIUM = Path("/usr/bin/chromium")

POSTGRES_HOW = "set DATABASE_URL=postgres://postgres@127.0.0.1:5432/store_test"
REDIS_HOW = "set REDIS_URL=redis://127.0.0.1:6379/2"

needs_postgres = pytest.mark.skipif(not ON_POSTGRES, reason=f"needs PostgreSQL: {POSTGRES_HOW}")
# SQLite-only code (the sandbox's FTS5 search index): CI's embedded-default run, in a
# fresh clone with no DATABASE_URL, runs these; its PostgreSQL run may skip them.
SQLITE_HOW = "run without DATABASE_URL (the embedded SQLite default)"
needs_sqlite = pytest.mark.skipif(ON_POSTGRES, reason=f"needs SQLite: {SQLITE_HOW}")
needs_redis = pytest.mark.skipif(
    not REDIS_URL.startswith("redis://"), reason=f"needs Redis: {REDIS_HOW}"
)
needs_redis_server = pytest.mark.skipif(
    not shutil.which("redis-server"),
    reason="needs the redis-server program: apt-get install redis-server",
)
CHROMIUM_MISSING = f"needs Chromium at {CHROMIUM}: apt-get install chromium"


# What a test needs beyond Python, by marker: written into the JUnit XML as a
# `needs` property, so .ci/compare_runs.py can check that the embedded-default run
# leaves out exactly these tests and no others.
NEEDS = {"postgres": "postgres", "sqlite": "sqlite", "browser": "chromium"}


@pytest.hookimpl(trylast=True)  # after tests/browser/conftest.py marks its tests
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        for marker, need in NEEDS.items():
            if item.get_closest_marker(marker):
                item.user_properties.append(("needs", need))


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """In CI a skip is a failure, reported with the skip's reason."""
    outcome = yield
    report = outcome.get_result()
    sqlite_only = ON_POSTGRES and item.get_closest_marker("sqlite") is not None
    if report.skipped and in_ci() and not hasattr(report, "wasxfail") and not sqlite_only:
        _, _, reason = report.longrepr if isinstance(report.longrepr, tuple) else ("", 0, "")
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, where nothing may be skipped: {reason}"
