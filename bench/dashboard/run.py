"""Dashboard benchmark: the shop dashboard with 100,000 purchases, against the admin's
purchase list (the page support staff already open every day) in the same run.

    .venv/bin/python bench/dashboard/run.py
    .venv/bin/python bench/dashboard/run.py --purchases 100000 --rounds 7 \
        --database-url postgres://postgres@127.0.0.1:5432/store_bench

Makes a fresh database (a SQLite file under var/bench/, or the empty PostgreSQL
database given), migrates it, and writes the purchases in bulk: 5,000 shoppers,
1-3 items each from 500 releases, 96% succeeded, 2% failed, 2% unknown, spread over
120 days, in three currencies. Then a signed-in superuser asks for each page through
Django's test client (the whole middleware and template stack, no network) `--rounds`
times; it prints the median and the ratio of each page to the purchase list. The
page reads the figures kept in the cache; counting them (what Celery beat does every
few minutes) is timed on its own, with its slowest queries. DEBUG is on (no static
manifest needed); it costs both pages alike.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
DEFAULT_DB = ROOT / "var" / "bench" / "dashboard.sqlite3"
CURRENCIES = (("GBP", "GB"), ("USD", "US"), ("EUR", "DE"))


def configure(database_url: str) -> None:
    os.environ.update(
        {
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "storefront.settings.local",
            "DEBUG": "true",
            "ALLOWED_HOSTS": "testserver",
        }
    )
    import django

    django.setup()


def fill(purchases: int, seed: int = 1) -> None:
    """Shoppers and purchases, written in batches (no signals, no API)."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from checkout.models import Purchase

    rng = random.Random(seed)
    user_model = get_user_model()
    users = user_model.objects.bulk_create(
        user_model(username=f"shopper{n}", email=f"shopper{n}@example.com") for n in range(5000)
    )
    Purchase._meta.get_field("created").auto_now_add = False  # the rows carry their dates
    now, batch = timezone.now(), []
    for n in range(purchases):
        currency, country = CURRENCIES[n % 7 % 3]
        items = []
        for _ in range(rng.randint(1, 3)):
            release = rng.randrange(1, 500)
            track = rng.randrange(1, 20) + release * 100 if rng.random() < 0.4 else None
            price = "0.99" if track else "7.99"
            items.append(
                {
                    "release_id": release,
                    "track_id": track,
                    "package_id": 2,
                    "name": f"Item {track or release}",
                    "artist": "Artist",
                    "price": price,
                }
            )
        listed = sum(Decimal(item["price"]) for item in items)
        roll = rng.random()
        status = "succeeded" if roll < 0.96 else "failed" if roll < 0.98 else "unknown"
        batch.append(
            Purchase(
                key=f"bench-{n}",
                user=users[n % len(users)],
                kind="basket",
                method="card" if n % 3 else "paypal",
                status=status,
                subject=f"basket:{n}",
                country=country,
                items=items,
                currency=currency,
                total=listed - Decimal("1.00") if n % 25 == 0 else listed,
                created=now - timedelta(minutes=rng.randrange(0, 120 * 24 * 60)),
            )
        )
        if len(batch) == 5000:
            Purchase.objects.bulk_create(batch)
            batch.clear()
    Purchase.objects.bulk_create(batch)


def timed(call, rounds: int) -> float:
    call()  # warm: templates compiled, connections open
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        call()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def page(client, url: str):
    def get():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    return get


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--purchases", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--database-url", default="")
    options = parser.parse_args()
    if not options.database_url:
        DEFAULT_DB.parent.mkdir(parents=True, exist_ok=True)
        DEFAULT_DB.unlink(missing_ok=True)
    configure(options.database_url or f"sqlite:///{DEFAULT_DB}")

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from staff import dashboard

    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    fill(options.purchases)
    print(
        f"{connection.vendor}: {options.purchases:,} purchases written in "
        f"{time.perf_counter() - start:.1f} s"
    )

    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("bench-admin", "a@example.com", "x")
    client = Client()
    client.force_login(admin)
    pages = {
        "purchase list (baseline)": "/admin/checkout/purchase/",
        "dashboard page, 30 days": "/admin/dashboard/?days=30",
        "dashboard page, 90 days": "/admin/dashboard/?days=90",
    }
    results = {name: timed(page(client, url), options.rounds) for name, url in pages.items()}
    # What beat (or "Count again now") does every few minutes: no page waits for it.
    for days in dashboard.PERIODS:
        name = f"counting figures, {days} days"
        results[name] = timed(lambda d=days: dashboard.count_figures(days=d), options.rounds)
    baseline = results["purchase list (baseline)"]
    print(f"\n{'':<32}{'median ms':>10}{'ratio':>8}")
    for name, seconds in results.items():
        print(f"{name:<32}{seconds * 1000:>10.1f}{seconds / baseline:>8.2f}")

    with CaptureQueriesContext(connection) as queries:
        dashboard.count_figures(days=90)
    print(f"\ncounting the 90 days' figures: {len(queries)} queries")
    for query in sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:6]:
        print(f"  {float(query['time']) * 1000:7.1f} ms  {' '.join(query['sql'].split())[:90]}")


if __name__ == "__main__":
    main()
