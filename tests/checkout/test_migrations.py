"""0002 gives every existing purchase a random order number in place of its
guessable `<subject>-<attempt>` key."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.checkout.test_purchase_records import ORDER_NUMBER

BEFORE = [("checkout", "0001_initial")]
AFTER = [("checkout", "0002_order_numbers_voucher_confirmation")]


@pytest.mark.django_db(transaction=True)
def test_existing_purchases_are_rekeyed_with_order_numbers(django_user_model):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    user = old.get_model("auth", "User").objects.create(username="before", email="b@x.org")
    common = {"user_id": user.pk, "kind": "item", "method": "card", "country": "GB"}
    Purchase = old.get_model("checkout", "Purchase")
    Purchase.objects.create(key="item-1-0-2-1", subject="item:1:0:2", status="failed", **common)
    Purchase.objects.create(key="item-1-0-2-2", subject="item:1:0:2", attempt=2, **common)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    keys = list(new.get_model("checkout", "Purchase").objects.values_list("key", flat=True))
    assert len(set(keys)) == 2 and all(ORDER_NUMBER.fullmatch(key) for key in keys)

    MigrationExecutor(connection).migrate(executor.loader.graph.leaf_nodes())
