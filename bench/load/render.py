"""The load run's report in Markdown: what bench/README.md `## Load` quotes."""

import argparse
import csv
import json
from pathlib import Path

import report


def _locust_table(work: Path) -> list[str]:
    lines = [
        "| request | count | failures | req/s | p50 ms | p95 ms | p99 ms |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    with (work / "locust_stats.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        name = row["Name"] if row["Name"] == "Aggregated" else f"{row['Type']} {row['Name']}"
        lines.append(
            f"| {name} | {row['Request Count']} | {row['Failure Count']} "
            f"| {float(row['Requests/s']):.1f} | {row['50%']} | {row['95%']} | {row['99%']} |"
        )
    return lines


# What each failing request means for a shopper (the locustfile's request names).
FAILURE_KINDS = {
    "pay": "declined or failed payments",
    "receipt": "payments whose receipt does not say succeeded",
    "basket add": "basket adds that did not happen",
    "sign in": "buyers who could not sign in",
}


def _failure_rows(work: Path) -> list[dict[str, str]]:
    path = work / "locust_failures.csv"
    if not path.exists():
        return []
    with path.open() as handle:
        return list(csv.DictReader(handle))


def _failures(rows: list[dict[str, str]]) -> list[str]:
    return [
        f"- {row['Occurrences']} x {row['Method']} {row['Name']}: {row['Error']}" for row in rows
    ]


def _failures_by_kind(rows: list[dict[str, str]]) -> list[str]:
    """Every kind, zeros included: a clean run says so rather than saying nothing."""
    counts = dict.fromkeys([*FAILURE_KINDS.values(), "other failed requests"], 0)
    for row in rows:
        kind = FAILURE_KINDS.get(row["Name"], "other failed requests")
        counts[kind] += int(row["Occurrences"])
    return ["| failures by kind | count |", "|---|---:|"] + [
        f"| {kind} | {count} |" for kind, count in counts.items()
    ]


def _where_calls_come_from(summary: dict) -> list[str]:
    lines = ["| requests of the store | count | API calls | calls each |", "|---|---:|---:|---:|"]
    groups = set(summary["requests"]) | set(summary["calls"])
    for group in sorted(groups, key=lambda name: -summary["calls"].get(name, 0)):
        count, calls = summary["requests"].get(group, 0), summary["calls"].get(group, 0)
        each = f"{calls / count:.2f}" if count else "-"
        lines.append(f"| {group} | {count} | {calls} | {each} |")
    return lines


def _windows(summary: dict) -> list[str]:
    rows = summary["windows"]
    minutes = summary["seconds"] / 60 / max(len(rows), 1)
    lines = [
        f"Calls as the cache warms ({len(rows)} equal spans of {minutes:.1f} min):",
        "",
        "| span | page views | browsing calls | per view | shopper-action calls |",
        "|---:|---:|---:|---:|---:|",
    ]
    for number, row in enumerate(rows, 1):
        each = row["browsing"] / row["views"] if row["views"] else 0.0
        lines.append(
            f"| {number} | {row['views']} | {row['browsing']} | {each:.3f} | {row['actions']} |"
        )
    return lines


def _verdict(summary: dict, catalogue: dict, views_per_day: float) -> list[str]:
    ceiling = report.browsing_ceiling(catalogue)
    browsing = sum(ceiling.values())
    without_health = browsing - ceiling["healthz"]
    checkouts = summary["checkouts"]
    per_checkout = summary["action_calls"] / checkouts if checkouts else 0.0
    left = report.DAILY_ALLOWANCE - without_health  # a store that sells is busy
    late = summary["windows"][-1] if summary["windows"] else {"browsing": 0, "views": 0}
    late_rate = late["browsing"] / late["views"] if late["views"] else 0.0
    parts = ", ".join(f"{name} {calls:,}" for name, calls in ceiling.items())
    return [
        f"Prototype key, {report.DAILY_ALLOWANCE:,} calls a day; this run's pace is "
        f"{views_per_day:,.0f} page views a day.",
        f"- Browsing (catalogue reads and snapshots) grows with the distinct things shoppers "
        f"reach, not with views: the last span cost {late_rate:.3f} calls per view. Its "
        f"ceiling for a whole day on this catalogue ({catalogue['releases']:,} releases, "
        f"{catalogue['search_texts']:,} search texts), each read once per lifetime: "
        f"**{browsing:,} calls** ({parts}); {without_health:,} when the store is busy "
        f"(its own calls answer /healthz).",
        f"- Shopper actions are one call each and cannot be cached: "
        f"{summary['action_calls']:,} in this run, {per_checkout:.1f} per checkout "
        f"(basket adds, the checkout, locker and downloads included). The "
        f"{max(left, 0):,} calls left after a busy day's browsing ceiling carry about "
        f"{int(max(left, 0) / per_checkout) if per_checkout else 0:,} such checkouts a day.",
    ]


def render(
    args: argparse.Namespace, work: Path, code: int, counted: int, store_hits, api_hits
) -> str:
    s = report.summarise(store_hits, api_hits)
    catalogue = json.loads((work / "catalogue.json").read_text())
    views, calls, ms = s["page_views"], s["api_calls"], s["store_ms"]
    per_view = calls / views if views else 0.0
    late = s["late_calls"] / s["late_views"] if s["late_views"] else 0.0
    out = [
        f"### {args.users} users (spawn {args.spawn_rate}/s) for {args.time}: locust exit {code}",
        "",
        *_locust_table(work),
        "",
        f"Store, server side: {len(ms)} requests in {s['seconds']:.0f} s = "
        f"{len(ms) / s['seconds']:.1f} req/s; p50 {report.percentile(ms, 0.5)} ms, "
        f"p95 {report.percentile(ms, 0.95)} ms, p99 {report.percentile(ms, 0.99)} ms; "
        f"{s['store_errors']} answered 5xx.",
        "",
        f"API calls made by the store: {calls} (sandbox access log; its X-RateLimit-Current "
        f"counter moved by {counted}) for {views} page views (GETs) = "
        f"**{per_view:.2f} calls per page view** ({late:.2f} in the run's second half).",
        "",
        *_where_calls_come_from(s),
        "",
        "By operation: " + ", ".join(f"{op} {n}" for op, n in s["operations"].most_common()),
        "",
        *_windows(s),
        "",
        f"Distinct release pages viewed: {s['releases_seen']:,}.",
        "",
        *_verdict(s, catalogue, views / s["seconds"] * 86400),
    ]
    rows = _failure_rows(work)
    out += ["", *_failures_by_kind(rows)]
    return "\n".join(out + (["", "Failures:", *_failures(rows)] if rows else []))
