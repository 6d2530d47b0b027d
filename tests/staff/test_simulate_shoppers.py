"""simulate_shoppers buys through the store's own pages and the live sandbox, and the
dashboard's totals are the database's."""

import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.utils import timezone

from checkout.models import Purchase
from staff import selectors
from tests.catalogue.slot_support import live_store

pytestmark = [pytest.mark.django_db, pytest.mark.live_sandbox]
__all__ = ["live_store"]


def test_simulated_shoppers_buy_through_the_store_over_a_month(live_store, capsys):
    call_command("simulate_shoppers", shoppers=3, days=30, seed=4, quiet=True)
    purchases = Purchase.objects.all()
    assert purchases.count() >= 3
    assert set(purchases.values_list("status", flat=True)) == {"succeeded"}
    assert all(p.sevendigital_purchase_id for p in purchases)
    oldest = purchases.order_by("created").first().created
    assert timezone.now() - oldest < timezone.timedelta(days=31)
    assert "3 shoppers made" in capsys.readouterr().out

    since = selectors.period_start(days=30)
    totals = selectors.sales_totals(since=since)
    in_period = purchases.filter(created__gte=since)
    assert sum(row["orders"] for row in totals) == in_period.count()
    assert sum(row["revenue"] for row in totals) == in_period.aggregate(s=Sum("total"))["s"]


def test_it_refuses_the_real_api(settings):
    settings.SEVENDIGITAL_API_URL = "https://api.7digital.com/1.2"
    with pytest.raises(Exception, match="the sandbox only"):
        call_command("simulate_shoppers", shoppers=1, quiet=True)
