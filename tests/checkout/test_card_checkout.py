"""Paying for the basket with a stored card, through the store, against the sandbox."""

import re

import pytest
from django.urls import reverse

from checkout.models import Purchase
from checkout.services import basket_ref_for_user
from storefront.api import get_client
from tests.checkout.conftest import new_shopper
from tests.checkout.support import (
    DECLINED_CARD,
    EXPIRED_CARD,
    purchase_ids_in_locker,
    register_card,
    user_token,
)

pytestmark = [pytest.mark.django_db, pytest.mark.live_sandbox]


def fill_basket(client, user, items) -> str:
    client.force_login(user)
    for item in items:
        client.post(reverse("basket-add"), {"release_id": item.release.id})
    return basket_ref_for_user(user=user).basket_id


def pay_form(client) -> dict:
    """The hidden fields of the checkout page's card form (a fresh submit token)."""
    page = client.get(reverse("checkout")).text
    fields = dict(re.findall(r'name="(basket_id|submit_token)" value="([^"]+)"', page))
    assert set(fields) == {"basket_id", "submit_token"}, page[:3000]
    return fields


def test_paying_by_card_buys_the_basket_once(client, card_shopper, items):
    """Success: a succeeded record with 7digital's purchase id, the receipt, the locker
    filled, and the basket let go of (the badge shows 0)."""
    fill_basket(client, card_shopper, items)
    response = client.post(reverse("checkout-card"), pay_form(client), follow=True)
    purchase = Purchase.objects.get(user=card_shopper)
    assert purchase.status == Purchase.Status.SUCCEEDED
    assert purchase.sevendigital_purchase_id
    assert response.redirect_chain[-1][0] == purchase.get_absolute_url()
    assert 'data-status="succeeded"' in response.text
    locker_ids = purchase_ids_in_locker(get_client(), user_token(card_shopper))
    assert locker_ids == {int(purchase.sevendigital_purchase_id)}
    assert basket_ref_for_user(user=card_shopper) is None
    assert purchase.total == items[0].release_price + items[1].release_price


def test_paying_reuses_the_basket_the_checkout_page_read(client, card_shopper, items, monkeypatch):
    """The pay step takes the basket the checkout page just showed: one `basket` read
    per checkout, not two (a prototype key has 4,000 calls a day)."""
    fill_basket(client, card_shopper, items[:1])
    api = get_client()
    reads = []
    real_read = api.get_basket
    monkeypatch.setattr(api, "get_basket", lambda **kw: reads.append(kw) or real_read(**kw))
    form = pay_form(client)
    client.post(reverse("checkout-card"), form)
    assert len(reads) == 1
    purchase = Purchase.objects.get(user=card_shopper)
    assert purchase.status == Purchase.Status.SUCCEEDED
    assert purchase.total == items[0].release_price


def test_a_change_after_the_checkout_page_is_what_is_paid_for(client, card_shopper, items):
    """An item added in another tab after the checkout page replaced the kept copy:
    the record holds both items and what 7digital charged for them."""
    fill_basket(client, card_shopper, items[:1])
    form = pay_form(client)
    client.post(reverse("basket-add"), {"release_id": items[1].release.id})
    client.post(reverse("checkout-card"), form)
    purchase = Purchase.objects.get(user=card_shopper)
    assert purchase.status == Purchase.Status.SUCCEEDED
    assert purchase.total == items[0].release_price + items[1].release_price
    locker_ids = purchase_ids_in_locker(get_client(), user_token(card_shopper))
    assert locker_ids == {int(purchase.sevendigital_purchase_id)}


def test_the_same_form_twice_pays_once(client, card_shopper, items):
    """A resubmitted form (double click, browser retry) shows the first purchase."""
    fill_basket(client, card_shopper, items[:1])
    form = pay_form(client)
    first = client.post(reverse("checkout-card"), form)
    second = client.post(reverse("checkout-card"), form)
    assert first["Location"] == second["Location"]
    assert Purchase.objects.filter(user=card_shopper).count() == 1
    assert len(purchase_ids_in_locker(get_client(), user_token(card_shopper))) == 1


def test_a_declined_card_keeps_the_basket_and_allows_a_new_attempt(client, shopper, items):
    """Declined (3102): a clear message, the basket intact; after changing card, a new
    attempt (a new record) succeeds."""
    register_card(shopper, DECLINED_CARD)
    basket_id = fill_basket(client, shopper, items[:1])
    response = client.post(reverse("checkout-card"), pay_form(client), follow=True)
    assert "Your card was declined" in response.text
    failed = Purchase.objects.get(user=shopper)
    assert failed.status == Purchase.Status.FAILED and failed.error_code == 3102
    assert basket_ref_for_user(user=shopper).basket_id == basket_id
    assert len(get_client().get_basket(basket_id=basket_id).items) == 1

    register_card(shopper)  # a good card, now the default
    client.post(reverse("checkout-card"), pay_form(client))
    retry = Purchase.objects.get(user=shopper, status=Purchase.Status.SUCCEEDED)
    assert retry.attempt == 2 and retry.key != failed.key


def test_an_expired_card_is_explained(client, shopper, items):
    """3001: "Your card has expired", nothing bought."""
    register_card(shopper, EXPIRED_CARD)
    fill_basket(client, shopper, items[:1])
    response = client.post(reverse("checkout-card"), pay_form(client), follow=True)
    assert "Your card has expired" in response.text
    assert purchase_ids_in_locker(get_client(), user_token(shopper)) == set()


def test_without_a_card_the_checkout_offers_to_add_one(client, shopper, items):
    fill_basket(client, shopper, items[:1])
    page = client.get(reverse("checkout")).text
    assert "You have no saved card yet" in page
    assert reverse("card-add") in page


def test_a_changed_basket_is_not_paid_blindly(client, card_shopper, items):
    """A form for another basket than the current one is refused with a message."""
    fill_basket(client, card_shopper, items[:1])
    form = {**pay_form(client), "basket_id": "00000000-0000-0000-0000-000000000000"}
    response = client.post(reverse("checkout-card"), form, follow=True)
    assert "Your basket has changed" in response.text
    assert not Purchase.objects.exists()


def test_a_dead_api_at_checkout_charges_nothing(client, card_shopper, items, settings):
    """The API unreachable when paying (the connection refused, so nothing was sent):
    a clear message, the attempt recorded as failed, the basket kept, nothing bought;
    a new attempt once it is back succeeds."""
    basket_id = fill_basket(client, card_shopper, items[:1])
    form = pay_form(client)
    api_url = settings.SEVENDIGITAL_API_URL
    settings.SEVENDIGITAL_API_URL = "http://127.0.0.1:9/1.2"
    response = client.post(reverse("checkout-card"), form, follow=True)
    assert "not answering" in response.text
    settings.SEVENDIGITAL_API_URL = api_url
    failed = Purchase.objects.get()
    assert failed.status == Purchase.Status.FAILED
    assert basket_ref_for_user(user=card_shopper).basket_id == basket_id
    assert purchase_ids_in_locker(get_client(), user_token(card_shopper)) == set()
    client.post(reverse("checkout-card"), pay_form(client))
    assert Purchase.objects.filter(status=Purchase.Status.SUCCEEDED).count() == 1


def test_checkout_needs_sign_in(client, shop):
    response = client.get(reverse("checkout"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_checkout_needs_a_7digital_link(client, shop, django_user_model):
    """A shop account without a 7digital link is sent to link one, then back."""
    client.force_login(new_shopper(django_user_model, linked=False))
    response = client.post(reverse("checkout-card"), {"basket_id": "x", "submit_token": "y"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("sevendigital-link"))


def test_receipts_are_for_their_owner_only(client, card_shopper, items, django_user_model):
    fill_basket(client, card_shopper, items[:1])
    client.post(reverse("checkout-card"), pay_form(client))
    purchase = Purchase.objects.get(user=card_shopper)
    assert client.get(purchase.get_absolute_url()).status_code == 200
    client.force_login(new_shopper(django_user_model, linked=False))
    assert client.get(purchase.get_absolute_url()).status_code == 404


def test_the_locker_shows_a_purchase_at_once(client, card_shopper, items):
    """The locker page's cached copy is dropped when a purchase succeeds."""
    fill_basket(client, card_shopper, items[:1])
    client.get(reverse("basket"))  # shows (and so uses up) the "Added" message
    assert items[0].release.title not in client.get(reverse("locker")).text  # now cached
    client.post(reverse("checkout-card"), pay_form(client))
    assert items[0].release.title in client.get(reverse("locker")).text


def test_a_basket_the_voucher_pays_for_needs_no_card(client, shopper, items):
    """FREEBIE (100 % off): the checkout offers "Get it for free"; no card is asked for."""
    fill_basket(client, shopper, items[:1])
    client.post(reverse("basket-voucher"), {"voucher_code": "FREEBIE"})
    page = client.get(reverse("checkout")).text
    assert "Get it for free" in page
    client.post(reverse("checkout-card"), pay_form(client))
    purchase = Purchase.objects.get(user=shopper)
    assert purchase.status == Purchase.Status.SUCCEEDED and purchase.total == 0
    assert purchase.voucher_code == "FREEBIE" and purchase.subtotal == items[0].release_price
    receipt = client.get(purchase.get_absolute_url()).text
    assert "Voucher FREEBIE" in receipt and f"£{items[0].release_price}" in receipt
