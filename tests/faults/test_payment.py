"""Paying with the saved card while the purchase call fails: exactly one purchase.

The purchase request is sent once (the proxy sees one, however often the shopper
presses Pay) and never retried. When 7digital acted on it but the answer was lost
(latency past the timeout, reset, unreadable body) the record is "unknown" and is
reconciled from 7digital's locker to the one purchase made. When it never got there
(503 page, hang) it stays unknown until no request can still be in flight, then is
settled as failed with nothing bought. A 429 says it was not done: failed at once.
"""

import time
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from checkout.errors import SERVICE_DOWN
from checkout.models import Purchase
from checkout.services.reconcile import NOT_BOUGHT, SETTLED_AFTER
from tests.faults.support import (
    assert_no_crash,
    direct_client,
    hidden_fields,
    purchase_ids,
    shop_customer,
    tracks_for_sale,
)

pytestmark = [pytest.mark.faults, pytest.mark.live_sandbox, pytest.mark.django_db]

ACTED_ON = ("latency", "reset", "malformed")
NEVER_ARRIVED = ("503", "hang")
PURCHASE = "/1.2/user/purchase"
CONFIRMING = b"We are confirming your payment"
THANKS = "Thank you: it\u2019s yours".encode()


@pytest.fixture(scope="module")
def stock(sandbox_server):
    """Tracks to buy, a different one for each test: the module's tests share one
    customer, and an earlier test's purchase must not answer a later test's question."""
    return iter(tracks_for_sale(direct_client(sandbox_server), 10))


@pytest.fixture
def pay_form(store, client, account, stock):
    """A signed-in customer's checkout page for a one-track basket: its Pay form."""
    client.force_login(shop_customer(account))
    return checkout_form(client, next(stock))


def checkout_form(client, item) -> dict[str, str]:
    fields = {"release_id": item.release_id, "track_id": item.track_id, "package_id": 2}
    added = client.post("/basket/add/", fields, HTTP_HX_REQUEST="true")
    assert b"Added" in added.content
    page = client.get("/checkout/")
    assert page.status_code == 200
    return hidden_fields(page.content.decode(), "/checkout/card/")


def pay_twice(store, client, form, mode):
    """Press Pay, and again (a double click, or back-and-resubmit) while it fails."""
    sent = store.hits(PURCHASE)
    store.inject(mode, prefix=PURCHASE)
    first = client.post("/checkout/card/", form)
    second = client.post("/checkout/card/", form)
    store.heal()
    assert_no_crash(first)
    assert_no_crash(second)
    assert store.hits(PURCHASE) == sent + 1
    return first


def receipt_once_settled(client, url: str, seconds: float = 15):
    """The receipt page, looked at again (as it refreshes itself) until it is settled:
    the sandbox may still be finishing the purchase the store stopped waiting for."""
    deadline = time.monotonic() + seconds
    while True:
        receipt = client.get(url)  # each view reconciles an unknown outcome first
        if CONFIRMING not in receipt.content or time.monotonic() > deadline:
            return receipt
        time.sleep(0.5)


@pytest.mark.parametrize("mode", ACTED_ON)
def test_purchase_acted_on_is_reconciled_to_exactly_one(
    mode, pay_form, store, client, account, direct
):
    before = purchase_ids(direct, account.token)
    answer = pay_twice(store, client, pay_form, mode)
    purchase = Purchase.objects.get()
    assert purchase.status == Purchase.Status.UNKNOWN
    assert answer["Location"] == purchase.get_absolute_url()
    receipt = receipt_once_settled(client, answer["Location"])
    assert THANKS in receipt.content
    made = purchase_ids(direct, account.token) - before
    assert len(made) == 1
    purchase.refresh_from_db()
    assert purchase.status == Purchase.Status.SUCCEEDED
    assert purchase.sevendigital_purchase_id == str(made.pop())


@pytest.mark.parametrize("mode", NEVER_ARRIVED)
def test_purchase_that_never_arrived_is_settled_as_not_bought(
    mode, pay_form, store, client, account, direct
):
    before = purchase_ids(direct, account.token)
    answer = pay_twice(store, client, pay_form, mode)
    receipt = client.get(answer["Location"])
    assert CONFIRMING in receipt.content  # nothing in the locker yet: still looking
    purchase = Purchase.objects.get()
    assert purchase.status == Purchase.Status.UNKNOWN
    # Later, when no request can still be in flight:
    past = timezone.now() - SETTLED_AFTER - timedelta(minutes=1)
    Purchase.objects.filter(pk=purchase.pk).update(created=past)
    receipt = client.get(answer["Location"])
    assert NOT_BOUGHT.encode() in receipt.content
    purchase.refresh_from_db()
    assert purchase.status == Purchase.Status.FAILED
    assert purchase_ids(direct, account.token) == before


def test_rate_limited_purchase_fails_at_once_with_nothing_bought(
    pay_form, store, client, account, direct
):
    """A 429 is a refusal: back to checkout with the message, nothing bought."""
    before = purchase_ids(direct, account.token)
    answer = pay_twice(store, client, pay_form, "429")
    assert answer["Location"] == "/checkout/"
    assert SERVICE_DOWN in [str(message) for message in get_messages(answer.wsgi_request)]
    assert Purchase.objects.get().status == Purchase.Status.FAILED
    assert purchase_ids(direct, account.token) == before


def test_an_earlier_purchase_of_the_same_track_does_not_settle_an_unknown_one(
    store, client, account, stock
):
    """Bought once; bought again but the request never arrived: the second attempt is
    not settled by the first purchase (it stays unknown until it is known)."""
    client.force_login(shop_customer(account))
    item = next(stock)
    client.post("/checkout/card/", checkout_form(client, item))
    first = Purchase.objects.get()
    assert first.status == Purchase.Status.SUCCEEDED
    answer = pay_twice(store, client, checkout_form(client, item), "hang")
    client.get(answer["Location"])  # the receipt reconciles
    second = Purchase.objects.exclude(pk=first.pk).get()
    assert second.status == Purchase.Status.UNKNOWN
