"""user/unlimitedStreaming: the partner's subscription updates and the user's level."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from sandbox.models import SandboxUser, Subscription
from tests.sandbox.factories import error_of, make_country, payload
from tests.sandbox.oauth_support import signed
from tests.sandbox.shopper import call, make_shopper

pytestmark = [pytest.mark.django_db, pytest.mark.urls("sandbox.urls")]

PATH = "/1.2/user/unlimitedStreaming"


@pytest.fixture
def shopper():
    make_country("GB")
    shopper = make_shopper()
    shopper.user.partner_user_id = "partner-7"
    shopper.user.created_by = shopper.consumer
    shopper.user.save()
    return shopper


def update(client, shopper, **params):
    """The partner's 2-legged POST about its user partner-7."""
    body = {"userId": "partner-7", **params}
    return signed(client, "POST", PATH, shopper.consumer, params=body)


def iso(moment) -> str:
    return moment.replace(microsecond=0).isoformat()


def test_no_subscription_streams_at_level_none(client, shopper):
    """A user the partner never subscribed: `streaming` with level "none", no expiry."""
    streaming = payload(call(client, "GET", "user/unlimitedStreaming", shopper))
    assert streaming.tag == "streaming"
    assert streaming.findtext("level") == "none"
    assert streaming.findtext("expiryDate") in ("", None)


def test_partner_subscribes_its_user(client, shopper):
    """POST with the plan and period answers the level; GET (3-legged) agrees."""
    start = timezone.now()
    expiry = start + timedelta(days=30)
    answer = payload(
        update(
            client,
            shopper,
            planCode="premium",
            status="active",
            currency="GBP",
            recurringFee="9.99",
            country="GB",
            activatedAt=iso(start),
            currentPeriodStartDate=iso(start),
            expiryDate=iso(expiry),
        )
    )
    assert answer.findtext("level") == "premium"
    assert answer.findtext("expiryDate") == iso(expiry).replace("+00:00", "Z")
    streaming = payload(call(client, "GET", "user/unlimitedStreaming", shopper))
    assert streaming.findtext("level") == "premium"
    assert Subscription.objects.get().recurring_fee == Decimal("9.99")


def test_a_period_longer_than_a_month_is_refused(client, shopper):
    """A subscription lasts at most a month (1002)."""
    start = timezone.now()
    response = update(
        client,
        shopper,
        status="active",
        currentPeriodStartDate=iso(start),
        expiryDate=iso(start + timedelta(days=40)),
    )
    assert error_of(response)[1] == 1002


def test_cancelled_streams_until_expiry_and_expired_does_not(client, shopper):
    """A cancelled subscription keeps its level until it expires; an expired one is none."""
    payload(update(client, shopper, status="active", planCode="premium"))
    assert payload(update(client, shopper, status="cancelled")).findtext("level") == "premium"
    assert payload(update(client, shopper, status="expired")).findtext("level") == "none"


def test_a_past_expiry_streams_at_level_none(client, shopper):
    """An active subscription past its expiry date no longer streams."""
    payload(update(client, shopper, status="active", planCode="premium"))
    Subscription.objects.update(expiry_date=timezone.now() - timedelta(minutes=1))
    streaming = payload(call(client, "GET", "user/unlimitedStreaming", shopper))
    assert streaming.findtext("level") == "none"


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({}, 1001),  # status is required
        ({"status": "paused"}, 1002),
        ({"status": "active", "expiryDate": "next week"}, 1002),
        ({"status": "active", "currency": "POUNDS"}, 1002),
        ({"status": "active", "userId": "nobody"}, 2001),
    ],
)
def test_bad_updates_are_refused(client, shopper, params, code):
    """Missing or invalid fields, and users the partner does not manage, are errors."""
    assert error_of(update(client, shopper, **params))[1] == code


def test_the_update_names_a_user(client, shopper):
    """A 2-legged update without userId is a 1001."""
    response = signed(client, "POST", PATH, shopper.consumer, params={"status": "active"})
    assert error_of(response)[1] == 1001


def test_another_partners_user_cannot_be_updated(client, shopper):
    """userId names a user of the signing partner only."""
    other = make_shopper("other@example.com")
    SandboxUser.objects.filter(pk=other.user.pk).update(
        partner_user_id="theirs", created_by=other.consumer
    )
    response = update(client, shopper, userId="theirs", status="active")
    assert error_of(response)[1] == 2001


def test_dates_far_out_of_range_are_refused(client, shopper):
    """A period start in the year 9999 (whose month would overflow) is a 1002."""
    response = update(client, shopper, status="active", currentPeriodStartDate="9999-12-31")
    assert error_of(response)[1] == 1002
