"""The load run's report in Markdown: what bench/README.md `## Load` quotes."""

import argparse
import csv
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


def _failures(work: Path) -> list[str]:
    path = work / "locust_failures.csv"
    if not path.exists():
        return []
    with path.open() as handle:
        rows = list(csv.DictReader(handle))
    return [
        f"- {row['Occurrences']} x {row['Method']} {row['Name']}: {row['Error']}" for row in rows
    ]


def _where_calls_come_from(summary: dict) -> list[str]:
    lines = ["| requests of the store | count | API calls | calls each |", "|---|---:|---:|---:|"]
    groups = set(summary["requests"]) | set(summary["calls"])
    for group in sorted(groups, key=lambda name: -summary["calls"].get(name, 0)):
        count, calls = summary["requests"].get(group, 0), summary["calls"].get(group, 0)
        each = f"{calls / count:.2f}" if count else "-"
        lines.append(f"| {group} | {count} | {calls} | {each} |")
    return lines


def _verdict(per_view: float, late: float, views_per_day: float) -> list[str]:
    spent = report.background_calls()
    beat, health = spent["beat"], spent["healthz"]

    def fits(rate: float, used: int) -> str:
        views = report.page_views_a_day(rate, used)
        return "any number" if views is None else f"{views:,}"

    return [
        f"Prototype key, {report.DAILY_ALLOWANCE:,} calls a day. Celery beat's snapshot "
        f"refreshes take {beat}/day; a load balancer polling /healthz up to {health}/day more.",
        f"- page views a day that fit, at {per_view:.2f} calls per view: "
        f"**{fits(per_view, beat)}** (no health polling), {fits(per_view, beat + health)} "
        f"(with); at the second half's {late:.2f}: {fits(late, beat)} / "
        f"{fits(late, beat + health)}.",
        f"- this run's pace, {views_per_day:,.0f} page views a day, would need "
        f"{views_per_day * per_view:,.0f} calls a day.",
    ]


def render(
    args: argparse.Namespace, work: Path, code: int, counted: int, store_hits, api_hits
) -> str:
    s = report.summarise(store_hits, api_hits)
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
        *_verdict(per_view, late, views / s["seconds"] * 86400),
    ]
    failures = _failures(work)
    return "\n".join(out + (["", "Failures:", *failures] if failures else []))
