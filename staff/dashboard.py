"""The dashboard page's data: the selectors' figures, and the series its charts plot
(the same numbers the tables under the charts show).

The sales figures aggregate every purchase of the period: with 100,000 purchases that
takes seconds (bench/README.md, "Dashboard"). They are counted once per period into the
shared cache, for FIGURES_SECONDS, by Celery beat (`staff.count_dashboard`) or by the
first page view after they expired, and every staff member's page reads that copy.
What staff act on (purchases needing attention, the API's day, the cache's hit rate)
is read live at each view: those queries are cheap.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.cache import caches
from django.utils import timezone
from django.utils.translation import gettext

from checkout.models import Purchase
from staff import selectors
from storefront.api import CACHE_ALIAS

PERIODS = (30, 90)
FIGURES_SECONDS = 300


@dataclass
class Dashboard:
    days: int
    day_list: list[date]
    sales_rows: list[dict]
    totals: list[dict]
    methods: list[dict]
    top_releases: list[dict]
    top_tracks: list[dict]
    vouchers: list[dict]
    shoppers: list[dict]  # [{day, shoppers, links}] for every day of the period
    attention: dict
    api: selectors.ApiUsage
    cache: dict
    currencies: list[str] = field(default_factory=list)
    counted_at: datetime | None = None

    @property
    def sales_table(self) -> list[dict]:
        """A row per day: orders and revenue per currency (zero on quiet days)."""
        by_day: dict[date, dict] = {
            day: {"day": day, "orders": 0, "revenue": {c: 0 for c in self.currencies}}
            for day in self.day_list
        }
        for row in self.sales_rows:
            entry = by_day.get(row["day"])
            if entry is not None:
                entry["orders"] += row["orders"]
                entry["revenue"][row["currency"]] = row["revenue"] or 0
        return [
            {**entry, "revenue": [entry["revenue"][c] for c in self.currencies]}
            for entry in by_day.values()
        ]

    def charts(self) -> dict[str, Any]:
        """The series of every chart, for the page's json_script block."""
        table = self.sales_table
        labels = [row["day"].isoformat() for row in table]
        return {
            "orders": {
                "labels": labels,
                "series": {gettext("Orders"): [row["orders"] for row in table]},
            },
            "revenue": {
                "labels": labels,
                "series": {
                    currency: [float(row["revenue"][i]) for row in table]
                    for i, currency in enumerate(self.currencies)
                },
            },
            "methods": {
                "labels": [method_name(row["method"]) for row in self.methods],
                "series": {gettext("Orders"): [row["orders"] for row in self.methods]},
            },
            "shoppers": {
                "labels": labels,
                "series": {
                    gettext("New shoppers"): [row["shoppers"] for row in self.shoppers],
                    gettext("7digital links"): [row["links"] for row in self.shoppers],
                },
            },
            "top_releases": _top_series(self.top_releases),
            "top_tracks": _top_series(self.top_tracks),
        }


def method_name(code: str) -> str:
    """A payment method as staff read it ("Stored card", "PayPal"), not its stored code."""
    return str(dict(Purchase.Method.choices).get(code, code))


def _top_series(rows: list[dict]) -> dict:
    return {
        "labels": [row["name"] or f"#{row['id']}" for row in rows],
        "series": {gettext("Sold"): [row["sold"] for row in rows]},
    }


def _figures_key(days: int) -> str:
    return f"staff:dashboard:{days}"


def count_figures(*, days: int) -> dict[str, Any]:
    """The period's sales figures, counted by the database now, and kept for the page."""
    since = selectors.period_start(days=days)
    day_list = selectors.period_days(days=days)
    sales_rows = selectors.sales_per_day(since=since)
    shoppers = selectors.new_shoppers_per_day(since=since)
    links = selectors.links_per_day(since=since)
    figures = {
        "days": days,
        "day_list": day_list,
        "sales_rows": sales_rows,
        "totals": selectors.sales_totals(since=since),
        "methods": selectors.payment_methods(since=since),
        "top_releases": selectors.top_items(since=since, tracks=False),
        "top_tracks": selectors.top_items(since=since, tracks=True),
        "vouchers": selectors.vouchers(since=since),
        "shoppers": [
            {"day": day, "shoppers": shoppers.get(day, 0), "links": links.get(day, 0)}
            for day in day_list
        ],
        "currencies": sorted({row["currency"] for row in sales_rows if row["currency"]}),
        "counted_at": timezone.now(),
    }
    caches[CACHE_ALIAS].set(_figures_key(days), figures, FIGURES_SECONDS)
    return figures


def dashboard_for(*, days: int) -> Dashboard:
    """The dashboard of the last `days` days: the kept figures (counted now if there
    are none, or they are of another day), and the live ones."""
    figures = caches[CACHE_ALIAS].get(_figures_key(days))
    if figures is None or figures["day_list"][-1] != timezone.localdate():
        figures = count_figures(days=days)
    since = selectors.period_start(days=days)
    return Dashboard(
        **figures,
        attention=selectors.needing_attention(since=since),
        api=selectors.api_usage(),
        cache=selectors.cache_hit_rate(),
    )
