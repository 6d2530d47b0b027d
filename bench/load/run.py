"""Load test: shoppers (locust) on the store under gunicorn, against the sandbox.

    .venv/bin/python bench/load/run.py                      # 20 users, 60 s
    .venv/bin/python bench/load/run.py --users 40 --time 120s
    .venv/bin/python bench/load/run.py --database-url postgres://postgres@127.0.0.1/load \
        --redis-url redis://127.0.0.1:6379/5                 # an empty database

Everything on loopback, in a temporary VAR_DIR: the sandbox (demo catalogue, its own
key with no effective rate limit, so the store's demand is measured rather than
cut off), then the store as in production (DEBUG off, secrets in the environment,
static files collected, gunicorn with the repository's gunicorn.conf.py and
`--workers 2 --threads 4`; access lines are read from its JSON log output). The
home-page and chart snapshots are warmed once by calling the refresh services (what
Celery beat does; no worker needed), returning customers with a saved card are made
(bench/load/shoppers.py), then locust runs headless for the fixed time. The report:
requests/s, p50/p95/p99 and errors; page views and the 7digital calls the store
made for them (the sandbox's access log, cross-checked with its X-RateLimit-Current
counter), by page; and what that means for a 4,000-calls-a-day prototype key.
"""

import argparse
import base64
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the store (for its settings)
sys.path.insert(0, str(Path(__file__).resolve().parent))
import render  # bench/load/render.py and report.py, beside this file
import report

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
LOCUST = str(Path(sys.executable).with_name("locust"))
KEY, SECRET = "7dloadkey001", "load-test-secret"
SECRETS = {
    "DEBUG": "false",
    "SECRET_KEY": "load-only-" + base64.b64encode(os.urandom(24)).decode(),
    "TOKEN_ENCRYPTION_KEY": base64.urlsafe_b64encode(os.urandom(32)).decode(),
    "ALLOWED_HOSTS": "127.0.0.1",
    "LOG_LEVEL": "WARNING",
}
WARM = (
    "from catalogue import services as s; "
    "print(s.refresh_charts(force=True), s.refresh_editorial(force=True), "
    "s.refresh_new_releases(force=True))"
)


# What shoppers can reach in the sandbox's catalogue (for the day's browsing ceiling):
# its releases, and the search texts the scenario types (title words as pageparse
# reads them, and their first three letters).
CATALOGUE = (
    "import json, re; from sandbox.models import Release; "
    "word = re.compile(r'[^\\W\\d_]{4,}'); "
    "words = {w.lower() for t in Release.objects.values_list('title', flat=True) "
    "for w in word.findall(t)}; "
    "print(json.dumps({'releases': Release.objects.count(), "
    "'search_texts': len(words | {w[:3] for w in words})}))"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def base_env(work: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.pop("CELERY_BROKER_URL", None)
    return {**env, **SECRETS, "VAR_DIR": str(work)}


def serve(env: dict[str, str], wsgi: str, port: int, output: Path) -> subprocess.Popen:
    """gunicorn as in production (gunicorn.conf.py is read: DEBUG off, JSON lines on
    stdout), its output in `output`: access lines in report.ACCESS_FORMAT."""
    command = [PYTHON, "-m", "gunicorn", wsgi, "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", "2", "--threads", "4", "--log-level", "warning"]
    command += ["--access-logfile", "-", "--access-logformat", report.ACCESS_FORMAT]
    with output.open("w") as handle:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=handle, stderr=handle)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and process.poll() is None:
        try:
            # No redirect following: the store (DEBUG off) sends plain HTTP to https.
            requests.get(f"http://127.0.0.1:{port}/favicon.ico", timeout=10, allow_redirects=False)
            return process
        except requests.RequestException:  # still booting (the machine may be busy)
            time.sleep(0.5)
    process.terminate()
    process.wait(timeout=20)
    raise RuntimeError(f"{wsgi} did not come up on port {port}: {output.read_text()[-2000:]}")


def start_sandbox(work: Path, args: argparse.Namespace) -> tuple[subprocess.Popen, str]:
    var = work / "sandbox"
    env = {**base_env(var), "DJANGO_SETTINGS_MODULE": "sandbox.settings"}
    env |= {"SANDBOX_DATABASE_URL": f"sqlite:///{var / 'sandbox.sqlite3'}"}
    env |= {"SANDBOX_CONSUMER_KEY": KEY, "SANDBOX_CONSUMER_SECRET": SECRET}
    env["SANDBOX_RATE_LIMIT"] = str(10**9)
    var.mkdir(parents=True)
    print("sandbox: migrate, demo catalogue...", flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "generate_catalogue", "--size", "demo", "--seed", "7", "--quiet")
    (work / "catalogue.json").write_text(manage(env, "shell", "-c", CATALOGUE).splitlines()[-1])
    port = free_port()
    return serve(env, "sandbox.wsgi", port, work / "sandbox.log"), f"http://127.0.0.1:{port}"


def store_env(work: Path, args: argparse.Namespace, sandbox_url: str) -> dict[str, str]:
    var = work / "store"
    var.mkdir(parents=True)
    env = {**base_env(var), "DJANGO_SETTINGS_MODULE": "storefront.settings.production"}
    env |= {"SEVENDIGITAL_API_URL": f"{sandbox_url}/1.2"}
    env |= {"SEVENDIGITAL_CONSUMER_KEY": KEY, "SEVENDIGITAL_CONSUMER_SECRET": SECRET}
    env["DATABASE_URL"] = args.database_url or f"sqlite:///{var / 'store.sqlite3'}"
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
    return env


def prepare_store(env: dict[str, str], work: Path, shoppers: int) -> Path:
    print("store: migrate, collectstatic, warm snapshots, customers...", flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    refreshed = manage(env, "shell", "-c", WARM).strip().splitlines()[-1]
    print(f"  snapshots refreshed (charts, editorial, new releases): {refreshed}")
    accounts = work / "shoppers.json"
    done = subprocess.run(
        [PYTHON, "bench/load/shoppers.py", str(accounts), str(shoppers)],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    if done.returncode:
        raise RuntimeError(f"making shoppers failed:\n{done.stderr[-3000:]}")
    return accounts


def rate_limit_current(sandbox_url: str) -> int:
    """The sandbox's count of today's calls with the store's key (this probe included)."""
    answer = requests.get(
        f"{sandbox_url}/1.2/countries", params={"oauth_consumer_key": KEY}, timeout=10
    )
    return int(answer.headers["X-RateLimit-Current"])


def run_locust(args: argparse.Namespace, store_url: str, accounts: Path, work: Path) -> int:
    command = [LOCUST, "-f", "bench/load/locustfile.py", "--headless", "--only-summary"]
    command += ["-u", str(args.users), "-r", str(args.spawn_rate), "-t", args.time]
    command += ["--host", store_url, "--csv", str(work / "locust"), "--stop-timeout", "5"]
    env = {**os.environ, "LOAD_SHOPPERS": str(accounts)}
    print(f"locust: {' '.join(command[1:])}", flush=True)
    with (work / "locust.log").open("w") as log:
        return subprocess.run(command, cwd=ROOT, env=env, stdout=log, stderr=log).returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--spawn-rate", type=float, default=5)
    parser.add_argument("--time", default="60s", help="locust's run time (60s, 5m)")
    parser.add_argument("--database-url", default="", help="the store's (empty) database")
    parser.add_argument("--redis-url", default="", help="the store's cache (default: files)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder and logs")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="load-"))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # stop the servers on a kill too
    processes: list[subprocess.Popen] = []
    try:
        sandbox, sandbox_url = start_sandbox(work, args)
        processes.append(sandbox)
        env = store_env(work, args, sandbox_url)
        accounts = prepare_store(env, work, shoppers=args.users // 4 + 2)
        port = free_port()
        processes.append(serve(env, "storefront.wsgi", port, work / "store.log"))
        api_log, store_log = work / "sandbox.log", work / "store.log"
        counted_before = rate_limit_current(sandbox_url)
        time.sleep(1)  # gunicorn writes the probe's log line after answering
        api_from, store_from = report.line_count(api_log), report.line_count(store_log)
        code = run_locust(args, f"http://127.0.0.1:{port}", accounts, work)
        time.sleep(1)
        api_hits = report.read_access_log(api_log, api_from)
        store_hits = report.read_access_log(store_log, store_from)
        counted = rate_limit_current(sandbox_url) - counted_before - 1
        print(render.render(args, work, code, counted, store_hits, api_hits))
    finally:
        for process in reversed(processes):
            process.terminate()
            process.wait(timeout=20)
        if args.keep:
            print(f"logs kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
