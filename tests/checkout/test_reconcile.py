"""Unknown outcomes (an answer lost after sending) are reconciled from the locker,
never sent again."""

import logging

import pytest
import requests
from django.db import DatabaseError
from django.urls import reverse
from django.utils import timezone
from requests.adapters import HTTPAdapter

from checkout import tasks
from checkout.models import Purchase
from checkout.services import basket_ref_for_user, purchase_mark_succeeded, purchase_reconcile
from checkout.services.reconcile import SETTLED_AFTER, STALE_PENDING
from storefront.api import get_client, reset_client
from tests.checkout.support import purchase_ids_in_locker, user_token
from tests.checkout.test_card_checkout import fill_basket, pay_form

pytestmark = [pytest.mark.django_db, pytest.mark.live_sandbox]

PURCHASE_PATH = "/1.2/user/purchase/basket"


class AnswerLost(HTTPAdapter):
    """For one API path: send the request (or not), then lose the answer (ReadTimeout),
    as a network that times out after the request left would. Counts the sends."""

    def __init__(self, path: str, *, forward: bool):
        super().__init__()
        self.path, self.forward, self.sent = path, forward, 0

    def send(self, request, **kwargs):
        if self.path not in request.url:
            return super().send(request, **kwargs)
        self.sent += 1
        if self.forward:
            super().send(request, **kwargs)
        raise requests.ReadTimeout("Read timed out (simulated)")


def lose_answers(*, forward: bool) -> AnswerLost:
    adapter = AnswerLost(PURCHASE_PATH, forward=forward)
    session = requests.Session()
    session.mount("http://", adapter)
    reset_client(session=session)
    return adapter


def pay_and_lose_the_answer(client, user, items, *, forward: bool) -> Purchase:
    fill_basket(client, user, items[:1])
    form = pay_form(client)
    adapter = lose_answers(forward=forward)
    try:
        first = client.post(reverse("checkout-card"), form)
        again = client.post(reverse("checkout-card"), form)  # the shopper presses again
    finally:
        reset_client()  # a healthy network from here on
    purchase = Purchase.objects.get(user=user)
    assert first["Location"] == again["Location"] == purchase.get_absolute_url()
    assert adapter.sent == 1  # the second press sent nothing
    return purchase


def test_a_lost_answer_is_unknown_then_reconciled_as_succeeded(client, card_shopper, items):
    """7digital took the payment but the answer was lost: the record is unknown, the
    basket kept; reconciling finds the purchase in the locker. One charge only."""
    purchase = pay_and_lose_the_answer(client, card_shopper, items, forward=True)
    assert purchase.status == Purchase.Status.UNKNOWN
    assert basket_ref_for_user(user=card_shopper) is not None
    purchase = purchase_reconcile(purchase=purchase)
    assert purchase.status == Purchase.Status.SUCCEEDED
    locker_ids = purchase_ids_in_locker(get_client(), user_token(card_shopper))
    assert locker_ids == {int(purchase.sevendigital_purchase_id)}
    assert basket_ref_for_user(user=card_shopper) is None


def test_viewing_the_receipt_reconciles(client, card_shopper, items):
    purchase = pay_and_lose_the_answer(client, card_shopper, items, forward=True)
    page = client.get(purchase.get_absolute_url()).text
    assert 'data-status="succeeded"' in page
    assert Purchase.objects.get().status == Purchase.Status.SUCCEEDED


def test_a_request_that_never_arrived_fails_once_settled(client, card_shopper, items):
    """Nothing in the locker: unknown while a request could still be in flight, then
    failed (nothing charged), and a new attempt goes through."""
    purchase = pay_and_lose_the_answer(client, card_shopper, items, forward=False)
    assert purchase.status == Purchase.Status.UNKNOWN
    page = client.get(purchase.get_absolute_url()).text
    assert "We are confirming your payment" in page and 'http-equiv="refresh"' in page
    assert purchase_reconcile(purchase=purchase).status == Purchase.Status.UNKNOWN
    Purchase.objects.filter(pk=purchase.pk).update(created=timezone.now() - SETTLED_AFTER * 2)
    purchase = purchase_reconcile(purchase=Purchase.objects.get(pk=purchase.pk))
    assert purchase.status == Purchase.Status.FAILED
    assert "nothing was charged" in purchase.error_message
    client.post(reverse("checkout-card"), pay_form(client))
    assert Purchase.objects.filter(status=Purchase.Status.SUCCEEDED).count() == 1


def test_the_beat_task_reconciles_unknown_and_stale_pending(client, card_shopper, items):
    """The periodic task settles unknown records and pending ones whose process died."""
    purchase = pay_and_lose_the_answer(client, card_shopper, items, forward=True)
    Purchase.objects.filter(pk=purchase.pk).update(
        status=Purchase.Status.PENDING, created=timezone.now() - STALE_PENDING * 2
    )
    tasks.reconcile_unknown_purchases.delay()
    assert Purchase.objects.get(pk=purchase.pk).status == Purchase.Status.SUCCEEDED


def test_a_fresh_pending_purchase_is_left_alone(card_shopper):
    """A pending record younger than STALE_PENDING is still in flight: not touched."""
    purchase = Purchase.objects.create(
        key="basket-x-1", user=card_shopper, kind="basket", method="card", subject="basket:x"
    )
    assert purchase_reconcile(purchase=purchase).status == Purchase.Status.PENDING


def test_a_payment_that_cannot_be_recorded_is_logged_loudly(card_shopper, monkeypatch, caplog):
    purchase = Purchase.objects.create(
        key="basket-y-1", user=card_shopper, kind="basket", method="card", subject="basket:y"
    )

    def broken_save(*args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(Purchase, "save", broken_save)
    with pytest.raises(DatabaseError):
        purchase_mark_succeeded(purchase=purchase, sevendigital_purchase_id="777")
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert errors and "PAYMENT TAKEN BUT NOT RECORDED" in errors[0].getMessage()
    assert "777" in errors[0].getMessage() and "basket-y-1" in errors[0].getMessage()
