"""Page benchmark: requests per second of warm store pages against a bare Django view.

    .venv/bin/python bench/pages/run.py
    .venv/bin/python bench/pages/run.py --seconds 20 --concurrency 4 --workers 2

Starts the sandbox (demo catalogue, generated once into var/bench/) and the store
under gunicorn as in production (gunicorn.conf.py, DEBUG off, secrets from the
environment, static files collected), with the URLconf bench/pages/urls.py: the store's URLs plus
`/__bare__`, a view that renders nothing but runs the same middleware. It warms the
home, chart, release and search pages, checks that warm pages make no API call (the
sandbox's request counter does not move), then loads each URL from a pool of
threads for a fixed time and prints requests/s and the ratio to the bare view.
It exits with 1 (after printing the table) when the API saw any call during the load
or any response was not a 200: numbers from such a run do not measure warm pages.
Set REDIS_URL to run the store on Redis instead of the embedded file cache.
"""

import argparse
import base64
import http.client
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # run as a script: the project's packages are importable
PYTHON = sys.executable
SANDBOX_DB = ROOT / "var" / "bench" / "sandbox-demo.sqlite3"
GOAL = 0.5  # each page at least half the bare view's throughput
SECRETS = {
    "DEBUG": "false",
    "SECRET_KEY": "bench-only-" + base64.b64encode(os.urandom(24)).decode(),
    "TOKEN_ENCRYPTION_KEY": base64.urlsafe_b64encode(os.urandom(32)).decode(),
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "false",
}
# Behind the TLS proxy of a real deployment: Django sees a secure request.
HEADERS = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https"}


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(env: dict[str, str], *args: str) -> None:
    result = subprocess.run([PYTHON, *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        raise RuntimeError(f"{' '.join(args)} failed:\n{result.stderr[-2000:]}")


def serve(env: dict[str, str], wsgi: str, port: int, workers: int, log: Path) -> subprocess.Popen:
    """gunicorn with the project's gunicorn.conf.py (the production one when DEBUG is
    off); the address and worker count from the command line win over it."""
    command = [PYTHON, "-m", "gunicorn", wsgi, "--config", "gunicorn.conf.py"]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", str(workers)]
    with log.open("w") as output:  # access log lines: one per request
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=output)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and process.poll() is None:
        try:
            requests.get(f"http://127.0.0.1:{port}/", timeout=10)
            return process
        except requests.RequestException:
            time.sleep(0.3)
    stop(process)
    raise RuntimeError(f"{wsgi} did not come up on port {port}; see {log}")


def start_sandbox(var: Path) -> tuple[subprocess.Popen, str]:
    var.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, **SECRETS, "DJANGO_SETTINGS_MODULE": "sandbox.settings"}
    env |= {"SANDBOX_DATABASE_URL": f"sqlite:///{SANDBOX_DB}", "VAR_DIR": str(var)}
    env["SANDBOX_RATE_LIMIT"] = "1000000"
    SANDBOX_DB.parent.mkdir(parents=True, exist_ok=True)
    run(env, "manage.py", "migrate", "--noinput")
    print("sandbox: demo catalogue (generated on the first run only)...", flush=True)
    run(env, "manage.py", "generate_catalogue", "--size", "demo", "--seed", "7", "--if-empty")
    port = free_port()
    process = serve(env, "sandbox.wsgi", port, workers=2, log=var / "gunicorn.log")
    return process, f"http://127.0.0.1:{port}/1.2"


def start_store(var: Path, api_url: str, workers: int) -> tuple[subprocess.Popen, str]:
    var.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, **SECRETS, "DJANGO_SETTINGS_MODULE": "bench.pages.settings"}
    env |= {"VAR_DIR": str(var), "SEVENDIGITAL_API_URL": api_url, "LOG_LEVEL": "WARNING"}
    env.setdefault("DATABASE_URL", f"sqlite:///{var / 'store.sqlite3'}")
    run(env, "manage.py", "migrate", "--noinput")
    run(env, "manage.py", "collectstatic", "--noinput")
    port = free_port()
    process = serve(env, "storefront.wsgi", port, workers, log=var / "gunicorn.log")
    return process, f"http://127.0.0.1:{port}"


def api_client(api_url: str, seen: list | None = None) -> Any:
    """A client with the store's (default) key; `seen` collects its responses."""
    from sevendigital import Client

    session = requests.Session()
    if seen is not None:
        session.hooks["response"].append(lambda response, **kwargs: seen.append(response))
    return Client(
        base_url=api_url,
        consumer_key="7dsandboxkey",
        consumer_secret="sandbox-demo-secret",
        session=session,
    )


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def sandbox_calls(api_url: str) -> int:
    """The sandbox's count of today's calls with the store's key (this one included)."""
    seen: list[requests.Response] = []
    api_client(api_url, seen).get_countries()
    return int(seen[-1].headers["X-RateLimit-Current"])


def page_urls(api_url: str) -> dict[str, str]:
    """The pages to measure; the release and query come from the sandbox's chart."""
    top = api_client(api_url).get_release_chart(period="week", country="GB").items[0].release
    word = top.title.split()[0].lower()
    return {
        "bare view": "/__bare__",
        "home": "/",
        "release": f"/release/{top.id}/",
        "search": f"/search/?q={word}",
        "chart": "/charts/release/?period=week",
    }


def session_cookie(port: int) -> str:
    """A returning shopper's cookies, shared by every load thread: the session (its
    territory resolved) and the CSRF cookie that the first page with a form set, as
    a browser sends them back. (Without it, every page would make a new CSRF secret
    and set it again: a cost only a shopper's very first page pays.)"""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/", headers=HEADERS)
    response = connection.getresponse()
    response.read()
    cookies = dict(
        value.split(";")[0].split("=", 1)
        for header, value in response.getheaders()
        if header.lower() == "set-cookie"
    )
    missing = {"sessionid", "csrftoken"} - set(cookies)
    if missing:
        raise RuntimeError(f"the store set no {' or '.join(sorted(missing))} cookie")
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def get(port: int, path: str, cookie: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={**HEADERS, "Cookie": cookie})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def load(port: int, path: str, cookie: str, seconds: float, concurrency: int) -> dict:
    """Requests/s of `path` from `concurrency` threads for `seconds`; bounded in time."""
    latencies: list[float] = []
    failures = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def worker() -> None:
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                status = get(port, path, cookie)
            except OSError as error:  # refused, reset, timed out: a failure, not a crash
                status = f"{type(error).__name__}"
            elapsed = time.perf_counter() - started
            with lock:
                (latencies if status == 200 else failures).append(
                    elapsed if status == 200 else status
                )

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return {
        "rps": len(latencies) / elapsed,
        "median_ms": statistics.median(latencies) * 1000 if latencies else float("nan"),
        "failed": len(failures),
        "failures": failures[:5],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="per page")
    parser.add_argument("--concurrency", type=int, default=4, help="load threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers of the store")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp:
        var = Path(tmp)
        sandbox, api_url = start_sandbox(var / "sandbox")
        store = None
        try:
            store, store_url = start_store(var / "store", api_url, args.workers)
            port = int(store_url.rsplit(":", 1)[1])
            urls = page_urls(api_url)
            cookie = session_cookie(port)
            for _ in range(2):  # cold (snapshots fetched, reads cached), then warm
                for name, path in urls.items():
                    status = get(port, path, cookie)
                    if status != 200:
                        raise RuntimeError(f"{name} ({path}) answered {status}")
            calls = sandbox_calls(api_url)
            results = {
                name: load(port, path, cookie, args.seconds, args.concurrency)
                for name, path in urls.items()
            }
            calls_during_load = sandbox_calls(api_url) - calls - 1
        finally:
            for process in (store, sandbox):
                if process is not None:
                    stop(process)
    report(results, urls, calls_during_load, args)
    problems = problems_of(results, calls_during_load)
    for problem in problems:
        print(f"FAILED: {problem}", file=sys.stderr)
    sys.exit(1 if problems else 0)


def problems_of(results: dict, api_calls: int) -> list[str]:
    """Why the run does not count: API calls during the load, answers other than 200."""
    problems = [
        f"{name}: {result['failed']} answers were not 200 (first: {result['failures']})"
        for name, result in results.items()
        if result["failed"]
    ]
    if api_calls:
        problems.append(f"the API saw {api_calls} calls during the load (warm pages make none)")
    return problems


def report(results: dict, urls: dict, api_calls: int, args: argparse.Namespace) -> None:
    bare = results["bare view"]["rps"]
    cache = "Redis" if os.environ.get("REDIS_URL") else "file cache (embedded default)"
    print(f"\nstore: gunicorn.conf.py, {args.workers} workers, {cache}; load: {args.concurrency}")
    print(f"threads x {args.seconds:.0f} s per page; API calls during the load: {api_calls}\n")
    print("| page | path | requests/s | median ms | ratio to bare | goal >= 0.5 |")
    print("| --- | --- | ---: | ---: | ---: | --- |")
    for name, result in results.items():
        ratio = result["rps"] / bare if bare else 0.0
        verdict = "-" if name == "bare view" else ("yes" if ratio >= GOAL else "NO")
        print(
            f"| {name} | `{urls[name]}` | {result['rps']:.0f} | {result['median_ms']:.1f} "
            f"| {ratio:.2f} | {verdict} |"
        )
        if result["failures"]:
            print(f"  failures (first five): {result['failures']}")


if __name__ == "__main__":
    main()
