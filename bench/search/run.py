"""Search benchmark: a million-track catalogue, typical queries, SQLite and PostgreSQL.

    .venv/bin/python bench/search/run.py                 # both databases
    .venv/bin/python bench/search/run.py --databases sqlite --repeat 3

Each database gets a generated catalogue once (`generate_catalogue --size million
--seed 7`; the SQLite file is var/bench/sandbox-million.sqlite3, the PostgreSQL
database `bench_sandbox`); later runs reuse it. The queries (bench/search/measure.py)
run in a child process per database, through the real dispatcher, and the table
shows median and 95th percentile per kind of query and overall.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
GOAL = {"median": 50.0, "p95": 150.0}  # milliseconds


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
    }


def _manage(url: str, *args: str, capture: bool = True) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=sandbox_env(url),
        check=True,
        capture_output=capture,
        text=True,
    )
    return result.stdout if capture else ""


def _create_postgres_database(url: str) -> None:
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def _vacuum_postgres(url: str) -> None:
    """What autovacuum does soon after a bulk load: statistics and visibility maps."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


def ensure_catalogue(name: str, url: str, size: str, seed: int, reindex: bool) -> None:
    """Migrate and generate the catalogue unless the database already has one."""
    if name == "postgres":
        _create_postgres_database(url)
    else:
        (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    _manage(url, "migrate", "--noinput", "-v", "0")
    print(f"[{name}] catalogue: generating if empty (--size {size}, this can take a while)")
    _manage(
        url,
        "generate_catalogue",
        "--if-empty",
        "--size",
        size,
        "--seed",
        str(seed),
        capture=False,
    )
    if reindex:
        print(f"[{name}] rebuilding the search index")
        _manage(url, "rebuild_search_index", capture=False)
    if name == "postgres":
        _vacuum_postgres(url)


def measure(url: str, repeat: int) -> list[dict]:
    script = ROOT / "bench" / "search" / "measure.py"
    output = subprocess.run(
        [PYTHON, str(script), str(repeat)],
        cwd=ROOT,
        env={**sandbox_env(url), "PYTHONPATH": str(ROOT)},
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def summary_rows(results: list[dict]) -> list[tuple[str, int, float, float]]:
    """(kind, queries, median ms, p95 ms) per kind of query, then all together."""
    kinds: dict[str, list[float]] = {}
    counts: dict[str, int] = {}
    for query in results:
        kinds.setdefault(query["kind"], []).extend(query["times_ms"])
        counts[query["kind"]] = counts.get(query["kind"], 0) + 1
    every = [t for query in results for t in query["times_ms"]]
    rows = [
        (kind, counts[kind], statistics.median(times), percentile(times, 0.95))
        for kind, times in kinds.items()
    ]
    rows.append(("ALL", len(results), statistics.median(every), percentile(every, 0.95)))
    return rows


def print_table(name: str, results: list[dict]) -> None:
    print(f"\n{name}: {len(results)} queries x {len(results[0]['times_ms'])} runs")
    print(f"{'kind of query':<22} {'queries':>7} {'median ms':>10} {'p95 ms':>8}")
    for kind, count, median, p95 in summary_rows(results):
        print(f"{kind:<22} {count:>7} {median:>10.1f} {p95:>8.1f}")
    slowest = sorted(results, key=lambda q: -max(q["times_ms"]))[:5]
    print(
        "slowest:",
        "; ".join(
            f"{q['entity']}/search q={q['text']!r} {max(q['times_ms']):.0f} ms ({q['total']} hits)"
            for q in slowest
        ),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each query")
    parser.add_argument("--size", default="million")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path, help="also write the raw timings here")
    parser.add_argument(
        "--reindex", action="store_true", help="rebuild the search index of a reused catalogue"
    )
    args = parser.parse_args()
    urls = database_urls()
    raw = {}
    for name in args.databases.split(","):
        ensure_catalogue(name, urls[name], args.size, args.seed, args.reindex)
        raw[name] = measure(urls[name], args.repeat)
        print_table(name, raw[name])
    if args.json:
        args.json.write_text(json.dumps(raw, indent=1))
    print(f"\ngoal: median < {GOAL['median']:.0f} ms, p95 < {GOAL['p95']:.0f} ms per database")


if __name__ == "__main__":
    main()
