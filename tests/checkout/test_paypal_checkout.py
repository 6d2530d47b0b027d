"""Paying with PayPal: the store, the sandbox's approval page, confirm, receipt."""

import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from checkout.models import Purchase
from checkout.services import basket_ref_for_user
from storefront.api import get_client
from tests.checkout.support import approve_on_paypal, purchase_ids_in_locker, user_token

pytestmark = [pytest.mark.django_db, pytest.mark.live_sandbox]


def start(client, user, items) -> str:
    """Fill the basket, press "Pay with PayPal"; the approval page's URL."""
    client.force_login(user)
    for item in items:
        client.post(reverse("basket-add"), {"release_id": item.release.id})
    basket_id = basket_ref_for_user(user=user).basket_id
    response = client.post(reverse("checkout-paypal"), {"basket_id": basket_id})
    assert response.status_code == 302
    return response["Location"]


def local(url: str) -> str:
    """The path and query of a URL the sandbox sent the browser back to."""
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def confirm_form(page: str) -> dict:
    names = "basket_id|paypal_token|payer_id|submit_token"
    return dict(re.findall(rf'name="({names})" value="([^"]*)"', page))


def test_paypal_approval_then_confirm_buys_the_basket(client, shopper, items, shop):
    """Approve on the sandbox's page, come back, "Confirm and pay": one purchase."""
    approval = start(client, shopper, items[:1])
    assert approval.startswith(f"{shop.url}/paypal/approve?token=EC-")
    back = approve_on_paypal(approval)
    page = client.get(local(back))
    assert page.status_code == 200
    assert "Confirm and pay" in page.text
    assert not Purchase.objects.exists()  # approving alone pays nothing
    form = confirm_form(page.text)
    response = client.post(reverse("checkout-paypal-return"), form, follow=True)
    purchase = Purchase.objects.get(user=shopper)
    assert purchase.status == Purchase.Status.SUCCEEDED
    assert purchase.method == Purchase.Method.PAYPAL
    assert 'data-status="succeeded"' in response.text
    ids = purchase_ids_in_locker(get_client(), user_token(shopper))
    assert ids == {int(purchase.sevendigital_purchase_id)}


def test_confirming_twice_pays_once(client, shopper, items):
    """The confirm form sent again (refresh, double click) shows the same receipt."""
    back = approve_on_paypal(start(client, shopper, items[:1]))
    form = confirm_form(client.get(local(back)).text)
    first = client.post(reverse("checkout-paypal-return"), form)
    second = client.post(reverse("checkout-paypal-return"), form)
    assert first["Location"] == second["Location"]
    assert Purchase.objects.count() == 1
    # Coming back to the approval return URL after paying shows the receipt too.
    assert client.get(local(back))["Location"] == first["Location"]


def test_cancelling_on_paypal_charges_nothing(client, shopper, items):
    back = approve_on_paypal(start(client, shopper, items[:1]), decision="cancel")
    response = client.get(local(back), follow=True)
    assert "You cancelled the PayPal payment" in response.text
    assert not Purchase.objects.exists()
    assert basket_ref_for_user(user=shopper).item_count == 1


def test_a_basket_changed_after_approval_is_refused(client, shopper, items):
    """7digital refuses (3003) to take a payment for more than was approved: a clear
    message, a failed record, the basket kept."""
    back = approve_on_paypal(start(client, shopper, items[:1]))
    form = confirm_form(client.get(local(back)).text)
    client.post(reverse("basket-add"), {"release_id": items[1].release.id})
    response = client.post(reverse("checkout-paypal-return"), form, follow=True)
    assert "The payment failed" in response.text
    assert Purchase.objects.get().status == Purchase.Status.FAILED
    assert basket_ref_for_user(user=shopper).item_count == 2
