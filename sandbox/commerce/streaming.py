"""Unlimited streaming subscriptions, which partners manage for their users.

A partner sells the subscription and tells 7digital about it (`POST
user/unlimitedStreaming`, 2-legged, naming its user); a subscription period lasts at
most a month (WIRE-NOTES §4.3.9), so partners renew it. A user streams at the plan's
level while the subscription is active or cancelled-but-paid-up and not past its
expiry; otherwise the level is "none" (the GET shape is inferred, WIRE-NOTES §9).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from sandbox.models import SandboxUser, Subscription
from sandbox.wire import invalid

NO_STREAMING = "none"
STATUSES = ("active", "cancelled", "expired")
STREAMING_STATUSES = ("active", "cancelled")  # cancelled: paid up until its expiry
MAX_PERIOD = timedelta(days=31)
DEFAULT_PERIOD = timedelta(days=30)


@dataclass(frozen=True)
class SubscriptionChange:
    """The fields of a partner's update, already parsed; None leaves a field as it is."""

    status: str
    plan_code: str | None = None
    currency_code: str | None = None
    recurring_fee: Decimal | None = None
    country_code: str | None = None
    activated_at: datetime | None = None
    current_period_start: datetime | None = None
    expiry_date: datetime | None = None


@dataclass(frozen=True)
class StreamingLevel:
    level: str
    expiry_date: datetime | None


def streaming_level(user: SandboxUser, *, now: datetime | None = None) -> StreamingLevel:
    """The level the user may stream at now, and when that ends."""
    subscription = Subscription.objects.filter(user=user).first()
    if subscription is None:
        return StreamingLevel(NO_STREAMING, None)
    now = now or timezone.now()
    running = subscription.expiry_date is None or subscription.expiry_date > now
    if subscription.status in STREAMING_STATUSES and running:
        return StreamingLevel(subscription.plan_code, subscription.expiry_date)
    return StreamingLevel(NO_STREAMING, subscription.expiry_date)


def subscription_update(
    *, user: SandboxUser, change: SubscriptionChange, now: datetime | None = None
) -> Subscription:
    """Create or update the user's subscription; 1002 for a status or period that is not."""
    if change.status not in STATUSES:
        raise invalid("status", f"'{change.status}' is not one of {', '.join(STATUSES)}")
    now = now or timezone.now()
    with transaction.atomic():
        subscription, _ = Subscription.objects.select_for_update().get_or_create(user=user)
        _apply(subscription, change, now)
        subscription.save()
    return subscription


def _apply(subscription: Subscription, change: SubscriptionChange, now: datetime) -> None:
    subscription.status = change.status
    for field in ("plan_code", "currency_code", "recurring_fee", "country_code"):
        value = getattr(change, field)
        if value is not None:
            setattr(subscription, field, value)
    subscription.activated_at = change.activated_at or subscription.activated_at or now
    period_start = change.current_period_start or subscription.current_period_start or now
    subscription.current_period_start = period_start
    expiry = change.expiry_date or subscription.expiry_date
    if change.expiry_date is None and (expiry is None or expiry <= period_start):
        expiry = period_start + DEFAULT_PERIOD  # a new period with no end given
    if expiry - period_start > MAX_PERIOD:
        raise invalid("expiryDate", "a subscription period lasts at most a month")
    if expiry <= period_start:
        raise invalid("expiryDate", "it is not after currentPeriodStartDate")
    subscription.expiry_date = expiry
