"""The account pages: overview, the link page, linking with the shop password, history."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse

from accounts.models import SevenDigitalLink
from accounts.selectors import locker_cache_key
from checkout.models import Purchase
from tests.accounts.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_overview_offers_linking_when_unlinked(client, shopper):
    """An unlinked shopper's account page leads to the link page."""
    client.force_login(shopper)
    html = client.get(reverse("account")).content.decode()
    assert reverse("sevendigital-link") in html


def test_link_page_explains_both_ways_to_link(client, shopper):
    """Unlinked: set up with the shop password, or sign in with 7digital."""
    client.force_login(shopper)
    html = client.get(reverse("sevendigital-link")).content.decode()
    assert reverse("sevendigital-link-password") in html
    assert reverse("sevendigital-link-start") in html
    assert "could not be reached when you signed up" in html


@pytest.mark.live_sandbox
def test_linking_later_with_the_shop_password(client, shopper, live_api):
    """The shop password creates and links the 7digital account (sign-up's fallback)."""
    client.force_login(shopper)
    response = client.post(reverse("sevendigital-link-password"), {"password": PASSWORD})
    assert response["Location"] == reverse("locker")
    assert SevenDigitalLink.objects.get(user=shopper).how == "signup"


def test_linking_later_needs_the_right_password(client, shopper):
    """A wrong shop password links nothing and shows the form again."""
    client.force_login(shopper)
    response = client.post(reverse("sevendigital-link-password"), {"password": "not-it"})
    assert response.status_code == 400
    assert not SevenDigitalLink.objects.filter(user=shopper).exists()


@pytest.mark.live_sandbox
def test_unlinking_keeps_nothing(client, linked_shopper):
    """Unlinking removes the link (and so the stored token)."""
    client.force_login(linked_shopper)
    client.post(reverse("sevendigital-unlink"))
    assert not SevenDigitalLink.objects.filter(user=linked_shopper).exists()


def test_purchase_history_lists_the_shoppers_purchases(client, shopper, django_user_model):
    """Own purchases only, each with a link to its receipt."""
    other = django_user_model.objects.create_user("other", "other@example.com", PASSWORD)
    mine = Purchase.objects.create(
        key="basket-abc-1", user=shopper, kind="basket", method="card", status="succeeded",
        subject="basket:abc", country="GB", total=Decimal("7.99"), currency="GBP",
        items=[{"name": "Blue Hour", "artist": "The Owls", "price": "7.99"}],
    )  # fmt: skip
    Purchase.objects.create(
        key="basket-xyz-1", user=other, kind="basket", method="card", status="succeeded",
        subject="basket:xyz", country="GB", items=[{"name": "Not Mine"}],
    )  # fmt: skip
    client.force_login(shopper)
    html = client.get(reverse("purchase-history")).content.decode()
    assert "Blue Hour" in html and "£7.99" in html
    assert reverse("receipt", args=[mine.key]) in html
    assert "Not Mine" not in html


def test_a_completed_purchase_empties_the_cached_locker(
    shopper, django_capture_on_commit_callbacks
):
    """The locker page shows new music at once after a shop purchase succeeds."""
    key = locker_cache_key(shopper.pk, "GB")
    cache.set(key, ((), False))
    with django_capture_on_commit_callbacks(execute=True):
        Purchase.objects.create(
            key="item-1-1", user=shopper, kind="item", method="card", status="succeeded",
            subject="item:1", country="GB",
        )  # fmt: skip
    assert cache.get(key) is None
