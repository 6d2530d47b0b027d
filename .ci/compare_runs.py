"""Compare CI's two runs of the suite (JUnit XML): PostgreSQL+Redis and embedded defaults.

    python .ci/compare_runs.py POSTGRES.xml EMBEDDED.xml

Both runs must collect the same tests. The PostgreSQL run (CI=true) may skip nothing
but the tests of SQLite-only code (`needs` sqlite), which the embedded run must run;
the embedded run (a fresh clone: SQLite, no Redis, no DATABASE_URL) may skip only
the tests whose `needs` property (tests/skips.py) names PostgreSQL, or Chromium when
it is missing, and must skip all of those. Neither may fail. Exits 1 otherwise,
saying which tests differ.
"""

import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path


def outcomes(path: Path) -> dict[str, tuple[str, set[str]]]:
    """test id -> (passed|skipped|failed|error, what it needs)."""
    found = {}
    for case in ET.parse(path).iter("testcase"):  # noqa: S314
        test_id = f"{case.get('classname')}::{case.get('name')}"
        # Schemathesis reports each operation's test under one name: number repeats
        # (both runs collect in the same order).
        repeat, base = 1, test_id
        while test_id in found:
            repeat += 1
            test_id = f"{base}#{repeat}"
        tags = {child.tag for child in case}
        outcome = next((tag for tag in ("failure", "error", "skipped") if tag in tags), "passed")
        outcome = {"failure": "failed"}.get(outcome, outcome)
        needs = {prop.get("value") for prop in case.iter("property") if prop.get("name") == "needs"}
        found[test_id] = (outcome, needs)
    return found


def compare(postgres: dict, embedded: dict) -> list[str]:
    problems = []
    for name, run in (("PostgreSQL", postgres), ("embedded", embedded)):
        bad = sorted(t for t, (outcome, _) in run.items() if outcome in ("failed", "error"))
        problems += [f"{name} run: {t} {run[t][0]}" for t in bad]
    problems += [
        f"PostgreSQL run skipped {t}"
        for t, (o, needs) in postgres.items()
        if o == "skipped" and "sqlite" not in needs
    ]
    only = sorted(set(postgres) ^ set(embedded))
    problems += [f"collected in one run only: {t}" for t in only]
    for test, (outcome, needs) in embedded.items():
        if outcome == "skipped" and "postgres" not in needs and "chromium" not in needs:
            problems.append(
                f"embedded run skipped {test}, which needs neither PostgreSQL nor Chromium"
            )
        if outcome != "skipped" and "postgres" in needs:
            problems.append(f"embedded run did not skip {test}, which needs PostgreSQL")
        if outcome == "skipped" and "sqlite" in needs:
            problems.append(f"embedded run skipped {test}, which tests SQLite-only code")
    return problems


def main() -> int:
    postgres, embedded = (outcomes(Path(arg)) for arg in sys.argv[1:3])
    for name, run in (("PostgreSQL", postgres), ("embedded", embedded)):
        counts = Counter(outcome for outcome, _ in run.values())
        print(
            f"{name} run: {len(run)} tests, "
            + ", ".join(f"{n} {o}" for o, n in sorted(counts.items()))
        )
    left_out = sorted(t for t, (o, _) in embedded.items() if o == "skipped")
    by_need = Counter(need for t in left_out for need in embedded[t][1])
    print(f"left out of the embedded run: {len(left_out)} ({dict(by_need)})")
    problems = compare(postgres, embedded)
    for problem in problems:
        print(f"FAILED: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
