"""A real Celery worker on Redis refreshes the chart snapshots in the shared database.

Needs Redis (REDIS_URL or CELERY_BROKER_URL) and PostgreSQL (DATABASE_URL): the
worker is another process, so it must reach the same broker and the same test
database, which an in-memory SQLite database cannot be. CI sets both.
"""

import os
import subprocess
import sys
import time
import uuid

import pytest
from django.db import connection

from catalogue import tasks
from catalogue.models import ChartSnapshot
from storefront.celery_app import app
from tests.conftest import ROOT, stop
from tests.skips import needs_postgres, needs_redis

STORE_DATABASE_URL = os.environ.get("DATABASE_URL", "")

pytestmark = [
    pytest.mark.live_sandbox,
    pytest.mark.postgres,
    needs_redis,  # a real worker on a real broker
    needs_postgres,  # a worker cannot share SQLite test data
]


@pytest.fixture
def worker(sandbox_server, transactional_db, tmp_path):
    """`celery worker` in its own process, on a queue of its own, using this test's
    database and the sandbox."""
    queue = f"test-{uuid.uuid4().hex[:8]}"
    base, _, _ = STORE_DATABASE_URL.rpartition("/")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "storefront.settings.local",
        "DATABASE_URL": f"{base}/{connection.settings_dict['NAME']}",
        "SEVENDIGITAL_API_URL": sandbox_server.api_url,
        "SEVENDIGITAL_CONSUMER_KEY": sandbox_server.consumer_key,
        "SEVENDIGITAL_CONSUMER_SECRET": sandbox_server.consumer_secret,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "VAR_DIR": str(tmp_path),
        "DEBUG": "true",
    }
    command = [
        *(sys.executable, "-m", "celery", "-A", "storefront", "worker"),
        *("--pool", "solo", "--queues", queue, "--loglevel", "warning", "--without-heartbeat"),
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    yield queue
    stop(process, seconds=20)


@pytest.fixture
def not_eager():
    """Send tasks to the broker (the test settings run them in-process)."""
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = eager


def test_worker_refreshes_chart_snapshots(worker, not_eager):
    """refresh_charts sent through the broker is run by the worker: the rows appear."""
    tasks.refresh_charts.apply_async(kwargs={"countries": ["GB"]}, queue=worker)
    deadline = time.monotonic() + 90
    while ChartSnapshot.objects.count() < 9 and time.monotonic() < deadline:
        time.sleep(0.5)
    assert ChartSnapshot.objects.filter(country="GB").count() == 9
    row = ChartSnapshot.objects.get(kind="release", period="week", country="GB")
    assert len(row.parsed()) > 0
