"""The admin lists purchases and baskets for support staff, read-only."""

from decimal import Decimal

import pytest
from django.urls import reverse

from checkout.models import Purchase, ShopperBasket

pytestmark = pytest.mark.django_db


@pytest.fixture
def purchases(admin_user):
    common = {"user": admin_user, "kind": "basket", "method": "card", "country": "GB"}
    return [
        Purchase.objects.create(
            key="basket-a-1",
            subject="basket:a",
            status="succeeded",
            total=Decimal("7.99"),
            currency="GBP",
            **common,
        ),
        Purchase.objects.create(key="basket-b-1", subject="basket:b", status="failed", **common),
    ]


def test_purchase_list_filters_by_status(admin_client, purchases):
    url = reverse("admin:checkout_purchase_changelist")
    page = admin_client.get(url, {"status__exact": "failed"}).text
    assert "basket-b-1" in page and "basket-a-1" not in page
    assert "7.99 GBP" in admin_client.get(url).text


def test_purchases_cannot_be_added_edited_or_deleted(admin_client, purchases):
    assert admin_client.get(reverse("admin:checkout_purchase_add")).status_code == 403
    change = admin_client.get(reverse("admin:checkout_purchase_change", args=[purchases[0].pk]))
    assert change.status_code == 200
    assert 'name="status"' not in change.text  # shown, not editable
    delete = reverse("admin:checkout_purchase_delete", args=[purchases[0].pk])
    assert admin_client.get(delete).status_code == 403


def test_shopper_baskets_are_listed(admin_client, admin_user):
    ShopperBasket.objects.create(user=admin_user, basket_id="b-123", country="GB", item_count=2)
    page = admin_client.get(reverse("admin:checkout_shopperbasket_changelist")).text
    assert "b-123" in page
