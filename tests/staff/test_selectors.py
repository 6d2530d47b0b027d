"""The dashboard's figures equal what the purchase table holds (computed here the
long way, row by row), on SQLite and on PostgreSQL."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.utils import timezone, translation

from accounts.models import SevenDigitalLink
from checkout.models import Purchase
from staff import selectors
from staff.dashboard import dashboard_for
from storefront import read_stats
from storefront.api import API_USAGE_KEY, api_key
from tests.staff.conftest import item, purchase

pytestmark = pytest.mark.django_db


@pytest.fixture
def month(shopper):
    """Sales over 40 days: two currencies, both methods, tracks, a voucher, failures."""
    now = timezone.now()
    rows = []
    for n in range(40):
        created = now - timedelta(days=n, hours=1)
        items = [item(100 + n % 3, "7.99"), item(200, "0.99", track_id=2000 + n % 2, name="Song")]
        rows.append(
            purchase(
                shopper,
                f"gbp-{n}",
                total="8.98",
                items=items,
                created=created,
                method="card" if n % 4 else "paypal",
            )
        )
        if n % 5 == 0:
            rows.append(
                purchase(
                    shopper,
                    f"usd-{n}",
                    total="9.99",
                    currency="USD",
                    items=[item(100, "9.99")],
                    created=created,
                )
            )
    # 8.98 listed, 6.00 paid: a voucher took 2.98 off
    rows.append(
        purchase(
            shopper,
            "voucher",
            total="6.00",
            items=[item(101, "7.99"), item(200, "0.99", track_id=2000)],
        )
    )
    purchase(shopper, "failed", status="failed", total="5.00", created=now - timedelta(days=2))
    purchase(shopper, "unknown", status="unknown", total="5.00")
    return rows


def succeeded_since(days: int) -> list[Purchase]:
    since = selectors.period_start(days=days)
    return [p for p in Purchase.objects.all() if p.status == "succeeded" and p.created >= since]


def test_sales_per_day_and_totals_match_the_table(month):
    since = selectors.period_start(days=30)
    expected: dict[str, list] = {}
    for row in succeeded_since(30):
        entry = expected.setdefault(row.currency, [0, Decimal(0)])
        entry[0] += 1
        entry[1] += row.total
    totals = {
        r["currency"]: [r["orders"], r["revenue"]] for r in selectors.sales_totals(since=since)
    }
    assert totals == expected
    per_day = selectors.sales_per_day(since=since)
    assert sum(r["orders"] for r in per_day) == len(succeeded_since(30))
    assert sum(r["revenue"] for r in per_day if r["currency"] == "GBP") == expected["GBP"][1]
    assert len({r["day"] for r in per_day}) == 30


def test_ninety_days_reach_further_than_thirty(month):
    more = selectors.sales_totals(since=selectors.period_start(days=90))
    assert sum(r["orders"] for r in more) == len(succeeded_since(90)) > len(succeeded_since(30))


def test_top_releases_and_tracks_count_the_items_sold(month):
    since = selectors.period_start(days=30)
    counts: dict[int, int] = {}
    for row in succeeded_since(30):
        for bought in row.items:
            if bought["track_id"] is None:
                counts[bought["release_id"]] = counts.get(bought["release_id"], 0) + 1
    top = selectors.top_items(since=since, tracks=False)
    assert {int(r["id"]): r["sold"] for r in top} == counts
    assert [r["sold"] for r in top] == sorted(counts.values(), reverse=True)
    tracks = selectors.top_items(since=since, tracks=True)
    assert sum(r["sold"] for r in tracks) == sum(
        1 for row in succeeded_since(30) for bought in row.items if bought["track_id"]
    )
    assert tracks[0]["name"] == "Song"


def test_payment_methods(month):
    since = selectors.period_start(days=30)
    methods = {r["method"]: r["orders"] for r in selectors.payment_methods(since=since)}
    rows = succeeded_since(30)
    assert methods == {m: sum(1 for r in rows if r.method == m) for m in {r.method for r in rows}}


def test_vouchers_are_sales_paid_below_their_prices(month):
    assert selectors.vouchers(since=selectors.period_start(days=30)) == [
        {"currency": "GBP", "orders": 1, "discount": Decimal("2.98")}
    ]


def test_attention_counts_unknown_and_failed(month):
    attention = selectors.needing_attention(since=selectors.period_start(days=30))
    assert attention["unknown_count"] == 1 and attention["failed_count"] == 1
    assert [p.key for p in attention["unknown"]] == ["unknown"]


def test_new_shoppers_and_links_per_day(shopper, django_user_model):
    django_user_model.objects.create_user(username="staffer", is_staff=True)
    SevenDigitalLink.objects.create(user=shopper, sevendigital_user_id="1", how="signup")
    since = selectors.period_start(days=30)
    today = timezone.localdate()
    assert selectors.new_shoppers_per_day(since=since) == {today: 1}  # staff are not shoppers
    assert selectors.links_per_day(since=since) == {today: 1}


def test_api_usage_is_what_the_api_last_reported():
    cache.set(api_key(API_USAGE_KEY), (1234, 4000))
    usage = selectors.api_usage()
    assert (usage.calls, usage.limit, usage.share) == (1234, 4000, 1234 / 4000)
    cache.delete(api_key(API_USAGE_KEY))
    assert selectors.api_usage().share is None


def test_the_cache_hit_rate_counts_todays_reads():
    cache.clear()
    read_stats.note(hits=3, misses=1)
    read_stats.note(hits=4, misses=0)
    assert selectors.cache_hit_rate() == {"hits": 7, "misses": 1, "rate": 7 / 8}


def test_the_dashboard_queries_do_not_grow_with_purchases(month, django_assert_max_num_queries):
    with django_assert_max_num_queries(14):
        data = dashboard_for(days=30)
        data.charts()
    assert data.currencies == ["GBP", "USD"]
    assert sum(data.charts()["orders"]["series"]["Orders"]) == len(succeeded_since(30))


def test_the_methods_chart_names_each_method_in_the_staff_members_language(month):
    data = dashboard_for(days=30)
    assert sorted(data.charts()["methods"]["labels"]) == ["PayPal", "Stored card"]
    with translation.override("de"):
        assert sorted(data.charts()["methods"]["labels"]) == ["Gespeicherte Karte", "PayPal"]
