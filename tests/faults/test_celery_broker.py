"""The Celery refresh survives a dead broker and catches up when it returns.

A real deployment in miniature: a Redis of its own (started here on a free port,
no persistence), a Celery worker and beat (tests/faults/beat_app.py: the store's app
with the GB charts refreshed every 2 s), the store's own database file and the
sandbox as the API. Redis is killed for a while and started again on the same port.

Who keeps the processes up: nobody needs to. Neither the worker nor beat exits when
the broker goes: the worker keeps trying to reconnect (Celery's
`broker_connection_retry`, with growing waits), beat logs each tick it cannot send
and sends the next one. No supervisor restarts anything here (honcho, in
`make run`, would not either), which is what this test shows.
"""

import os
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, free_port, stop
from tests.skips import needs_redis_server

pytestmark = [
    pytest.mark.faults,
    pytest.mark.live_sandbox,
    needs_redis_server,
]

APP = "tests.faults.beat_app"
LATEST = "SELECT max(fetched_at) FROM catalogue_chartsnapshot WHERE country = 'GB'"


class Redis:
    """A redis-server on `port`, started and killed at will."""

    def __init__(self, port: int, folder: Path):
        self.port, self.folder, self.process = port, folder, None

    def start(self) -> None:
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no", "--dir", str(self.folder)]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        wait_for(self.answers, seconds=10, what="redis-server to start")

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(timeout=10)


def wait_for(condition, *, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.3)


def latest_refresh(database: Path) -> str | None:
    with sqlite3.connect(database) as connection:
        return connection.execute(LATEST).fetchone()[0]


@pytest.fixture
def deployment(sandbox_server, tmp_path):
    """Redis, the store's database, a worker and beat; yields what the test needs."""
    redis = Redis(free_port(), tmp_path)
    redis.start()
    database = tmp_path / "store.sqlite3"
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")}
    env |= {
        "DJANGO_SETTINGS_MODULE": "storefront.settings.local",
        "DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{database}",
        "CELERY_BROKER_URL": f"redis://127.0.0.1:{redis.port}/0",
        "SEVENDIGITAL_API_URL": sandbox_server.api_url,
        "SEVENDIGITAL_CONSUMER_KEY": sandbox_server.consumer_key,
        "SEVENDIGITAL_CONSUMER_SECRET": sandbox_server.consumer_secret,
        "VAR_DIR": str(tmp_path),
        "CELERY_TASK_ALWAYS_EAGER": "false",
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=ROOT, env=env, check=True, capture_output=True,
    )  # fmt: skip
    celery = [sys.executable, "-m", "celery", "-A", APP]
    worker = [*celery, "worker", "--pool", "solo", "--without-mingle", "--without-gossip"]
    beat = [*celery, "beat", "--max-interval", "1", "--schedule", str(tmp_path / "beat")]
    processes = {}
    for name, command in (("worker", worker), ("beat", beat)):
        log = (tmp_path / f"{name}.log").open("w")
        processes[name] = subprocess.Popen(
            [*command, "--loglevel", "INFO"], cwd=ROOT, env=env, stdout=log, stderr=log
        )
    yield redis, processes, database, tmp_path
    for process in processes.values():
        stop(process, seconds=20)
    if redis.process.poll() is None:
        redis.kill()


def test_refresh_survives_a_dead_broker_and_catches_up(deployment):
    """Refreshes run; with Redis dead they stop, and worker and beat stay up; with it
    back, the refreshes run again (the snapshots' fetched_at moves on)."""
    redis, processes, database, logs = deployment

    def advanced_past(moment: str | None):
        return lambda: (latest_refresh(database) or "") > (moment or "")

    def logs_tail() -> str:
        return "\n".join((logs / f"{name}.log").read_text()[-1500:] for name in processes)

    try:
        wait_for(advanced_past(None), seconds=60, what="a first refresh")
        wait_for(advanced_past(latest_refresh(database)), seconds=20, what="a second one")
        redis.kill()
        time.sleep(4)  # a refresh already under way may still finish
        before_return = latest_refresh(database)
        time.sleep(6)
        assert latest_refresh(database) == before_return  # nothing ran without a broker
        assert all(process.poll() is None for process in processes.values()), logs_tail()
        redis.start()
        wait_for(advanced_past(before_return), seconds=60, what="a refresh after the return")
        assert all(process.poll() is None for process in processes.values()), logs_tail()
    except AssertionError as error:
        raise AssertionError(f"{error}\n{logs_tail()}") from None
