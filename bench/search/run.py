"""Search benchmark: a million-track catalogue, 68 queries, SQLite and PostgreSQL.

    .venv/bin/python bench/search/run.py                     # both databases
    .venv/bin/python bench/search/run.py --databases sqlite --repeat 3
    .venv/bin/python bench/search/run.py --build fts,words   # rebuild and size indexes

Each database gets a generated catalogue once (`generate_catalogue --size million
--seed 7`; SQLite in var/bench/sandbox-million.sqlite3, PostgreSQL in the database
`bench_sandbox`, or BENCH_SQLITE_URL / BENCH_POSTGRES_URL); later runs reuse it.

Two levels, each query warm (one untimed run first), in one run:
- engine: `sandbox.search.query.search` in process, with each index the database
  holds (SQLite: FTS5 and, side by side, the word index if built; PostgreSQL: the
  word index);
- end to end: the store's own client (`sevendigital.Client`, no cache) over real
  HTTP with OAuth to the sandbox under gunicorn (1 sync worker), XML parsed into
  the client's models.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.search.measure import BENCH_KEY, BENCH_SECRET  # noqa: E402

PYTHON = sys.executable
GOAL = {"median": 50.0, "p95": 150.0, "max": 300.0}  # milliseconds, end to end
GUNICORN = ("--workers", "1", "--log-level", "error", "--access-logfile", "/dev/null")
ENGINES = {"sqlite": ("fts", "words"), "postgres": ("words",)}


def database_urls() -> dict[str, str]:
    sqlite_file = ROOT / "var" / "bench" / "sandbox-million.sqlite3"
    return {
        "sqlite": os.environ.get("BENCH_SQLITE_URL", f"sqlite:///{sqlite_file}"),
        "postgres": os.environ.get(
            "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/bench_sandbox"
        ),
    }


def sandbox_env(url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sandbox.settings",
        "SANDBOX_DATABASE_URL": url,
        "VAR_DIR": str(ROOT / "var" / "bench"),
        "DEBUG": "false",
        "SECRET_KEY": "bench-only",
        "TOKEN_ENCRYPTION_KEY": "ZGV2LW9ubHktdG9rZW4ta2V5LTMyLWJ5dGVzLWxvbmc=",
        "PYTHONPATH": str(ROOT),
        # The rate-limit counter's cache, as deployed (else a file cache under VAR_DIR).
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", ""),
        "CACHE_KEY_PREFIX": "bench-search",
    }


def _child(url: str, *args: str, capture: bool = True) -> str:
    result = subprocess.run(
        [PYTHON, *args],
        cwd=ROOT,
        env=sandbox_env(url),
        check=True,
        capture_output=capture,
        text=True,
    )
    return result.stdout if capture else ""


def _measure(url: str, *args: str):
    return json.loads(_child(url, "bench/search/measure.py", *args))


def _create_postgres_database(url: str) -> None:
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def ensure_catalogue(name: str, url: str, size: str, seed: int) -> None:
    """Migrate and generate the catalogue unless the database already has one."""
    if name == "postgres":
        _create_postgres_database(url)
    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    _child(url, "manage.py", "migrate", "--noinput", "-v", "0")
    print(f"[{name}] catalogue: generating if empty (--size {size}, this can take a while)")
    generate = ("generate_catalogue", "--if-empty", "--size", size, "--seed", str(seed))
    _child(url, "manage.py", *generate, capture=False)
    if name == "postgres":
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:  # as autovacuum would, soon
            conn.execute("VACUUM ANALYZE")


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def end_to_end(url: str, queries: list[dict], repeat: int) -> list[dict]:
    """Each query through the store's client, over HTTP, to a gunicorn sandbox."""
    import requests

    from sevendigital import Client

    port = _free_port()
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "sandbox.wsgi", "--bind", f"127.0.0.1:{port}", *GUNICORN],
        cwd=ROOT,
        env=sandbox_env(url),
    )
    try:
        for _ in range(100):
            try:
                requests.get(f"http://127.0.0.1:{port}/", timeout=1)
                break
            except requests.ConnectionError:
                time.sleep(0.2)
        client = Client(
            base_url=f"http://127.0.0.1:{port}/1.2",
            consumer_key=BENCH_KEY,
            consumer_secret=BENCH_SECRET,
            country="GB",
            timeout=30,
        )
        operations = {
            "artist": client.search_artists,
            "release": client.search_releases,
            "track": client.search_tracks,
        }
        results = []
        for query in queries:
            call = operations[query["entity"]]
            found = call(q=query["text"])  # warm
            times = []
            for _ in range(repeat):
                started = time.perf_counter()
                call(q=query["text"])
                times.append((time.perf_counter() - started) * 1000)
            results.append({**query, "times_ms": times, "total": found.total_items})
        return results
    finally:
        server.terminate()
        server.wait()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def by_kind(results: list[dict]) -> dict[str, tuple[float, float, float]]:
    """kind of query -> (median, p95, max) in ms, then ALL."""
    kinds: dict[str, list[float]] = {}
    for query in results:
        kinds.setdefault(query["kind"], []).extend(query["times_ms"])
    kinds["ALL"] = [t for query in results for t in query["times_ms"]]
    return {
        kind: (statistics.median(times), percentile(times, 0.95), max(times))
        for kind, times in kinds.items()
    }


def print_table(columns: dict[str, list[dict]]) -> None:
    """One row per kind of query, median / p95 / max per measured column."""
    tables = {name: by_kind(results) for name, results in columns.items()}
    first = next(iter(columns.values()))
    counts: dict[str, int] = {}
    for query in first:
        counts[query["kind"]] = counts.get(query["kind"], 0) + 1
    counts["ALL"] = len(first)
    print("\nmedian / p95 / max ms, each query warm")
    print("| kind of query | queries | " + " | ".join(tables) + " |")
    print("| --- | ---: |" + " ---: |" * len(tables))
    for kind, count in counts.items():
        cells = [" / ".join(f"{v:.1f}" for v in table[kind]) for table in tables.values()]
        print(f"| {kind} | {count} | " + " | ".join(cells) + " |")
    for name, results in columns.items():
        slowest = sorted(results, key=lambda q: -max(q["times_ms"]))[:3]
        print(
            f"slowest {name}:",
            "; ".join(
                f"{q['entity']} {q['text']!r} {max(q['times_ms']):.0f} ms ({q['total']} hits)"
                for q in slowest
            ),
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each query")
    parser.add_argument("--size", default="million")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path, help="also write the raw timings here")
    parser.add_argument(
        "--build", default="", help="indexes to rebuild first and size (fts, words)"
    )
    args = parser.parse_args()
    urls = database_urls()
    columns: dict[str, list[dict]] = {}
    for name in args.databases.split(","):
        url = urls[name]
        ensure_catalogue(name, url, args.size, args.seed)
        for engine in filter(None, args.build.split(",")):
            if engine in ENGINES[name]:
                built = _measure(url, "build", engine)
                print(f"[{name}] {engine} index: {built}")
        for engine in ENGINES[name]:
            try:
                columns[f"{name} {engine}"] = _measure(url, "engine", engine, str(args.repeat))
            except subprocess.CalledProcessError:
                print(f"[{name}] {engine}: no such index here (build it with --build)")
        queries = _measure(url, "queries")
        columns[f"{name} end to end"] = end_to_end(url, queries, args.repeat)
    print_table(columns)
    if args.json:
        args.json.write_text(json.dumps(columns, indent=1))
    goal = ", ".join(f"{key} < {value:.0f} ms" for key, value in GOAL.items())
    print(f"\ngoal, end to end, every kind of query: {goal}")


if __name__ == "__main__":
    main()
