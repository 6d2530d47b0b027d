"""The basket through the store, against a live sandbox: with and without htmx."""

from decimal import Decimal

import pytest
from django.urls import reverse

from checkout.services import basket_ref_for_user
from checkout.services.baskets import SESSION_KEY
from storefront.api import get_client

pytestmark = [pytest.mark.django_db, pytest.mark.live_sandbox, pytest.mark.smoke]

HX = {"HTTP_HX_REQUEST": "true"}


def add(client, item, *, track: bool = False, **headers):
    data = {"release_id": item.release.id, "package_id": 2, "next": "/somewhere/"}
    if track:
        data["track_id"] = item.track.id
    return client.post(reverse("basket-add"), data, **headers)


def session_basket(client) -> dict:
    return client.session[SESSION_KEY]


def upstream(client):
    return get_client().get_basket(basket_id=session_basket(client)["basket_id"])


def test_add_without_js_redirects_back_with_a_message(client, items):
    """A plain form post adds the release, then redirects to `next` with a message."""
    response = add(client, items[0])
    assert response.status_code == 302
    assert response["Location"] == "/somewhere/"
    page = client.get(reverse("basket"))
    assert items[0].release.title in page.text
    assert "Added" in page.text
    assert [i.release_id for i in upstream(client).items] == [items[0].release.id]


def test_add_with_htmx_answers_a_status_and_the_badge(client, items):
    """An htmx add answers a status line and the header badge swapped out of band."""
    response = add(client, items[0], track=True, **HX)
    assert response.status_code == 200
    assert 'id="basket-added"' in response.text
    assert items[0].track.title in response.text
    assert 'id="basket-badge"' in response.text and 'hx-swap-oob="true"' in response.text
    assert ">1</span>" in response.text


def test_basket_page_shows_7digital_totals(client, items):
    """The page shows each price and the amount due as 7digital computes it."""
    add(client, items[0])
    add(client, items[1], track=True)
    basket = upstream(client)
    page = client.get(reverse("basket")).text
    assert basket.amount_due.amount.amount == items[0].release_price + items[1].track_price
    assert f"£{basket.amount_due.amount.amount}" in page


def test_remove_with_htmx_swaps_the_panel(client, items):
    """Removing answers the panel without the item, and the badge back at 0."""
    add(client, items[0])
    item_id = upstream(client).items[0].id
    response = client.post(reverse("basket-remove"), {"item_id": item_id}, **HX)
    assert response.status_code == 200
    assert 'id="basket-panel"' in response.text
    assert "Your basket is empty" in response.text
    assert ">0</span>" in response.text
    assert upstream(client).items == ()


def test_voucher_discount_is_shown(client, items):
    """A valid voucher takes 10 % off; the panel shows the discount and the new total."""
    add(client, items[0])
    response = client.post(reverse("basket-voucher"), {"voucher_code": "welcome10"}, **HX)
    due = upstream(client).amount_due.amount.amount
    assert due == (items[0].release_price * Decimal("0.9")).quantize(Decimal("0.01"))
    assert "Voucher WELCOME10 applied" in response.text
    assert f"£{due}" in response.text


def test_expired_voucher_is_explained_and_the_basket_kept(client, items):
    """An expired voucher gives a clear message; items and total are unchanged."""
    add(client, items[0])
    before = upstream(client)
    response = client.post(reverse("basket-voucher"), {"voucher_code": "EXPIRED"})
    assert response.status_code == 302
    page = client.get(reverse("basket")).text
    assert "The voucher could not be used" in page
    after = upstream(client)
    assert after.items == before.items and after.amount_due == before.amount_due
    assert session_basket(client)["voucher_code"] == ""


def test_removing_the_voucher_starts_a_basket_with_the_same_items(client, items):
    """Without a removeVoucher operation, the store re-creates the basket sans voucher."""
    add(client, items[0])
    client.post(reverse("basket-voucher"), {"voucher_code": "WELCOME10"})
    old_id = session_basket(client)["basket_id"]
    client.post(reverse("basket-voucher-remove"), **HX)
    basket = upstream(client)
    assert basket.id != old_id
    assert [i.release_id for i in basket.items] == [items[0].release.id]
    assert basket.amount_due.amount.amount == items[0].release_price
    assert session_basket(client)["voucher_code"] == ""


def test_dead_api_gives_a_clear_message_and_loses_nothing(client, items, settings):
    """With the API unreachable, an add fails clearly; the basket is intact afterwards."""
    add(client, items[0])
    api_url = settings.SEVENDIGITAL_API_URL
    settings.SEVENDIGITAL_API_URL = "http://127.0.0.1:9/1.2"  # nothing listens on port 9
    response = add(client, items[1], **HX)
    assert "not answering" in response.text
    assert session_basket(client)["item_count"] == 1
    settings.SEVENDIGITAL_API_URL = api_url
    assert [i.release_id for i in upstream(client).items] == [items[0].release.id]


def test_bad_input_is_refused(client, shop):
    """A malformed add is a 400 for htmx, with nothing sent to 7digital."""
    response = client.post(reverse("basket-add"), {"release_id": "x"}, **HX)
    assert response.status_code == 400
    assert SESSION_KEY not in client.session


def test_signed_in_basket_lives_on_the_account(client, shopper, items):
    """After sign-in the basket reference is the account's row, not the session's."""
    client.force_login(shopper)
    add(client, items[0])
    ref = basket_ref_for_user(user=shopper)
    assert ref is not None and ref.item_count == 1
    assert SESSION_KEY not in client.session


def test_territory_change_is_explained_and_items_can_move(client, items):
    """A GB basket seen from the US shop says so; moving re-prices it in the US shop."""
    add(client, items[0])
    client.post(reverse("set-territory"), {"country": "US", "next": "/"})
    page = client.get(reverse("basket")).text
    assert "priced in the <strong>GB</strong> shop" in page
    assert "Move my items to the US shop" in page
    response = client.post(reverse("basket-move"), **HX)
    assert "now priced in the US shop" in response.text
    moved = session_basket(client)
    assert moved["country"] == "US"
    basket = upstream(client)
    if basket.items:  # sold in the US too: priced in dollars now
        assert basket.price.currency == "USD"
    else:
        assert "left out" in response.text


def test_an_empty_basket_follows_the_territory(client, items):
    """With nothing in it, the next add starts a basket in the shopper's new territory."""
    add(client, items[0])
    item_id = upstream(client).items[0].id
    client.post(reverse("basket-remove"), {"item_id": item_id})
    client.post(reverse("set-territory"), {"country": "US", "next": "/"})
    add(client, items[0])
    assert session_basket(client)["country"] == "US"
