"""Two shoppers everywhere: they buy the same item by every path (buy now, the basket
by card, the basket with PayPal), each for themselves, and neither's record, form
token, receipt, basket, basket copy or header count is the other's."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from checkout.models import Purchase
from checkout.services import basket_ref_for_user
from checkout.services.baskets import SESSION_KEY
from storefront.api import get_client
from tests.checkout.conftest import new_shopper
from tests.checkout.support import approve_on_paypal, register_card, user_token
from tests.checkout.test_buy_now import buy
from tests.checkout.test_card_checkout import fill_basket, pay_form
from tests.checkout.test_paypal_checkout import confirm_form, local, start
from tests.checkout.test_sign_in import add, sign_in

pytestmark = [pytest.mark.django_db, pytest.mark.live_sandbox]


@pytest.fixture
def two(shop, django_user_model):
    """Two signed-in shoppers with a good card each, in their own browsers."""
    pairs = []
    for _ in range(2):
        user = new_shopper(django_user_model)
        register_card(user)
        browser = Client()
        browser.force_login(user)
        pairs.append((user, browser))
    return pairs


def owned_track_ids(user) -> set[int]:
    locker = get_client().get_user_locker(token=user_token(user))
    return {owned.track.id for release in locker for owned in release.tracks}


def assert_each_bought_their_own(two, status=Purchase.Status.SUCCEEDED) -> list[Purchase]:
    purchases = [Purchase.objects.get(user=user) for user, _ in two]
    assert [p.status for p in purchases] == [status, status]
    assert purchases[0].key != purchases[1].key
    assert purchases[0].sevendigital_purchase_id != purchases[1].sevendigital_purchase_id
    for (_, browser), mine, theirs in zip(two, purchases, reversed(purchases), strict=True):
        assert browser.get(mine.get_absolute_url()).status_code == 200
        assert browser.get(theirs.get_absolute_url()).status_code == 404
    return purchases


def test_two_shoppers_buy_now_the_same_track(two, items):
    """The second shopper ever to press "Buy now" on a track gets it too, even with a
    form token equal to the first shopper's."""
    for _, browser in two:
        response = buy(browser, items[0], token="same-token")
        assert response.status_code == 302 and "/receipt/" in response["Location"]
    assert_each_bought_their_own(two)
    for user, _ in two:
        assert owned_track_ids(user) == {items[0].track.id}


def test_two_shoppers_pay_for_the_same_release_by_card(two, items):
    for user, browser in two:
        fill_basket(browser, user, items[:1])
        response = browser.post(reverse("checkout-card"), pay_form(browser))
        assert response.status_code == 302 and "/receipt/" in response["Location"]
    assert_each_bought_their_own(two)


def test_two_shoppers_pay_for_the_same_release_with_paypal(two, items):
    for user, browser in two:
        back = approve_on_paypal(start(browser, user, items[:1]))
        form = confirm_form(browser.get(local(back)).text)
        response = browser.post(reverse("checkout-paypal-return"), form)
        assert response.status_code == 302 and "/receipt/" in response["Location"]
    purchases = assert_each_bought_their_own(two)
    assert {p.method for p in purchases} == {Purchase.Method.PAYPAL}


def badge(page: str) -> str:
    return re.search(r'<span class="badge" aria-label="([^"]+)"', page).group(1)


def test_two_shoppers_each_keep_their_own_basket(two, items):
    """Baskets, the copy of each kept for the pay step and the header's count (a shared
    fragment keyed by the count) are each shopper's own, pages read turn about."""
    (first, first_browser), (second, second_browser) = two
    add(first_browser, items[0].release.id)
    add(second_browser, items[0].release.id)
    add(second_browser, items[1].release.id)
    for _ in range(2):  # the second round reads what the first one left in the caches
        mine = first_browser.get(reverse("checkout")).text
        theirs = second_browser.get(reverse("checkout")).text
        assert items[0].release.title in mine and items[1].release.title not in mine
        assert items[0].release.title in theirs and items[1].release.title in theirs
        assert (badge(mine), badge(theirs)) == ("1 item", "2 items")
    first_browser.post(reverse("checkout-card"), pay_form(first_browser))
    assert [line["release_id"] for line in Purchase.objects.get(user=first).items] == [
        items[0].release.id
    ]
    assert basket_ref_for_user(user=second).item_count == 2


def test_a_browser_signed_out_keeps_no_basket_for_the_next_shopper(shop, items, django_user_model):
    """A basket filled before signing in becomes that account's; once they sign out,
    the next shopper to sign in on the same browser starts without it."""
    first, second = new_shopper(django_user_model), new_shopper(django_user_model)
    browser = Client()
    add(browser, items[0].release.id)
    sign_in(browser, first)
    assert basket_ref_for_user(user=first).item_count == 1
    browser.post(reverse("account_logout"))
    assert SESSION_KEY not in browser.session
    sign_in(browser, second)
    assert basket_ref_for_user(user=second) is None
    assert badge(browser.get(reverse("basket")).text) == "0 items"
    assert basket_ref_for_user(user=first).item_count == 1
