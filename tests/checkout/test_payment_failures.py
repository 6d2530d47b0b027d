"""A refused payment stays typed from the purchase record to the view, and the view
sends the shopper to where the refusal can be put right."""

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.test import RequestFactory

from checkout import errors
from checkout.models import Purchase
from checkout.views.pay import _outcome


def failed(code: int | None, kind: str = Purchase.Kind.BASKET) -> Purchase:
    return Purchase(
        key="7KQ2-M9XD-4HTR-P3WZ",
        kind=kind,
        status=Purchase.Status.FAILED,
        error_code=code,
        error_message=f"refused with {code}",
    )


def outcome(purchase: Purchase, **options):
    request = RequestFactory().post("/checkout/card/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    response = _outcome(request, purchase, **options)
    return response["Location"], [str(message) for message in get_messages(request)]


@pytest.mark.parametrize(
    ("code", "failure"),
    [
        (3001, errors.CardNeedsAttention),
        (3002, errors.CardNeedsAttention),
        (3005, errors.CardNeedsAttention),
        (2003, errors.AlreadyOwned),
        (2001, errors.NotForSale),
        (2002, errors.NotForSale),
        (3012, errors.VoucherRefused),
        (3102, errors.PaymentFailed),
        (None, errors.PaymentFailed),
    ],
)
def test_a_failed_purchase_says_why_by_type(code, failure):
    assert type(failed(code).failure) is failure
    assert failed(code).failure.message == f"refused with {code}"


def test_only_a_failed_purchase_has_a_failure():
    purchase = failed(3102)
    purchase.status = Purchase.Status.SUCCEEDED
    assert purchase.failure is None


@pytest.mark.parametrize(
    ("code", "kind", "back", "where"),
    [
        (3001, Purchase.Kind.BASKET, "", "/cards/?next=%2Fcheckout%2F"),
        (2003, Purchase.Kind.ITEM, "/release/1/x/", "/accounts/locker/"),
        (2002, Purchase.Kind.BASKET, "", "/basket/"),
        (3012, Purchase.Kind.BASKET, "", "/basket/"),
        (3102, Purchase.Kind.BASKET, "", "/checkout/"),
        (3102, Purchase.Kind.ITEM, "/release/1/x/", "/release/1/x/"),
    ],
)
def test_each_refusal_leads_where_it_can_be_put_right(code, kind, back, where):
    location, said = outcome(failed(code, kind), back=back)
    assert location == where
    assert said == [f"refused with {code}"]
