"""Page benchmark: requests per second of store pages against a bare Django view.

    .venv/bin/python bench/pages/run.py
    .venv/bin/python bench/pages/run.py --page-seconds 20 --rounds 3 --visits shopper

Starts the sandbox (demo catalogue, generated once into var/bench/) and the store
under gunicorn as in production (gunicorn.conf.py, DEBUG off, secrets from the
environment, static files collected). The WSGI application (bench/pages/wsgi.py)
serves the store and, in the same processes, `/__bare__`: a startproject-like view
behind plain Django middleware only, the baseline. Pages walk many URLs (`--urls`
releases, artists and search texts from the sandbox's catalogue), so per-process
caches do not flatter them. The run measures, in turn:

1. each URL's first view, nothing cached yet (latency and API calls per view);
2. warm, for each kind of visit (bench/pages/visitors.py: first visits without
   cookies, returning visitors, a signed-in shopper with a basket) and page kind:
   every URL walked once as that visitor, then windows of load longer than a page is
   kept (so each page expires and is rendered again within one, as for a steady
   stream of visitors), each between two slices of the bare view. The load is wrk
   (bench/pages/walk.lua), as the peer bench's; Python threads without it.

It exits non-zero when a response is not 200 or the API sees a call during the warm
load. Set REDIS_URL to run the store on Redis instead of the embedded disk cache.
"""

import argparse
import base64
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # run as a script: the project's packages are importable

from bench.pages.visitors import (  # noqa: E402
    SIGNED_IN,
    Visitor,
    returning_visitor,
    signed_in_shopper,
    url_pools,
)

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
BARE = "/__bare__"


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


def prepare_store(var: Path, api_url: str) -> dict[str, str]:
    """The store's production environment in `var`, migrated, static files collected."""
    var.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, **SECRETS, "DJANGO_SETTINGS_MODULE": "bench.pages.settings"}
    env |= {"VAR_DIR": str(var), "SEVENDIGITAL_API_URL": api_url, "LOG_LEVEL": "WARNING"}
    env.setdefault("DATABASE_URL", f"sqlite:///{var / 'store.sqlite3'}")
    run(env, "manage.py", "migrate", "--noinput")
    run(env, "manage.py", "collectstatic", "--noinput")
    return env


def start_store(var: Path, api_url: str, workers: int) -> tuple[subprocess.Popen, str, dict]:
    env = prepare_store(var, api_url)
    port = free_port()
    process = serve(env, "bench.pages.wsgi", port, workers, log=var / "gunicorn.log")
    return process, f"http://127.0.0.1:{port}", env


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


def make_shopper(env: dict[str, str], var: Path) -> dict[str, str]:
    """A shop account linked to 7digital, made as sign-up makes them (bench/load)."""
    out = var / "shopper.json"
    run(env, "bench/load/shoppers.py", str(out), "1")
    return json.loads(out.read_text())[0]


WALK = Path(__file__).with_name("walk.lua")


def load(port: int, paths: list[str], cookies: dict, seconds: float, args) -> dict:
    """Requests over `paths` for `seconds` from the chosen load generator."""
    if args.load == "wrk":
        return wrk_load(port, paths, cookies, seconds, args.connections)
    return python_load(port, paths, cookies, seconds, args.concurrency)


def wrk_load(port: int, paths: list[str], cookies: dict, seconds: float, connections: int) -> dict:
    """wrk (C, as the peer bench loads every target) walking `paths` with `connections`
    connections on 2 threads (bench/pages/walk.lua): what the server does, not what a
    Python client can ask for."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt") as listed:
        listed.write("\n".join(paths) + "\n")
        listed.flush()
        env = {
            **os.environ,
            "PATHS_FILE": listed.name,
            "COOKIE": "; ".join(f"{k}={v}" for k, v in cookies.items()),
        }
        command = ["wrk", "-t2", f"-c{connections}", f"-d{max(1, round(seconds))}s"]
        command += ["--timeout", "10s", "-s", str(WALK), f"http://127.0.0.1:{port}"]
        output = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    line = next(line for line in output.stdout.splitlines() if line.startswith('{"requests"'))
    counts = json.loads(line)
    done = counts["requests"] - counts["not_200"] - counts["socket_errors"]
    # wrk keeps counts, not which URL failed: one of them, with the last status seen.
    failures = [(f"one of {len(paths)} URLs", counts["a_status"])] * counts["not_200"]
    failures += [(f"one of {len(paths)} URLs", "socket error")] * counts["socket_errors"]
    return {
        "count": done,
        "seconds": counts["microseconds"] / 1e6,
        "median_ms": counts["p50_us"] / 1000,
        "failures": failures,
    }


def python_load(port: int, paths: list[str], cookies: dict, seconds: float, threads: int) -> dict:
    """Requests/s over `paths` (each thread walks them from its own offset) for
    `seconds` from Python threads; every status that is not 200 is kept. They ask for
    less than wrk (their CPU is the server's on a small machine): 1,985 req/s of the
    bare view where wrk got 2,600 (bench/README.md)."""
    latencies: list[float] = []
    failures: list[tuple[str, int]] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def worker(offset: int) -> None:
        visitor = Visitor(port, dict(cookies))  # cookies as they were: none are kept
        index = offset
        while time.monotonic() < deadline:
            path = paths[index % len(paths)]
            index += 1
            started = time.perf_counter()
            try:
                status = visitor.request("GET", path).status
            except OSError as error:  # refused, reset, timed out: a failure, not a crash
                status = type(error).__name__
            elapsed = time.perf_counter() - started
            with lock:
                if status == 200:
                    latencies.append(elapsed)
                else:
                    failures.append((path, status))

    step = max(1, len(paths) // threads)
    pool = [threading.Thread(target=worker, args=(n * step,)) for n in range(threads)]
    started = time.monotonic()
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return {
        "count": len(latencies),
        "seconds": time.monotonic() - started,
        "median_ms": statistics.median(latencies) * 1000 if latencies else float("nan"),
        "failures": failures,
    }


def first_views(port: int, pools: dict[str, list[str]], api_url: str) -> dict:
    """Each URL's first view (nothing cached), one at a time, as a first visitor: the
    latency and the API calls it costs. Then a second pass proves them all warm."""
    costs = {}
    for kind, paths in pools.items():
        calls = sandbox_calls(api_url)
        latencies = []
        for path in paths:
            started = time.perf_counter()
            status = Visitor(port).request("GET", path).status
            latencies.append(time.perf_counter() - started)
            if status != 200:
                raise PageFailed(f"{path} answered {status} on its first view")
        spent = sandbox_calls(api_url) - calls - 1
        costs[kind] = {
            "urls": len(paths),
            "median_ms": statistics.median(latencies) * 1000,
            "p95_ms": sorted(latencies)[int(0.95 * (len(latencies) - 1))] * 1000,
            "calls_per_view": spent / len(paths),
        }
    for paths in pools.values():
        for path in paths:
            status = Visitor(port).request("GET", path).status
            if status != 200:
                raise PageFailed(f"{path} answered {status} warm")
    return costs


def walk(port: int, paths: list[str], visitor: "Visit", threads: int) -> None:
    """Every URL once as this visitor, from `threads` threads: each answers 200 with the
    visitor's page (signed in or not), and is kept for the next ones."""

    def answer(path: str) -> tuple[str, Any]:
        return path, Visitor(port, dict(visitor.cookies)).request("GET", path)

    with ThreadPoolExecutor(threads) as pool:
        for path, got in pool.map(answer, paths):
            if got.status != 200:
                raise PageFailed(f"{path} answered {got.status} to the {visitor.name} visitor")
            if visitor.signed_in != (SIGNED_IN in got.text):
                raise PageFailed(f"{path} is not the {visitor.name} visitor's page")


@dataclass
class Visit:
    name: str
    cookies: dict[str, str]
    signed_in: bool = False


class PageFailed(RuntimeError):
    """A page answered something other than 200."""


def measure(port: int, pools: dict, visits: list[Visit], args: argparse.Namespace) -> dict:
    """Per visit kind and page kind: the URLs walked once (`walk`), then `args.rounds`
    page windows of `args.page_seconds`, each between two slices of the bare view
    (`args.bare_seconds`). A window is longer than a page is kept
    (SHARED_PAGE_SECONDS), so it holds what a steady stream of visitors meets: every
    URL's page rendered again once it expires, served kept until then. A window's ratio
    is its requests/s over the mean of the bare slices on either side (the machine's
    load drifts); a page's ratio is the median of its windows'."""
    results = {}
    for visit in visits:
        bare_slices = []
        for kind, paths in pools.items():
            walk(port, paths, visit, args.concurrency)
            bare = [load(port, [BARE], visit.cookies, args.bare_seconds, args)]
            windows, ratios = [], []
            for _ in range(args.rounds):
                windows.append(load(port, paths, visit.cookies, args.page_seconds, args))
                bare.append(load(port, [BARE], visit.cookies, args.bare_seconds, args))
                ratios.append(rps(windows[-1]) * 2 / (rps(bare[-2]) + rps(bare[-1])))
            bare_slices += bare
            results[visit.name, kind] = combined(windows, ratio=statistics.median(ratios))
            print(
                f"  {visit.name:<10} {kind:<10} {results[visit.name, kind]['rps']:7.0f} req/s"
                f" ({results[visit.name, kind]['ratio']:.2f} of the bare view: "
                + ", ".join(f"{ratio:.2f}" for ratio in ratios)
                + ")",
                flush=True,
            )
        results[visit.name, "bare view"] = combined(bare_slices, ratio=1.0)
    return results


def rps(result: dict) -> float:
    return result["count"] / result["seconds"]


def combined(slices: list[dict], ratio: float) -> dict:
    return {
        "rps": sum(one["count"] for one in slices) / sum(one["seconds"] for one in slices),
        "ratio": ratio,
        "median_ms": statistics.median(one["median_ms"] for one in slices),
        "failures": [failure for one in slices for failure in one["failures"]],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--page-seconds",
        type=float,
        default=12.0,
        help="each page window: longer than SHARED_PAGE_SECONDS (10), so every kept page"
        " expires and is rendered again within it",
    )
    parser.add_argument("--bare-seconds", type=float, default=3.0, help="each bare view slice")
    parser.add_argument("--rounds", type=int, default=2, help="page windows per page and visit")
    parser.add_argument(
        "--load",
        choices=("wrk", "python"),
        default="wrk" if shutil.which("wrk") else "python",
        help="load generator: wrk (apt-get install wrk; the default when installed) or"
        " Python threads",
    )
    parser.add_argument("--connections", type=int, default=16, help="wrk's connections")
    parser.add_argument("--concurrency", type=int, default=4, help="Python load threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers of the store")
    parser.add_argument("--urls", type=int, default=200, help="releases, artists, search texts")
    parser.add_argument(
        "--visits", default="first,returning,shopper", help="the kinds of visit measured"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp:
        var = Path(tmp)
        sandbox, api_url = start_sandbox(var / "sandbox")
        store = None
        try:
            store, store_url, env = start_store(var / "store", api_url, args.workers)
            port = int(store_url.rsplit(":", 1)[1])
            shopper = make_shopper(env, var)
            pools = url_pools(api_client(api_url), args.urls)
            print(f"first views of {sum(map(len, pools.values()))} URLs...", flush=True)
            costs = first_views(port, pools, api_url)
            release_id = int(pools["release"][0].split("/")[2])
            kinds = {
                "first": lambda: Visit("first", {}),
                "returning": lambda: Visit("returning", returning_visitor(port, "GB").cookies),
                "shopper": lambda: Visit(
                    "shopper",
                    signed_in_shopper(port, **shopper, release_id=release_id).cookies,
                    signed_in=True,
                ),
            }
            visits = [kinds[visit]() for visit in args.visits.split(",")]
            calls = sandbox_calls(api_url)
            results = measure(port, pools, visits, args)
            calls_during_load = sandbox_calls(api_url) - calls - 1
        except PageFailed as error:
            print(f"FAILED: {error}", file=sys.stderr)
            return 1
        finally:
            for process in (store, sandbox):
                if process is not None:
                    stop(process)
    return report(results, costs, pools, calls_during_load, args)


def report(results: dict, costs: dict, pools: dict, api_calls: int, args) -> int:
    cache = "Redis" if os.environ.get("REDIS_URL") else "disk cache (embedded default)"
    generator = (
        f"wrk, {args.connections} connections"
        if args.load == "wrk"
        else f"{args.concurrency} Python threads"
    )
    print(f"\nstore: gunicorn.conf.py, {args.workers} workers, {cache}; load: {generator}")
    print(
        f"per page and visit: {args.rounds} windows of {args.page_seconds:.0f} s, each between"
        f" {args.bare_seconds:.0f} s slices of the bare view; API calls during the load:"
        f" {api_calls}"
    )
    print("\nFirst view of each URL (cold cache, one at a time, no cookies):\n")
    print("| page | URLs | median ms | p95 ms | API calls per view |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for kind, cost in costs.items():
        print(
            f"| {kind} | {cost['urls']} | {cost['median_ms']:.1f} | {cost['p95_ms']:.1f} "
            f"| {cost['calls_per_view']:.2f} |"
        )
    visits = list(dict.fromkeys(visit for visit, _ in results))
    print(
        "\nWarm cache, requests/s (ratio to the bare view: the median of the windows' ratios,"
        "\neach to the bare view slices on either side; median latency):\n"
    )
    print("| page | URLs walked | " + " | ".join(visits) + " |")
    print("| --- | ---: |" + " ---: |" * len(visits))
    worst, failures = float("inf"), []
    for kind in ["bare view", *pools]:
        cells = []
        for visit in visits:
            result = results[visit, kind]
            ratio = result["ratio"]
            if kind != "bare view":
                worst = min(worst, ratio)
            cells.append(f"{result['rps']:.0f} ({ratio:.2f}, {result['median_ms']:.1f} ms)")
            failures += result["failures"]
        urls = 1 if kind == "bare view" else len(pools[kind])
        print(f"| {kind} | {urls} | " + " | ".join(cells) + " |")
    print(f"\nlowest ratio: {worst:.2f} (goal >= {GOAL})")
    if failures:
        print(f"FAILED: {len(failures)} responses were not 200, e.g. {failures[:5]}")
    if api_calls:
        print(f"FAILED: the API saw {api_calls} calls during the load (warm pages make none)")
    return 1 if failures or api_calls else 0


if __name__ == "__main__":
    sys.exit(main())
