"""Charts computed from simulated sales: ranked by units sold in a window.

A chart covers `period` (a day, a week or 30 days) ending on `toDate` (by default
the latest day with sales in the territory). Each entry's change compares its
position with the window before: Up, Down, Same, or New if it was not charted.
Aggregating sales is the expensive part, so whole charts are cached for a while.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.cache import cache
from django.db.models import Max, Q, QuerySet, Sum

from sandbox.models import Country, Sale

PERIODS = {"day": 1, "week": 7, "month": 30}
CHART_LENGTH = 100
CACHE_SECONDS = 300

ALBUM, TRACK, ARTIST = "album", "track", "artist"
# What each chart groups sales by, and which sales count. The sales that count are
# picked inside the sum, not in the WHERE: there, "track_id IS NULL" lures SQLite
# onto the track index instead of the (country, sold_on) one.
_GROUPING = {
    ALBUM: ("release_id", Q(track__isnull=True)),
    TRACK: ("track_id", Q(track__isnull=False)),
    ARTIST: ("release__artist_id", None),
}


@dataclass(frozen=True)
class ChartEntry:
    object_id: int
    position: int
    change: str  # Up | Down | Same | New


@dataclass(frozen=True)
class Chart:
    type: str  # album | track | artist
    from_date: date
    to_date: date
    entries: list[ChartEntry]


def latest_sales_day(country: Country) -> date:
    """The last day with sales in the territory (today if it has none)."""
    key = f"sandbox:chart:latest:{country.code}"
    day = cache.get(key)
    if day is None:
        day = Sale.objects.filter(country=country).aggregate(day=Max("sold_on"))["day"]
        day = day or date.today()
        cache.set(key, day, CACHE_SECONDS)
    return day


def chart(chart_type: str, country: Country, period: str, to_date: date | None = None) -> Chart:
    """The chart of chart_type for the period ending to_date, cached."""
    to_date = to_date or latest_sales_day(country)
    key = f"sandbox:chart:{chart_type}:{country.code}:{period}:{to_date:%Y%m%d}"
    found = cache.get(key)
    if found is None:
        found = _compute(chart_type, country, period, to_date)
        cache.set(key, found, CACHE_SECONDS)
    return found


def _compute(chart_type: str, country: Country, period: str, to_date: date) -> Chart:
    length = timedelta(days=PERIODS[period])
    from_date = to_date - length + timedelta(days=1)
    current = _ranking(chart_type, country, from_date, to_date)
    before = _ranking(chart_type, country, from_date - length, from_date - timedelta(days=1))
    earlier = {object_id: position for position, object_id in enumerate(before, start=1)}
    entries = [
        ChartEntry(object_id, position, _change(position, earlier.get(object_id)))
        for position, object_id in enumerate(current, start=1)
    ]
    return Chart(chart_type, from_date, to_date, entries)


def _change(position: int, previous: int | None) -> str:
    if previous is None:
        return "New"
    if position < previous:
        return "Up"
    if position > previous:
        return "Down"
    return "Same"


def _ranking(chart_type: str, country: Country, first: date, last: date) -> list[int]:
    """Ids of the best sellers in [first, last], best first (ties: lower id first)."""
    group_by, which = _GROUPING[chart_type]
    sales: QuerySet = Sale.objects.filter(country=country, sold_on__range=(first, last))
    sold_there = sales.exclude(release__unavailable_in__contains=country.code)
    ranked = (
        sold_there.values(group_by)
        .annotate(units=Sum("quantity", filter=which))
        .filter(units__gt=0)
        .order_by("-units", group_by)
        .values_list(group_by, flat=True)
    )
    return list(ranked[:CHART_LENGTH])
