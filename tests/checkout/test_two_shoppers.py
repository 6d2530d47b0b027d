"""Two shoppers buy the same item by every path, each for themselves: buy now, the
basket by card, the basket with PayPal. Neither's record, form token or receipt is
the other's."""

import pytest
from django.test import Client
from django.urls import reverse

from checkout.models import Purchase
from storefront.api import get_client
from tests.checkout.conftest import new_shopper
from tests.checkout.support import approve_on_paypal, register_card, user_token
from tests.checkout.test_buy_now import buy
from tests.checkout.test_card_checkout import fill_basket, pay_form
from tests.checkout.test_paypal_checkout import confirm_form, local, start

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
