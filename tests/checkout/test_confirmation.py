"""The order confirmation e-mail: one per settled purchase, whatever path settled it,
however often the task runs."""

import smtplib
import threading
from decimal import Decimal

import pytest
from celery.exceptions import Retry
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from checkout import tasks
from checkout.models import Purchase
from checkout.services import purchase_mark_succeeded, purchase_reconcile
from checkout.services.confirmation import OVERDUE_AFTER, confirmation_send
from tests.checkout.conftest import new_shopper
from tests.checkout.support import approve_on_paypal
from tests.checkout.test_buy_now import buy
from tests.checkout.test_card_checkout import fill_basket, pay_form
from tests.checkout.test_paypal_checkout import confirm_form, local, start
from tests.checkout.test_reconcile import pay_and_lose_the_answer
from tests.skips import needs_postgres

pytestmark = [pytest.mark.django_db, pytest.mark.live_sandbox]


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` runs what was queued on commit at its end, as a real commit
    would (the test's own transaction never commits)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def settled(user, items, **fields) -> Purchase:
    """A succeeded purchase of the two releases, as the claim and the call record it."""
    lines = [
        {
            "release_id": item.release.id,
            "track_id": None,
            "package_id": 2,
            "name": item.release.title,
            "artist": item.release.artist.name,
            "price": str(item.release_price),
        }
        for item in items
    ]
    total = sum(item.release_price for item in items)
    values = {
        "user": user,
        "kind": "basket",
        "method": "card",
        "subject": f"basket:{user.pk}",
        "country": "GB",
        "items": lines,
        "subtotal": total,
        "total": total,
        "currency": "GBP",
        "status": Purchase.Status.SUCCEEDED,
        "sevendigital_purchase_id": "1",
        "completed_at": timezone.now(),
        **fields,
    }
    return Purchase.objects.create(**values)


def the_one_confirmation(user, purchase: Purchase) -> mail.EmailMultiAlternatives:
    assert len(mail.outbox) == 1, [m.subject for m in mail.outbox]
    message = mail.outbox[0]
    assert message.to == [user.email] and purchase.key in message.subject
    assert Purchase.objects.get(pk=purchase.pk).confirmation_sent_at is not None
    return message


def html_of(message) -> str:
    (html, kind), *_ = message.alternatives
    assert kind == "text/html"
    return html


# --- What it says --------------------------------------------------------------------


def test_the_confirmation_lists_what_was_bought(shopper, items, committed):
    """HTML with a plain-text part: each item with its cover and price, the total, how
    it was paid, when, and links to My music and the receipt."""
    purchase = settled(shopper, items)
    with committed():
        purchase_mark_succeeded(purchase=purchase, sevendigital_purchase_id="1")
    message = the_one_confirmation(shopper, purchase)
    html = html_of(message)
    for item in items:
        assert item.release.title in message.body and item.release.title in html
        assert f"£{item.release_price}" in message.body and f"£{item.release_price}" in html
        cover = item.release.image.rsplit("_", 1)[0]  # the same image, thumbnail size
        assert f'<img src="{cover}_100.jpg"' in html
    assert f"Total: £{purchase.total}" in message.body
    assert "Paid with: your saved card" in message.body
    assert f"{purchase.completed_at:%Y}" in message.body
    assert "http://127.0.0.1:8000/accounts/locker/" in message.body
    assert f'href="http://127.0.0.1:8000{purchase.get_absolute_url()}"' in html
    assert "Voucher" not in message.body


def test_a_voucher_shows_the_price_before_it(shopper, items, committed):
    purchase = settled(shopper, items[:1], voucher_code="SPRING", total=Decimal("0.50"))
    with committed():
        purchase_mark_succeeded(purchase=purchase, sevendigital_purchase_id="1")
    message = the_one_confirmation(shopper, purchase)
    discount = items[0].release_price - Decimal("0.50")
    assert f"Subtotal: £{items[0].release_price}" in message.body
    assert f"Voucher SPRING: -£{discount}" in message.body
    assert "Total: £0.50" in message.body
    assert f"\N{MINUS SIGN}£{discount}" in html_of(message)


def test_it_is_written_in_the_shoppers_language(shopper, items, committed, monkeypatch):
    """The language seam: whatever `shopper_language` says is the e-mail's language."""
    monkeypatch.setattr("checkout.services.confirmation.shopper_language", lambda user: "fr")
    with committed():
        purchase_mark_succeeded(purchase=settled(shopper, items), sevendigital_purchase_id="1")
    assert '<html lang="fr">' in html_of(mail.outbox[0])


# --- Every way a purchase settles sends one ------------------------------------------


def test_paying_by_card_sends_one_confirmation(client, card_shopper, items, committed):
    fill_basket(client, card_shopper, items[:1])
    form = pay_form(client)
    with committed():
        client.post(reverse("checkout-card"), form)
    with committed():
        client.post(reverse("checkout-card"), form)  # pressed twice
    purchase = Purchase.objects.get(user=card_shopper)
    assert "Paid with: your saved card" in the_one_confirmation(card_shopper, purchase).body


def test_buy_now_sends_one_confirmation(client, card_shopper, items, committed):
    client.force_login(card_shopper)
    with committed():
        buy(client, items[0])
    with committed():
        buy(client, items[0], token="form-2")  # a second form for the item just bought
    purchase = Purchase.objects.get(user=card_shopper)
    assert items[0].track.title in the_one_confirmation(card_shopper, purchase).body


def test_paypal_sends_one_confirmation(client, shopper, items, committed):
    back = approve_on_paypal(start(client, shopper, items[:1]))
    form = confirm_form(client.get(local(back)).text)
    with committed():
        client.post(reverse("checkout-paypal-return"), form)
    with committed():
        client.post(reverse("checkout-paypal-return"), form)  # confirmed twice
    purchase = Purchase.objects.get(user=shopper)
    assert "Paid with: PayPal" in the_one_confirmation(shopper, purchase).body


def test_reconciling_twice_sends_one_confirmation(client, card_shopper, items, committed):
    """An unknown outcome settled by reconciliation sends it; two reconcilers holding
    the same unknown record (beat and the receipt page) still send one."""
    with committed():
        unknown = pay_and_lose_the_answer(client, card_shopper, items, forward=True)
    assert not mail.outbox  # nothing is confirmed while the outcome is unknown
    other_copy = Purchase.objects.get(pk=unknown.pk)
    with committed():
        assert purchase_reconcile(purchase=unknown).status == Purchase.Status.SUCCEEDED
    with committed():
        assert purchase_reconcile(purchase=other_copy).status == Purchase.Status.SUCCEEDED
    the_one_confirmation(card_shopper, unknown)


def test_a_failed_purchase_sends_nothing(shopper, items):
    purchase = settled(shopper, items, status=Purchase.Status.FAILED)
    assert confirmation_send(purchase_id=purchase.pk) is False
    tasks.send_purchase_confirmation.delay(purchase.pk)
    assert not mail.outbox


# --- Exactly once, whatever happens to the task ---------------------------------------


def test_a_task_delivered_twice_sends_once(shopper, items):
    """A redelivered task (a worker died after sending, before acknowledging)."""
    purchase = settled(shopper, items)
    tasks.send_purchase_confirmation.delay(purchase.pk)
    tasks.send_purchase_confirmation.delay(purchase.pk)
    the_one_confirmation(shopper, purchase)


def test_a_failed_send_is_retried_and_sent_once(shopper, items, monkeypatch):
    """The mail server refuses: the task asks Celery to retry and gives its claim back;
    the retry sends it; a late extra retry sends nothing more."""
    purchase = settled(shopper, items)
    sent = EmailBackend.send_messages
    refusals = []

    def refuse_once(self, messages):
        if not refusals:
            refusals.append(messages)
            raise smtplib.SMTPServerDisconnected("connection lost")
        return sent(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", refuse_once)
    with pytest.raises(Retry):
        tasks.send_purchase_confirmation.delay(purchase.pk)
    assert Purchase.objects.get(pk=purchase.pk).confirmation_sent_at is None
    assert not mail.outbox
    for retry in (1, 2):  # what the worker runs when the retry falls due (and once more)
        tasks.send_purchase_confirmation.apply(args=(purchase.pk,), retries=retry)
    assert len(refusals) == 1
    the_one_confirmation(shopper, purchase)


def test_a_broker_down_at_the_commit_fails_nothing_and_beat_catches_up(
    client, card_shopper, items, committed, monkeypatch
):
    """The payment is taken and the receipt shown though the task could not be queued;
    the quarter-hourly beat sends the confirmation once it is overdue, and only once."""

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.send_purchase_confirmation, "delay", broker_down)
    fill_basket(client, card_shopper, items[:1])
    with committed():
        response = client.post(reverse("checkout-card"), pay_form(client))
    purchase = Purchase.objects.get(user=card_shopper)
    assert response["Location"] == purchase.get_absolute_url()
    assert purchase.status == Purchase.Status.SUCCEEDED and not mail.outbox
    tasks.send_overdue_confirmations.delay()
    assert not mail.outbox  # not overdue yet: its task may still be on the way
    Purchase.objects.filter(pk=purchase.pk).update(completed_at=timezone.now() - OVERDUE_AFTER * 2)
    tasks.send_overdue_confirmations.delay()
    tasks.send_overdue_confirmations.delay()
    the_one_confirmation(card_shopper, purchase)


def worker(start: threading.Barrier, purchase_id: int, sent: list[bool]) -> None:
    """One Celery worker running the task (its own database connection)."""
    try:
        start.wait()
        sent.append(confirmation_send(purchase_id=purchase_id))
    finally:
        connection.close()


@pytest.mark.postgres
@pytest.mark.postgres
@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_one(shop, items, django_user_model):
    """Two workers run the task for one purchase at the same instant, five times over:
    each time exactly one of them sends."""
    shopper = new_shopper(django_user_model, linked=False)
    for _ in range(5):
        mail.outbox.clear()
        purchase = settled(shopper, items, subject=f"basket:{timezone.now().timestamp()}")
        start = threading.Barrier(2, timeout=30)
        sent: list[bool] = []
        threads = [
            threading.Thread(target=worker, args=(start, purchase.pk, sent)) for _ in range(2)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert sorted(sent) == [False, True]
        the_one_confirmation(shopper, purchase)
