"""The basket survives signing in (through allauth's real sign-in page)."""

import pytest
from django.urls import reverse

from checkout.models import ShopperBasket
from checkout.services import basket_ref_for_user
from checkout.services.baskets import SESSION_KEY
from storefront.api import get_client
from tests.checkout.support import PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.live_sandbox]


def add(client, release_id: int, **data):
    return client.post(reverse("basket-add"), {"release_id": release_id, **data})


def sign_in(client, user):
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.text[:2000]
    assert client.session.get("_auth_user_id") == str(user.pk)


def releases_in(basket_id: str) -> list[int]:
    return sorted(item.release_id for item in get_client().get_basket(basket_id=basket_id).items)


def test_anonymous_basket_is_kept_on_sign_in(client, shopper, items):
    """Django keeps the session's data through login: the basket becomes the account's."""
    add(client, items[0].release.id)
    anonymous_id = client.session[SESSION_KEY]["basket_id"]
    sign_in(client, shopper)
    ref = basket_ref_for_user(user=shopper)
    assert ref.basket_id == anonymous_id and ref.item_count == 1
    assert SESSION_KEY not in client.session
    assert items[0].release.title in client.get(reverse("basket")).text


def test_sign_in_merges_into_the_account_basket(client, shopper, items):
    """A basket saved on the account (same territory) receives the anonymous items."""
    saved = get_client().create_basket(country="GB")
    get_client().add_basket_item(basket_id=saved.id, release_id=items[0].release.id, country="GB")
    ShopperBasket.objects.create(user=shopper, basket_id=saved.id, country="GB", item_count=1)
    add(client, items[1].release.id)
    sign_in(client, shopper)
    ref = basket_ref_for_user(user=shopper)
    assert ref.basket_id == saved.id and ref.item_count == 2
    assert releases_in(saved.id) == sorted([items[0].release.id, items[1].release.id])


def test_sign_in_adopts_the_newest_basket_across_territories(client, shopper, items):
    """A saved basket from another territory is replaced by the one just filled, and the
    shopper is told so."""
    saved = get_client().create_basket(country="US")
    ShopperBasket.objects.create(user=shopper, basket_id=saved.id, country="US", item_count=3)
    add(client, items[0].release.id)
    anonymous_id = client.session[SESSION_KEY]["basket_id"]
    sign_in(client, shopper)
    assert basket_ref_for_user(user=shopper).basket_id == anonymous_id
    page = client.get(reverse("basket")).text
    assert "saved from the US shop" in page


def test_signing_in_with_an_empty_session_keeps_the_account_basket(client, shopper, items):
    """No anonymous basket: the account's stored basket is simply shown."""
    saved = get_client().create_basket(country="GB")
    get_client().add_basket_item(basket_id=saved.id, release_id=items[0].release.id, country="GB")
    ShopperBasket.objects.create(user=shopper, basket_id=saved.id, country="GB", item_count=1)
    sign_in(client, shopper)
    assert basket_ref_for_user(user=shopper).basket_id == saved.id
    assert items[0].release.title in client.get(reverse("basket")).text
