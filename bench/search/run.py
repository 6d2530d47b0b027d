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


def sandbox_env(url: str, code: Path = ROOT) -> dict[str, str]:
    """The environment of a sandbox process on url, running the checkout at code."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sandbox.settings",
        "SANDBOX_DATABASE_URL": url,
        "VAR_DIR": str(ROOT / "var" / "bench"),
        "DEBUG": "false",
        "SECRET_KEY": "bench-only",
        "TOKEN_ENCRYPTION_KEY": "ZGV2LW9ubHktdG9rZW4ta2V5LTMyLWJ5dGVzLWxvbmc=",
        "PYTHONPATH": str(code),
        "PYTHONDONTWRITEBYTECODE": "1",
        # The rate-limit counter's cache, as deployed (else a file cache under VAR_DIR).
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", ""),
        "CACHE_KEY_PREFIX": "bench-search",
    }


def _child(url: str, *args: str, capture: bool = True, code: Path = ROOT) -> str:
    result = subprocess.run(
        [PYTHON, *args],
        cwd=code,
        env=sandbox_env(url, code),
        check=True,
        capture_output=capture,
        text=True,
    )
    return result.stdout if capture else ""


def _measure(url: str, *args: str, code: Path = ROOT):
    script = str(ROOT / "bench" / "search" / "measure.py")  # this one, on code's sandbox
    return json.loads(_child(url, script, *args, code=code))


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


def end_to_end(url: str, queries: list[dict], repeat: int, code: Path = ROOT) -> list[dict]:
    """Each query through the store's client, over HTTP, to a gunicorn sandbox
    running the checkout at code."""
    import requests

    from sevendigital import Client

    port = _free_port()
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "sandbox.wsgi", "--bind", f"127.0.0.1:{port}", *GUNICORN],
        cwd=code,
        env=sandbox_env(url, code),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                requests.get(f"http://127.0.0.1:{port}/", timeout=5)
                break
            except requests.RequestException:  # the worker still booting
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


def _medians(results: list[dict]) -> dict[tuple[str, str], float]:
    return {(q["entity"], q["text"]): statistics.median(q["times_ms"]) for q in results}


def print_layers(columns: dict[str, list[dict]], pairs: dict[str, str]) -> None:
    """What the HTTP and XML around a search cost: per query, the end-to-end median
    less the engine's (pairs: end-to-end column -> its engine column), median and
    p95 over the queries."""
    print("\nHTTP + XML layer (end to end less engine, per query, ms): median / p95")
    for whole_name, engine_name in pairs.items():
        whole, inner = _medians(columns[whole_name]), _medians(columns[engine_name])
        layer = [whole[key] - inner[key] for key in whole]
        median, p95 = statistics.median(layer), percentile(layer, 0.95)
        print(f"{whole_name} less {engine_name}: {median:.1f} / {p95:.1f}")


def print_cpu_layers(layers: dict[str, list[dict]]) -> None:
    """The layer in CPU time (see layer.py): medians over the queries, ms."""
    if not layers:
        return
    print("\nCPU ms per query, least of 10 runs (layer.py): median over the 68 queries")
    print("| code | search | request in process | request less search | store parse |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, results in layers.items():
        engine = statistics.median(q["engine"] for q in results)
        request = statistics.median(q["request"] for q in results)
        layer = statistics.median(q["request"] - q["engine"] for q in results)
        parse = statistics.median(q["parse"] for q in results)
        print(f"| {name} | {engine:.2f} | {request:.2f} | {layer:.2f} | {parse:.2f} |")


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
    parser.add_argument(
        "--layer", action="store_true", help="also the CPU time of the layer (layer.py)"
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        help="another checkout (e.g. `git archive main`) measured the same way, in the "
        "same run, with its own search (its index must be in the database)",
    )
    args = parser.parse_args()
    urls = database_urls()
    columns: dict[str, list[dict]] = {}
    pairs: dict[str, str] = {}
    layers: dict[str, list[dict]] = {}
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
        pairs[f"{name} end to end"] = f"{name} {ENGINES[name][0]}"
        if args.baseline:
            base = args.baseline.resolve()
            columns[f"{name} baseline engine"] = _measure(
                url, "engine", "default", str(args.repeat), code=base
            )
            columns[f"{name} baseline end to end"] = end_to_end(
                url, queries, args.repeat, code=base
            )
            pairs[f"{name} baseline end to end"] = f"{name} baseline engine"
        if args.layer:
            for label, code in (("this", ROOT), ("baseline", args.baseline)):
                if code:
                    script = str(ROOT / "bench" / "search" / "layer.py")
                    layers[f"{name} {label}"] = json.loads(
                        _child(url, script, "10", code=Path(code).resolve())
                    )
    print_table(columns)
    print_layers(columns, pairs)
    print_cpu_layers(layers)
    if args.json:
        args.json.write_text(json.dumps(columns, indent=1))
    goal = ", ".join(f"{key} < {value:.0f} ms" for key, value in GOAL.items())
    print(f"\ngoal, end to end, every kind of query: {goal}")


if __name__ == "__main__":
    main()
