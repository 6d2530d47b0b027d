"""Fixtures shared by the whole suite.

`sandbox_server` starts the sandbox the way it runs for real: its own process
(gunicorn), its own database (a fresh PostgreSQL database when DATABASE_URL points
at PostgreSQL, else a SQLite file), a generated catalogue, plain HTTP on loopback.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

# Every skip says how to enable its test, and in CI a skip fails the run.
pytest_plugins = ["tests.skips"]

ROOT = Path(__file__).resolve().parent.parent
SANDBOX_SEED = 7
SANDBOX_KEY = "7dtestkey001"  # 12 characters, like real 7digital keys
SANDBOX_SECRET = "test-sandbox-secret"


@dataclass(frozen=True)
class SandboxServer:
    url: str  # http://127.0.0.1:PORT
    api_url: str  # http://127.0.0.1:PORT/1.2
    consumer_key: str
    consumer_secret: str
    database_url: str
    env: dict

    def manage(self, *args: str) -> str:
        """Run a management command against the sandbox's own database."""
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise RuntimeError(f"manage.py {args[0]} failed:\n{result.stderr[-3000:]}")
        return result.stdout


def compile_catalogues(locale_dir: Path = ROOT / "locale") -> list[Path]:
    """Compile each `<lang>/LC_MESSAGES/*.po` whose `.mo` is missing or older, as
    `manage.py compilemessages` does (`msgfmt --check-format`); the `.mo` files compiled.
    Written to a temporary file, then renamed: a reader never sees half a catalogue."""
    stale = [
        po
        for po in sorted(locale_dir.glob("*/LC_MESSAGES/*.po"))
        if not po.with_suffix(".mo").is_file()
        or po.with_suffix(".mo").stat().st_mtime < po.stat().st_mtime
    ]
    if not shutil.which("msgfmt"):
        # The repository holds the compiled catalogues (CI checks they match): a
        # clone's file times say nothing about which is newer. Only a missing one stops.
        missing = [po for po in stale if not po.with_suffix(".mo").is_file()]
        if missing:
            raise pytest.UsageError(
                f"{missing[0].with_suffix('.mo')} is missing and msgfmt is not installed: "
                "apt-get install gettext (or run manage.py compilemessages)"
            )
        return []
    for po in stale:
        mo = po.with_suffix(".mo")
        partial = mo.with_name(f".{mo.name}.{os.getpid()}")
        compiled = subprocess.run(
            ["msgfmt", "--check-format", "-o", str(partial), str(po)],
            capture_output=True,
            text=True,
        )
        if compiled.returncode:
            partial.unlink(missing_ok=True)
            raise pytest.UsageError(f"{po} does not compile: {compiled.stderr.strip()}")
        os.replace(partial, mo)
    return [po.with_suffix(".mo") for po in stale]


def pytest_configure(config: pytest.Config) -> None:
    """The pages and e-mails under test are in de, fr and ja: compile their catalogues
    before any test (Django loads a language's catalogue once per process). Once, in
    the main process: xdist workers start after it."""
    if not hasattr(config, "workerinput"):
        compile_catalogues()


USER_PASSWORD = "pw-123456789"


@pytest.fixture
def ada(django_user_model):
    """A shopper's account (two, with `bob`, wherever a key, a lock or a cache is)."""
    return django_user_model.objects.create_user("ada", "ada@example.com", USER_PASSWORD)


@pytest.fixture
def bob(django_user_model):
    return django_user_model.objects.create_user("bob", "bob@example.com", USER_PASSWORD)


@pytest.fixture(autouse=True)
def _fragments_checked_and_forgotten(settings):
    """Every shared fragment rendered in a test is checked to be whole elements; none
    is carried from one test to the next (changing a setting drops them)."""
    settings.FRAGMENTS_CHECK_HTML = True


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def sandbox_database_name(store_url: str, pid: int, tag: str = "") -> str:
    """`<the store's test database>_sandbox_<pid>[_<tag>]`: named after the run that
    owns it (so a leftover is traceable), within PostgreSQL's 63 characters. A tag
    keeps a second database of the same process apart from the session's."""
    store_name = store_url.rpartition("/")[2].partition("?")[0]
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    test_name = f"test_{store_name}" + (f"_{worker}" if worker else "")
    suffix = f"_sandbox_{pid}" + (f"_{tag}" if tag else "")
    return test_name[: 63 - len(suffix)] + suffix


@contextmanager
def sandbox_database(tmp: Path, tag: str = "") -> Iterator[str]:
    """The sandbox's own database for one test session, dropped when it ends: a
    PostgreSQL database beside the store's when DATABASE_URL is PostgreSQL, else a
    SQLite file in tmp."""
    store_url = os.environ.get("DATABASE_URL", "")
    if not store_url.startswith(("postgres://", "postgresql://")):
        yield f"sqlite:///{tmp / 'sandbox.sqlite3'}"
        return
    import psycopg

    base = store_url.rpartition("/")[0]
    name = sandbox_database_name(store_url, os.getpid(), tag)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            # FORCE: a sandbox worker killed mid-request may still hold a connection.
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def stop(process: subprocess.Popen, seconds: float = 10) -> None:
    """Ask a server process to stop; kill it if it has not within `seconds`."""
    process.terminate()
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=seconds)


def _wait_until_up(url: str, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"sandbox exited with {process.returncode}")
        try:
            requests.get(url, timeout=1)
            return
        except (requests.ConnectionError, requests.Timeout):  # workers still booting
            time.sleep(0.2)
    raise RuntimeError(f"sandbox did not answer on {url}")


@pytest.fixture(scope="session")
def sandbox_server(tmp_path_factory) -> Iterator[SandboxServer]:
    tmp = tmp_path_factory.mktemp("sandbox")
    with sandbox_database(tmp) as database_url:
        yield from _serve_sandbox(tmp, database_url)


def _serve_sandbox(tmp: Path, database_url: str) -> Iterator[SandboxServer]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sandbox.settings",
        "SANDBOX_DATABASE_URL": database_url,
        "SANDBOX_CONSUMER_KEY": SANDBOX_KEY,
        "SANDBOX_CONSUMER_SECRET": SANDBOX_SECRET,
        "VAR_DIR": str(tmp),
        # Rate-limit counters live in the cache: a shared Redis must not carry them
        # from one test session (or CI run) to the next.
        "CACHE_KEY_PREFIX": f"sandbox-test-{uuid.uuid4().hex}",
        # URLs it hands out follow each request (tests/sandbox/test_origin.py).
        "SANDBOX_PUBLIC_URL": "",
        "DEBUG": "true",
    }
    port = free_port()
    server = SandboxServer(
        url=f"http://127.0.0.1:{port}",
        api_url=f"http://127.0.0.1:{port}/1.2",
        consumer_key=SANDBOX_KEY,
        consumer_secret=SANDBOX_SECRET,
        database_url=database_url,
        env=env,
    )
    server.manage("migrate", "--noinput")
    server.manage("generate_catalogue", "--size", "tiny", "--seed", str(SANDBOX_SEED), "--quiet")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "sandbox.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "4",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        _wait_until_up(server.url + "/1.2/countries", process)
        yield server
    finally:
        stop(process)
