"""Basket operations of the sandbox API: create, get, add, add priced, remove."""

import uuid
from decimal import Decimal

import pytest

from sandbox.models import Basket, BasketItem, Purchase
from tests.sandbox.basket_support import (
    add,
    apply_voucher,
    call,
    error,
    get,
    json_of,
    make_album,
    make_shops,
    make_single,
    make_voucher,
    new_basket,
    ok,
)
from tests.sandbox.factories import assert_shape_recorded, make_artist, make_release, make_track
from tests.sandbox.oauth_support import make_consumer, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.urls("sandbox.urls")]


@pytest.fixture
def shops():
    return make_shops()


@pytest.fixture
def consumer(shops):
    return make_consumer()


@pytest.fixture
def album(shops):
    return make_album()


@pytest.fixture
def single(shops):
    return make_single()


def test_create_answers_an_empty_basket_with_a_new_guid(client, consumer):
    """basket/create hands out a new GUID and an empty basket priced in GBP by default."""
    basket = ok(get(client, "basket/create", consumer))
    assert uuid.UUID(basket.get("id"))
    assert basket.findtext("itemCount") == "0"
    assert basket.find("basketItems") is not None and len(basket.find("basketItems")) == 0
    assert basket.find("price/currency").get("code") == "GBP"
    assert basket.findtext("amountDue/formattedAmount") == "£0.00"


def test_create_has_the_recorded_element_order(client, consumer):
    """The empty basket lists its children as the recording basket/create.xml does."""
    basket = ok(get(client, "basket/create", consumer))
    assert_shape_recorded(basket, "basket/create.xml", "/response/basket")
    assert_shape_recorded(basket.find("amountDue"), "basket/create.xml", "//basket/amountDue")


def test_create_takes_the_territory_from_shop_id(client, consumer):
    """shopId names the territory as country does (25 is the French shop here)."""
    basket = ok(get(client, "basket/create", consumer, shopId=25))
    assert Basket.objects.get(pk=basket.get("id")).country_id == "FR"
    assert basket.findtext("amountDue/formattedAmount") == "0,00 €"


def test_get_unknown_basket_answers_an_empty_basket_with_that_id(client, consumer):
    """As the api-stub does, an unknown well-formed id gets an empty basket (not stored)."""
    basket_id = str(uuid.uuid4())
    basket = ok(get(client, "basket", consumer, basketId=basket_id))
    assert basket.get("id") == basket_id
    assert basket.findtext("itemCount") == "0"
    assert not Basket.objects.filter(pk=basket_id).exists()


def test_get_malformed_basket_id_is_1002(client, consumer):
    """A basketId that is not a GUID is an invalid parameter value, HTTP 400."""
    status, code, message = error(get(client, "basket", consumer, basketId="not-a-guid"))
    assert (status, code) == (400, 1002)
    assert "basketId" in message


def test_get_without_basket_id_is_1001(client, consumer):
    assert error(get(client, "basket", consumer))[1] == 1001


def test_add_release_has_the_recorded_item_shape(client, consumer, album):
    """A release item reads as in basket/additem recordings: empty trackId, package 2."""
    basket = add(client, consumer, new_basket(client, consumer), album)
    item = basket.find("basketItems/basketItem")
    assert_shape_recorded(item, "basket/additem/*.xml", "//basketItem")
    assert_shape_recorded(basket, "basket/additem/*.xml", "/response/basket")
    assert item.findtext("type") == "release"
    assert item.findtext("itemName") == "Perfect Symmetry"
    assert item.findtext("artistName") == "Keane"
    assert item.findtext("trackId") is None or item.findtext("trackId") == ""
    assert item.findtext("releaseId") == str(album.pk)
    assert item.find("package").get("id") == "2"


def test_add_release_prices_it_in_the_basket_territory(client, consumer, album):
    """The item and the basket carry the legacy price block: value, rrp and formats."""
    basket = add(client, consumer, new_basket(client, consumer), album)
    item = basket.find("basketItems/basketItem")
    assert item.findtext("price/value") == "7.99"
    assert item.findtext("price/formattedPrice") == "£7.99"
    assert item.findtext("price/formattedRrp") == "£9.99"
    assert basket.findtext("price/value") == "7.99"
    assert basket.findtext("amountDue/amount") == "7.99"
    assert basket.find("amountDue/currency").get("code") == "GBP"


def test_add_track_names_the_track(client, consumer, album):
    """A track item has type track, its own title and id, and the track price."""
    track = album.tracks.get(track_number=2)
    basket_id = new_basket(client, consumer)
    basket = add(client, consumer, basket_id, album, trackId=track.pk)
    item = basket.find("basketItems/basketItem")
    assert item.findtext("type") == "track"
    assert item.findtext("itemName") == "The Lovers Are Losing"
    assert item.findtext("trackId") == str(track.pk)
    assert item.findtext("price/value") == "0.99"


def test_parameters_and_path_are_case_insensitive(client, consumer, album):
    basket_id = new_basket(client, consumer)
    response = client.get(
        "/1.2/BASKET/additem",
        {"oauth_consumer_key": consumer.key, "BASKETID": basket_id, "releaseid": album.pk},
    )
    assert ok(response).findtext("itemCount") == "1"


def test_adding_the_same_item_twice_keeps_one(client, consumer, album):
    """addItem is idempotent per release, track and package."""
    basket_id = new_basket(client, consumer)
    add(client, consumer, basket_id, album)
    basket = add(client, consumer, basket_id, album)
    assert basket.findtext("itemCount") == "1"
    assert BasketItem.objects.filter(basket_id=basket_id).count() == 1


def test_premium_package_is_priced_as_lossless(client, consumer, album):
    basket = add(client, consumer, new_basket(client, consumer), album, packageId=9)
    item = basket.find("basketItems/basketItem")
    assert item.find("package").get("id") == "9"
    assert item.findtext("price/value") == "11.99"


def test_premium_package_of_a_release_without_lossless_is_1002(client, consumer, single):
    basket_id = new_basket(client, consumer)
    response = get(
        client, "basket/addItem", consumer, basketId=basket_id, releaseId=single.pk, packageId=9
    )
    status, code, message = error(response)
    assert (status, code) == (400, 1002)
    assert "packageId" in message


def test_unknown_package_is_1002(client, consumer, album):
    basket_id = new_basket(client, consumer)
    response = get(
        client, "basket/addItem", consumer, basketId=basket_id, releaseId=album.pk, packageId=5
    )
    assert error(response)[1] == 1002


def test_unknown_release_is_2001(client, consumer):
    basket_id = new_basket(client, consumer)
    status, code, _ = error(
        get(client, "basket/addItem", consumer, basketId=basket_id, releaseId=999999)
    )
    assert (status, code) == (404, 2001)


def test_unknown_track_is_2001(client, consumer, album):
    basket_id = new_basket(client, consumer)
    response = get(
        client, "basket/addItem", consumer, basketId=basket_id, releaseId=album.pk, trackId=999999
    )
    assert error(response)[1] == 2001


def test_track_of_another_release_is_1002(client, consumer, album, single):
    basket_id = new_basket(client, consumer)
    other_track = single.tracks.get()
    response = get(
        client,
        "basket/addItem",
        consumer,
        basketId=basket_id,
        releaseId=album.pk,
        trackId=other_track.pk,
    )
    status, code, message = error(response)
    assert (status, code) == (400, 1002)
    assert "trackId" in message


def test_release_not_sold_in_the_basket_territory_is_2002(client, consumer, album):
    """The basket's territory decides, not the country parameter of the add call."""
    basket_id = new_basket(client, consumer, country="FR")
    response = get(
        client, "basket/addItem", consumer, basketId=basket_id, releaseId=album.pk, country="GB"
    )
    assert error(response)[1] == 2002


def test_add_to_unknown_basket_is_2001(client, consumer, album):
    response = get(
        client, "basket/addItem", consumer, basketId=str(uuid.uuid4()), releaseId=album.pk
    )
    assert error(response)[:2] == (404, 2001)


def test_totals_add_up_the_items(client, consumer, album, single):
    basket_id = new_basket(client, consumer)
    add(client, consumer, basket_id, album)
    basket = add(client, consumer, basket_id, single)
    assert basket.findtext("itemCount") == "2"
    assert basket.findtext("price/value") == "8.98"
    assert basket.findtext("price/rrp") == "10.98"
    assert basket.findtext("amountDue/amount") == "8.98"


def test_yen_amounts_have_no_minor_units(client, consumer, album):
    basket = add(client, consumer, new_basket(client, consumer, country="JP"), album)
    assert basket.findtext("price/value") == "1500"
    assert basket.findtext("amountDue/formattedAmount") == "¥1500"


def test_euro_amounts_use_the_french_format(client, consumer, single):
    basket = add(client, consumer, new_basket(client, consumer, country="FR"), single)
    assert basket.findtext("price/formattedPrice") == "1,29 €"


def test_remove_item_takes_it_out(client, consumer, album, single):
    basket_id = new_basket(client, consumer)
    add(client, consumer, basket_id, album)
    item_id = add(client, consumer, basket_id, single).xpath("basketItems/basketItem/@id")[-1]
    basket = ok(get(client, "basket/removeItem", consumer, basketId=basket_id, itemId=item_id))
    assert basket.xpath("basketItems/basketItem/releaseId/text()") == [str(album.pk)]
    assert basket.findtext("amountDue/amount") == "7.99"


def test_remove_item_of_another_basket_is_2001(client, consumer, album):
    other = add(client, consumer, new_basket(client, consumer), album)
    item_id = other.find("basketItems/basketItem").get("id")
    response = get(
        client, "basket/removeItem", consumer, basketId=new_basket(client, consumer), itemId=item_id
    )
    assert error(response)[1] == 2001


def test_basket_in_json_maps_items_and_amounts(client, consumer, album, single):
    """Accept: application/json gives the same basket, items as an array."""
    basket_id = new_basket(client, consumer)
    add(client, consumer, basket_id, album)
    add(client, consumer, basket_id, single)
    body = json_of(call(client, "GET", "basket", consumer, as_json=True, basketId=basket_id))
    basket = body["basket"]
    assert basket["id"] == basket_id
    assert [item["releaseId"] for item in basket["basketItems"]["basketItem"]] == [
        str(album.pk),
        str(single.pk),
    ]
    assert basket["amountDue"]["amount"] == "8.98"


def test_priced_item_is_added_at_the_partner_price(client, consumer, album):
    basket_id = new_basket(client, consumer)
    response = call(
        client,
        "GET",
        "basket/addpriceditem",
        consumer,
        basketId=basket_id,
        releaseId=album.pk,
        price="4.49",
    )
    item = ok(response).find("basketItems/basketItem")
    assert item.findtext("price/value") == "4.49"
    assert item.findtext("price/rrp") == "9.99"


def test_priced_item_again_takes_the_new_price(client, consumer, album):
    basket_id = new_basket(client, consumer)
    for price in ("4.49", "3.00"):
        basket = ok(
            call(
                client,
                "GET",
                "basket/addpriceditem",
                consumer,
                basketId=basket_id,
                releaseId=album.pk,
                price=price,
            )
        )
    assert basket.findtext("itemCount") == "1"
    assert basket.findtext("amountDue/amount") == "3.00"


def test_priced_item_needs_a_price(client, consumer, album):
    basket_id = new_basket(client, consumer)
    response = call(
        client, "GET", "basket/addpriceditem", consumer, basketId=basket_id, releaseId=album.pk
    )
    assert error(response)[1] == 1001


def test_priced_item_in_yen_must_be_whole(client, consumer, album):
    basket_id = new_basket(client, consumer, country="JP")
    response = call(
        client,
        "GET",
        "basket/addpriceditem",
        consumer,
        basketId=basket_id,
        releaseId=album.pk,
        price="99.50",
    )
    assert error(response)[:2] == (400, 1002)


def test_priced_item_needs_a_signature(client, consumer, album):
    """addpriceditem is 2-legged: the consumer key alone is an OAuth failure."""
    basket_id = new_basket(client, consumer)
    response = get(
        client, "basket/addpriceditem", consumer, basketId=basket_id, releaseId=album.pk, price="1"
    )
    assert response.status_code == 401


@pytest.fixture
def bought_basket(client, consumer, album, shops):
    """A basket holding the album that has been purchased."""
    basket_id = new_basket(client, consumer)
    add(client, consumer, basket_id, album)
    purchase = Purchase.objects.create(
        user=make_user(),
        consumer=consumer,
        country=shops["GB"],
        method=Purchase.Method.PAYPAL,
        total=Decimal("7.99"),
        currency_code="GBP",
    )
    Basket.objects.filter(pk=basket_id).update(purchase=purchase)
    return basket_id


def test_bought_basket_refuses_new_items(client, consumer, single, bought_basket):
    response = get(client, "basket/addItem", consumer, basketId=bought_basket, releaseId=single.pk)
    _, code, message = error(response)
    assert code == 7001
    assert message == "Basket has already been purchased"


def test_bought_basket_refuses_removing_items(client, consumer, bought_basket):
    item_id = BasketItem.objects.get(basket_id=bought_basket).pk
    response = get(client, "basket/removeItem", consumer, basketId=bought_basket, itemId=item_id)
    assert error(response)[1] == 7001


def test_bought_basket_refuses_vouchers(client, consumer, bought_basket):
    make_voucher("TENPC")
    assert error(apply_voucher(client, consumer, bought_basket, "TENPC"))[1] == 7001


def test_bought_basket_still_reads(client, consumer, bought_basket):
    assert ok(get(client, "basket", consumer, basketId=bought_basket)).findtext("itemCount") == "1"


def test_release_of_other_territory_prices_is_unavailable_when_unpriced(client, consumer, shops):
    """An item whose price tier the territory does not price cannot be added (2002)."""
    release = make_release(make_artist("Odd"), "Unpriced", price_tier=42)
    make_track(release, "Only", 1)
    basket_id = new_basket(client, consumer)
    assert (
        error(get(client, "basket/addItem", consumer, basketId=basket_id, releaseId=release.pk))[1]
        == 2002
    )


def test_admin_shows_a_basket_with_its_items(admin_client, consumer, album):
    """The read-only basket admin lists baskets and shows one with its items inline."""
    basket_id = new_basket(admin_client, consumer)
    add(admin_client, consumer, basket_id, album)
    assert admin_client.get("/admin/sandbox/basket/").status_code == 200
    page = admin_client.get(f"/admin/sandbox/basket/{basket_id}/change/")
    assert page.status_code == 200
    assert "Perfect Symmetry" in page.content.decode()


def test_admin_lists_vouchers_and_paypal_checkouts(admin_client):
    vouchers = admin_client.get("/admin/sandbox/voucher/")
    assert "WELCOME10" in vouchers.content.decode()
    assert admin_client.get("/admin/sandbox/paypalcheckout/").status_code == 200
