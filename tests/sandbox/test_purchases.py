"""Purchases with the default card: items, RRP items, priced items and baskets."""

import json
from decimal import Decimal

import pytest
from django.test import Client

from sandbox.commerce import baskets
from sandbox.models import Basket, Consumer, Country, LockerTrack, Purchase, Sale, Voucher
from tests.sandbox.factories import assert_shape_recorded, error_of, payload
from tests.sandbox.shopper import add_card, call, make_shop, make_shopper

pytestmark = [pytest.mark.django_db, pytest.mark.urls("sandbox.urls")]


@pytest.fixture
def shop():
    return make_shop()


@pytest.fixture
def shopper(shop):
    shopper = make_shopper()
    add_card(shopper.user)
    return shopper


def buy(client, shopper, release, path: str = "user/purchase/item", **params):
    return call(client, "GET", path, shopper, releaseId=release.pk, **params)


def filled_basket(consumer: Consumer, *releases, voucher: Voucher | None = None) -> Basket:
    basket = baskets.basket_create(consumer=consumer, country=Country.objects.get(code="GB"))
    for release in releases:
        baskets.basket_add_item(basket=basket, release=release)
    if voucher is not None:
        baskets.basket_apply_voucher(basket=basket, code=voucher.code)
    return basket


def test_item_purchase_answers_the_recorded_shape(client, shopper, shop):
    """`purchase @id` -> `purchaseDate`, `lockerReleases` as user/purchase/basket is recorded."""
    purchase = payload(buy(client, shopper, shop.album))
    recorded = "user/purchase/basket/*.xml"
    assert_shape_recorded(purchase, recorded, "/response/purchase")
    assert_shape_recorded(purchase.find("lockerReleases"), recorded, "//lockerReleases")
    assert_shape_recorded(purchase.find(".//downloadUrl"), recorded, "//downloadUrl")
    assert purchase.get("id") == str(Purchase.objects.get().pk)
    assert purchase.findtext("lockerReleases/totalItems") == "1"


def test_item_purchase_charges_the_default_card(client, shopper, shop):
    """A track is bought at its price with the user's default card."""
    track = shop.single.tracks.get()
    payload(buy(client, shopper, shop.single, trackId=track.pk))
    purchase = Purchase.objects.get()
    assert (purchase.method, purchase.total, purchase.currency_code) == (
        "card",
        Decimal("0.99"),
        "GBP",
    )
    assert purchase.card == shopper.user.cards.get(is_default=True)
    assert list(LockerTrack.objects.values_list("track_id", flat=True)) == [track.pk]


def test_a_release_gives_all_its_tracks_as_a_complete_album(client, shopper, shop):
    """Buying a release puts every track in the locker with completeAlbumPurchase true."""
    purchase = payload(buy(client, shopper, shop.album))
    tracks = purchase.findall(".//lockerTrack")
    assert len(tracks) == 3
    assert {t.findtext("completeAlbumPurchase") for t in tracks} == {"true"}
    assert {t.findtext("remainingDownloads") for t in tracks} == {"3"}


def test_a_wrong_expected_price_is_a_3004(client, shopper, shop):
    """`price` that is not the item's price is refused and nothing is charged."""
    status, code, _ = error_of(buy(client, shopper, shop.album, price="6.99"))
    assert (status, code) == (400, 3004)
    assert not Purchase.objects.exists()
    assert payload(buy(client, shopper, shop.album, price="7.99")).tag == "purchase"


def test_without_a_card_a_purchase_is_a_3002(client, shop):
    """A user with no card cannot buy (3002)."""
    assert error_of(buy(client, make_shopper(), shop.album))[1] == 3002


@pytest.mark.parametrize(
    ("number", "code"),
    [("4000000000000002", 3102), ("4000000000009995", 3003), ("4000000000000069", 3001)],
)
def test_test_cards_fail_as_documented(client, shop, number, code):
    """The decline, insufficient-funds and expired test cards fail with their codes."""
    shopper = make_shopper()
    add_card(shopper.user, number)
    assert error_of(buy(client, shopper, shop.album))[1] == code
    assert not Purchase.objects.exists()
    assert not LockerTrack.objects.exists()


def test_a_card_past_its_expiry_is_a_3001(client, shopper, shop):
    """A card whose expiry month has passed cannot be charged."""
    shopper.user.cards.update(expiry="202001")
    assert error_of(buy(client, shopper, shop.album))[1] == 3001


def test_a_card_from_another_country_is_a_3005(client, shopper, shop):
    """A card issued in another country than the shop's is refused."""
    shopper.user.cards.update(country_code="FR")
    assert error_of(buy(client, shopper, shop.album))[1] == 3005


def test_an_owned_track_cannot_be_bought_again(client, shopper, shop):
    """Buying a track the user owns in that package is a 2003; nothing is charged."""
    track = shop.single.tracks.get()
    payload(buy(client, shopper, shop.single, trackId=track.pk))
    status, code, message = error_of(buy(client, shopper, shop.single, trackId=track.pk))
    assert (status, code) == (400, 2003)
    assert "already been purchased" in message
    assert Purchase.objects.count() == 1


def test_an_album_over_an_owned_track_moves_it_to_the_album(client, shopper, shop):
    """The album can be bought after one of its tracks; the locker holds each track once."""
    first = shop.album.tracks.first()
    payload(buy(client, shopper, shop.album, trackId=first.pk))
    album = payload(buy(client, shopper, shop.album))
    assert LockerTrack.objects.count() == 3
    assert set(LockerTrack.objects.values_list("purchase_id", flat=True)) == {int(album.get("id"))}


def test_rrp_item_is_charged_at_the_recommended_price(client, shopper, shop):
    """user/purchase/rrpitem charges the RRP (9.99), not the price (7.99)."""
    payload(buy(client, shopper, shop.album, path="user/purchase/rrpitem"))
    assert Purchase.objects.get().total == Decimal("9.99")


def test_priced_item_is_charged_at_the_partners_price(client, shopper, shop):
    """user/purchase/priceditem charges `price`, which it requires."""
    path = "user/purchase/priceditem"
    assert error_of(buy(client, shopper, shop.album, path=path))[1] == 1001
    payload(buy(client, shopper, shop.album, path=path, price="4.50"))
    assert Purchase.objects.get().total == Decimal("4.50")


def test_an_item_not_sold_in_the_territory_is_a_2002(client, shopper, shop):
    """The album is not sold in France."""
    assert error_of(buy(client, shopper, shop.album, country="FR"))[1] == 2002


def test_a_track_of_another_release_is_not_found(client, shopper, shop):
    """trackId must be on releaseId (2001)."""
    other = shop.single.tracks.get()
    assert error_of(buy(client, shopper, shop.album, trackId=other.pk))[1] == 2001


def test_a_package_the_release_is_not_sold_in_is_a_1002(client, shopper, shop):
    """The premium (FLAC) package of a release without one is invalid."""
    assert error_of(buy(client, shopper, shop.single, packageId=9))[1] == 1002


def test_each_item_bought_logs_a_sale(client, shopper, shop):
    """Purchases feed the charts: one Sale per item, in the shop's territory."""
    payload(buy(client, shopper, shop.album))
    sale = Sale.objects.get()
    assert (sale.release, sale.track, sale.country_id) == (shop.album, None, "GB")


def test_basket_purchase_charges_what_the_basket_comes_to(client, shopper, shop):
    """user/purchase/basket buys every item and marks the basket bought."""
    basket = filled_basket(shopper.consumer, shop.album, shop.single)
    purchase = payload(call(client, "GET", "user/purchase/basket", shopper, basketId=basket.pk))
    assert purchase.findtext("lockerReleases/totalItems") == "2"
    assert Purchase.objects.get().total == Decimal("8.98")
    basket.refresh_from_db()
    assert basket.purchase_id == int(purchase.get("id"))


def test_a_bought_basket_is_not_bought_again(client, shopper, shop):
    """A second purchase of the same basket is 7001 and charges nothing."""
    basket = filled_basket(shopper.consumer, shop.album)
    payload(call(client, "GET", "user/purchase/basket", shopper, basketId=basket.pk))
    again = call(client, "GET", "user/purchase/basket", shopper, basketId=basket.pk)
    assert error_of(again)[1:] == (7001, "Basket has already been purchased")
    assert Purchase.objects.count() == 1


def test_an_empty_basket_cannot_be_bought(client, shopper, shop):
    """An empty basket is 7001 "Basket is empty"."""
    basket = filled_basket(shopper.consumer)
    response = call(client, "GET", "user/purchase/basket", shopper, basketId=basket.pk)
    assert error_of(response)[1:] == (7001, "Basket is empty")


def test_a_basket_voucher_discounts_and_is_used_once(client, shopper, shop):
    """The voucher's discount is charged off and one use of it is counted."""
    voucher = Voucher.objects.create(code="TENOFF", amount=Decimal("10"))
    basket = filled_basket(shopper.consumer, shop.album, voucher=voucher)
    payload(call(client, "GET", "user/purchase/basket", shopper, basketId=basket.pk))
    assert Purchase.objects.get().total == Decimal("7.19")
    voucher.refresh_from_db()
    assert voucher.uses == 1


def test_a_declined_basket_stays_unbought(client, shop):
    """When the card declines, the basket is not marked bought and can be paid later."""
    shopper = make_shopper()
    add_card(shopper.user, "4000000000000002")
    basket = filled_basket(shopper.consumer, shop.album)
    response = call(client, "GET", "user/purchase/basket", shopper, basketId=basket.pk)
    assert error_of(response)[1] == 3102
    basket.refresh_from_db()
    assert basket.purchase_id is None


def test_unknown_and_malformed_basket_ids(client, shopper, shop):
    """A basket id that names nothing is 2001; one that is not a GUID 1002."""
    path = "user/purchase/basket"
    missing = "5e7f9f4b-1111-4222-8333-944445555666"
    assert error_of(call(client, "GET", path, shopper, basketId=missing))[1] == 2001
    assert error_of(call(client, "GET", path, shopper, basketId="nope"))[1] == 1002


def test_purchase_in_json(client, shopper, shop):
    """JSON: `purchase` with `id`, `purchaseDate` and the locker releases."""
    response = buy(client, shopper, shop.single, as_json=True)
    body = json.loads(response.content)["purchase"]
    assert body["id"] == str(Purchase.objects.get().pk)
    assert body["lockerReleases"]["lockerRelease"]["release"]["title"] == "Barbie Girl"


def test_a_purchase_that_costs_nothing_needs_no_card(client, shop):
    """A priced item at 0.00 is bought without any card."""
    shopper = make_shopper()
    response = buy(client, shopper, shop.single, path="user/purchase/priceditem", price="0")
    assert payload(response).tag == "purchase"
    assert Purchase.objects.get().card is None


def test_purchase_admin_lists_the_locker_tracks(admin_client, shopper, shop):
    """The purchase's change page shows what it put in the locker, inline."""
    payload(buy(Client(), shopper, shop.album))
    purchase = Purchase.objects.get()
    page = admin_client.get(f"/admin/sandbox/purchase/{purchase.pk}/change/")
    assert page.status_code == 200
    assert page.content.count(b"remaining_downloads") >= 3
    for name in ("card", "cardregistration", "purchase", "subscription"):
        assert admin_client.get(f"/admin/sandbox/{name}/").status_code == 200
