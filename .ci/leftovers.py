"""After CI's runs: no test database and no process of the suite may be left behind.

    python .ci/leftovers.py --database-url postgres://postgres@127.0.0.1:5432/store_ci \
        --root /path/to/repo --root /tmp/store-ci-XXXX

Databases: any whose name starts with `test_<database>` (pytest-django's test
database, the sandbox's `test_<database>..._sandbox_<pid>`): this run's, not those of
other runs sharing the server. Processes: any whose working directory is inside a root
(gunicorn, Celery, redis-server started by tests), except this script's own
ancestors. Exits 1, listing them, if anything is left.
"""

import argparse
import os
import sys
from pathlib import Path

import psycopg


def leftover_databases(database_url: str) -> list[str]:
    base, _, name = database_url.rpartition("/")
    name = name.partition("?")[0]
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        rows = conn.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s", [f"test\\_{name}%"]
        ).fetchall()
    return sorted(row[0] for row in rows)


def ancestors() -> set[int]:
    pids, pid = set(), os.getpid()
    while pid > 1:
        pids.add(pid)
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            break
        pid = int(stat.rpartition(")")[2].split()[1])
    return pids


def leftover_processes(roots: list[Path]) -> list[str]:
    mine = ancestors()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) in mine:
            continue
        try:
            cwd = Path(os.readlink(entry / "cwd"))
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
        except OSError:  # gone meanwhile, or not ours to read
            continue
        if command and any(cwd == root or root in cwd.parents for root in roots):
            found.append(f"{entry.name} (in {cwd}): {command[:160]}")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--root", action="append", type=Path, default=[])
    args = parser.parse_args()
    problems = [f"database {name}" for name in leftover_databases(args.database_url)]
    problems += [f"process {line}" for line in leftover_processes([r.resolve() for r in args.root])]
    for problem in problems:
        print(f"LEFT BEHIND: {problem}", file=sys.stderr)
    if not problems:
        print("nothing left behind: no test database, no process of the suite")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
