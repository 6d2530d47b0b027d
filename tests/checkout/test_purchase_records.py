"""The purchase record is written before payment and guards against paying twice."""

import re
from dataclasses import replace
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from checkout.models import ORDER_NUMBER_ALPHABET, Purchase, new_order_number
from checkout.selectors import purchases_for
from checkout.services import Order, purchase_claim, purchase_execute
from sevendigital import CardError, InternalError, TransportError
from sevendigital import Purchase as Upstream

pytestmark = pytest.mark.django_db

ORDER_NUMBER = re.compile(rf"[{ORDER_NUMBER_ALPHABET}]{{4}}(-[{ORDER_NUMBER_ALPHABET}]{{4}}){{3}}")

ORDER = Order(
    kind="basket",
    method="card",
    subject="basket:abc",
    country="GB",
    total=Decimal("7.99"),
    currency="GBP",
    items=[{"release_id": 1, "track_id": None, "package_id": 2, "name": "A", "artist": "B"}],
    basket_id="abc",
)


@pytest.fixture
def user(django_user_model):
    return django_user_model.objects.create_user(username="u", email="u@example.com")


def test_claim_writes_a_pending_record_first(user):
    purchase, created = purchase_claim(user=user, order=ORDER, submit_token="t1")
    assert created and purchase.status == Purchase.Status.PENDING
    assert ORDER_NUMBER.fullmatch(purchase.key) and purchase.total == Decimal("7.99")


def test_order_numbers_are_random_and_unambiguous():
    """No two alike in ten thousand, none with a character that reads as another."""
    numbers = {new_order_number() for _ in range(10_000)}
    assert len(numbers) == 10_000
    assert all(ORDER_NUMBER.fullmatch(number) for number in numbers)
    assert not set("01ILOU") & set("".join(numbers))


def test_two_shoppers_claim_the_same_subject_each_for_themselves(user, django_user_model):
    """The same item (or basket id) bought by two shoppers: two records, two numbers."""
    other = django_user_model.objects.create_user(username="o", email="o@example.com")
    mine, mine_created = purchase_claim(user=user, order=ORDER, submit_token="t1")
    theirs, theirs_created = purchase_claim(user=other, order=ORDER, submit_token="t1")
    assert mine_created and theirs_created and mine.key != theirs.key
    assert theirs.user == other and mine.user == user


def test_the_voucher_and_the_price_before_it_are_kept(user):
    order = replace(ORDER, subtotal=Decimal("9.99"), voucher_code="SAVE2")
    purchase, _ = purchase_claim(user=user, order=order, submit_token="t1")
    purchase.refresh_from_db()
    assert purchase.voucher_code == "SAVE2" and purchase.discount_money.amount == Decimal("2.00")


def test_a_second_claim_gets_the_first_record(user):
    """Another form (other tab) for the same basket: the existing record, not a new one."""
    first, _ = purchase_claim(user=user, order=ORDER, submit_token="t1")
    second, created = purchase_claim(user=user, order=ORDER, submit_token="t2")
    assert not created and second.pk == first.pk


def test_a_failed_attempt_makes_room_for_the_next(user):
    first, _ = purchase_claim(user=user, order=ORDER, submit_token="t1")
    purchase_execute(purchase=first, call=_raises(CardError("declined", code=3102)))
    assert first.status == Purchase.Status.FAILED
    again, created = purchase_claim(user=user, order=ORDER, submit_token="t2")
    assert created and again.attempt == 2 and ORDER_NUMBER.fullmatch(again.key)
    assert again.key != first.key


def test_the_same_form_after_a_failure_shows_the_failure(user):
    """Resubmitting the failed form does not try again: only a new form does."""
    first, _ = purchase_claim(user=user, order=ORDER, submit_token="t1")
    purchase_execute(purchase=first, call=_raises(CardError("declined", code=3102)))
    same, created = purchase_claim(user=user, order=ORDER, submit_token="t1")
    assert not created and same.pk == first.pk


def test_the_database_allows_one_active_purchase_per_subject(user):
    purchase_claim(user=user, order=ORDER, submit_token="t1")
    with pytest.raises(IntegrityError), transaction.atomic():
        Purchase.objects.create(
            key="other", user=user, kind="basket", method="card", subject="basket:abc"
        )


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (TransportError("read timeout", outcome_unknown=True), Purchase.Status.UNKNOWN),
        (TransportError("refused", outcome_unknown=False), Purchase.Status.FAILED),
        (InternalError("boom", code=9001), Purchase.Status.UNKNOWN),
        (CardError("expired", code=3001), Purchase.Status.FAILED),
    ],
)
def test_outcomes_by_error(user, error, status):
    """Only an answer that says no is a failure; silence or a 9xxx may hide a payment."""
    purchase, _ = purchase_claim(user=user, order=ORDER, submit_token="t1")
    assert purchase_execute(purchase=purchase, call=_raises(error)).status == status


def test_success_keeps_7digital_purchase_id(user):
    purchase, _ = purchase_claim(user=user, order=ORDER, submit_token="t1")
    done = purchase_execute(purchase=purchase, call=lambda: Upstream(id="4242"))
    assert done.status == Purchase.Status.SUCCEEDED and done.sevendigital_purchase_id == "4242"
    assert list(purchases_for(user=user)) == [done]


def _raises(error):
    def call():
        raise error

    return call
