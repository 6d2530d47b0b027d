"""The shop dashboard's numbers, from the store's own tables, aggregated by the
database: a query per figure, whatever the number of purchases.

Sales are succeeded purchases. The items bought are a JSON list on each purchase
(`Purchase.items`); they are unnested in SQL (`json_each` on SQLite,
`jsonb_array_elements` on PostgreSQL), never in Python.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from accounts.models import SevenDigitalLink
from checkout.models import Purchase
from checkout.services.reconcile import purchases_to_reconcile
from storefront import read_stats
from storefront.api import api_usage as api_usage_now

Status = Purchase.Status
TOP_SIZE = 10
ATTENTION_SIZE = 20

# Per database: the purchases' items as rows `j.value`, and one field of an item. Only
# these constants are put into the SQL below (S608/B608 suppressed there); every value
# is a query parameter.
ITEMS_FROM = {
    "postgresql": "jsonb_array_elements(p.items) AS j(value)",
    "sqlite": "json_each(p.items) AS j",
}
ITEM_FIELD = {
    "postgresql": "(j.value ->> '{field}')",
    "sqlite": "json_extract(j.value, '$.{field}')",
}


@dataclass(frozen=True)
class ApiUsage:
    calls: int | None  # None: no call answered in the last hour (unknown)
    limit: int | None

    @property
    def share(self) -> float | None:
        return self.calls / self.limit if self.calls is not None and self.limit else None


def period_start(*, days: int, now: datetime | None = None) -> datetime:
    """Midnight (shop time) `days - 1` days ago: the first day of the period."""
    today = timezone.localtime(now).date()
    first = today - timedelta(days=days - 1)
    return timezone.make_aware(datetime.combine(first, datetime.min.time()))


def period_days(*, days: int, now: datetime | None = None) -> list[date]:
    first = period_start(days=days, now=now).date()
    return [first + timedelta(days=n) for n in range(days)]


def _sales(since: datetime):
    return Purchase.objects.filter(status=Status.SUCCEEDED, created__gte=since)


def sales_per_day(*, since: datetime) -> list[dict]:
    """[{day, currency, orders, revenue}] of succeeded purchases, by day and currency."""
    return list(
        _sales(since)
        .annotate(day=TruncDate("created"))
        .values("day", "currency")
        .annotate(orders=Count("id"), revenue=Sum("total"))
        .order_by("day", "currency")
    )


def sales_totals(*, since: datetime) -> list[dict]:
    """[{currency, orders, revenue}] over the period."""
    return list(
        _sales(since)
        .values("currency")
        .annotate(orders=Count("id"), revenue=Sum("total"))
        .order_by("-orders", "currency")
    )


def payment_methods(*, since: datetime) -> list[dict]:
    """[{method, orders}] of succeeded purchases."""
    return list(
        _sales(since).values("method").annotate(orders=Count("id")).order_by("-orders", "method")
    )


def _db_time(moment: datetime):
    return connection.ops.adapt_datetimefield_value(moment)


def _field(name: str) -> str:
    return ITEM_FIELD[connection.vendor].format(field=name)


def top_items(*, since: datetime, tracks: bool) -> list[dict]:
    """[{id, name, artist, sold}] of the best-selling releases (or tracks)."""
    key = _field("track_id" if tracks else "release_id")
    track_id = _field("track_id")
    only = f"{track_id} IS NOT NULL" if tracks else f"{track_id} IS NULL"
    sql = f"""
        SELECT {key} AS item_id, MAX({_field("name")}), MAX({_field("artist")}), COUNT(*)
        FROM checkout_purchase p, {ITEMS_FROM[connection.vendor]}
        WHERE p.status = %s AND p.created >= %s AND {only}
        GROUP BY {key} ORDER BY COUNT(*) DESC, item_id LIMIT %s
    """  # noqa: S608  # nosec B608
    with connection.cursor() as cursor:
        cursor.execute(sql, [Status.SUCCEEDED, _db_time(since), TOP_SIZE])
        rows = cursor.fetchall()
    return [{"id": row[0], "name": row[1], "artist": row[2], "sold": row[3]} for row in rows]


def vouchers(*, since: datetime) -> list[dict]:
    """[{currency, orders, discount}] of sales paid below their items' prices (a
    voucher took the difference off)."""
    price = f"CAST(NULLIF({_field('price')}, '') AS NUMERIC)"
    sql = f"""
        SELECT currency, COUNT(*), SUM(listed - total) FROM (
            SELECT p.id, p.currency, p.total, SUM({price}) AS listed
            FROM checkout_purchase p, {ITEMS_FROM[connection.vendor]}
            WHERE p.status = %s AND p.created >= %s AND p.total IS NOT NULL
            GROUP BY p.id, p.currency, p.total
        ) AS sale
        WHERE listed - total >= 0.005
        GROUP BY currency ORDER BY currency
    """  # noqa: S608  # nosec B608
    with connection.cursor() as cursor:
        cursor.execute(sql, [Status.SUCCEEDED, _db_time(since)])
        rows = cursor.fetchall()
    return [
        {
            "currency": row[0],
            "orders": row[1],
            "discount": Decimal(str(row[2])).quantize(Decimal("0.01")),
        }
        for row in rows
    ]


def new_shoppers_per_day(*, since: datetime) -> dict[date, int]:
    rows = (
        get_user_model()
        .objects.filter(date_joined__gte=since, is_staff=False)
        .annotate(day=TruncDate("date_joined"))
        .values("day")
        .annotate(count=Count("id"))
    )
    return {row["day"]: row["count"] for row in rows}


def links_per_day(*, since: datetime) -> dict[date, int]:
    rows = (
        SevenDigitalLink.objects.filter(linked_at__gte=since)
        .annotate(day=TruncDate("linked_at"))
        .values("day")
        .annotate(count=Count("id"))
    )
    return {row["day"]: row["count"] for row in rows}


def needing_attention(*, since: datetime) -> dict:
    """Purchases to look at: unknown outcomes (to reconcile) and the period's failures."""
    unknown = purchases_to_reconcile()
    return {
        "unknown_count": unknown.count(),
        "unknown": list(unknown.select_related("user")[:ATTENTION_SIZE]),
        "failed_count": Purchase.objects.filter(status=Status.FAILED, created__gte=since).count(),
    }


def api_usage() -> ApiUsage:
    """The key's calls today and its daily limit, as the API's last answer reported."""
    calls, limit = api_usage_now() or (None, None)
    return ApiUsage(calls, limit)


def cache_hit_rate() -> dict:
    """Today's catalogue reads answered by the cache: {hits, misses, rate (0-1 or None)}."""
    hits, misses = read_stats.today()
    total = hits + misses
    return {"hits": hits, "misses": misses, "rate": hits / total if total else None}
