"""Buy now: one release or track with the saved card, at the price shown."""

import re

import pytest
from django.urls import reverse

from checkout.models import Purchase
from storefront.api import get_client
from tests.checkout.support import purchase_ids_in_locker, user_token

pytestmark = [pytest.mark.django_db, pytest.mark.live_sandbox]


def buy(client, item, *, price=None, token="form-1"):
    data = {
        "release_id": item.release.id,
        "track_id": item.track.id,
        "package_id": 2,
        "price": price if price is not None else item.track_price,
        "submit_token": token,
        "next": "/track/1/",
    }
    return client.post(reverse("buy-now"), data)


def test_track_page_offers_buy_now_at_the_shown_price(client, items):
    """The catalogue's track page carries the buy-now form with the package's price."""
    item = items[0]
    page = client.get(reverse("track-detail", args=[item.track.id])).text
    assert 'action="/buy-now/"' in page
    assert f'name="price" value="{item.track_price}"' in page
    assert re.search(r'name="submit_token" value="[\w-]{20,}"', page)


def test_buy_now_buys_the_track(client, card_shopper, items):
    client.force_login(card_shopper)
    response = buy(client, items[0])
    purchase = Purchase.objects.get(user=card_shopper)
    assert response["Location"] == purchase.get_absolute_url()
    assert purchase.status == Purchase.Status.SUCCEEDED
    assert purchase.kind == Purchase.Kind.ITEM
    assert purchase.items[0]["name"] == items[0].track.title
    locker = get_client().get_user_locker(token=user_token(card_shopper))
    assert [t.track.id for r in locker for t in r.tracks] == [items[0].track.id]


def test_a_changed_price_is_explained(client, card_shopper, items):
    """3004: "the price changed to X"; nothing bought, a new attempt allowed."""
    client.force_login(card_shopper)
    response = buy(client, items[0], price=items[0].track_price + 1)
    assert response["Location"] == "/track/1/"
    page = client.get("/track/1/", follow=True).text
    assert f"The price changed to £{items[0].track_price}" in page
    assert Purchase.objects.get().status == Purchase.Status.FAILED
    buy(client, items[0], token="form-2")
    assert Purchase.objects.filter(status=Purchase.Status.SUCCEEDED).count() == 1


def test_buying_twice_charges_once(client, card_shopper, items):
    """The same form twice, or a second form for an item just bought, shows the first
    purchase: 7digital is asked once."""
    client.force_login(card_shopper)
    first = buy(client, items[0])
    assert buy(client, items[0])["Location"] == first["Location"]
    assert buy(client, items[0], token="form-2")["Location"] == first["Location"]
    assert Purchase.objects.count() == 1
    assert len(purchase_ids_in_locker(get_client(), user_token(card_shopper))) == 1


def test_buy_now_asks_anonymous_shoppers_to_sign_in(client, items):
    response = buy(client, items[0])
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=/track/1/" in response["Location"].replace("%2F", "/")
