"""user/unlimitedStreaming: a user's streaming level (GET, 3-legged) and the partner's
update of the subscription (POST, 2-legged, naming the user with `userId`).

Both answer `streaming` -> `level` (the plan, e.g. "premium", or "none"), `expiryDate`
(empty when there is none), WIRE-NOTES §4.3.9.
"""

from datetime import UTC, datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.dateparse import parse_datetime

from sandbox.commerce import streaming
from sandbox.models import SandboxUser, Subscription
from sandbox.wire import (
    THREE_LEGGED,
    TWO_LEGGED,
    ApiRequest,
    Params,
    el,
    invalid,
    missing,
    not_found,
    operation,
    sub,
)
from sandbox.wire.xml import Element

MAX_FEE = Decimal("999999.99")  # what the fee column holds


def streaming_element(level: streaming.StreamingLevel) -> Element:
    node = el("streaming")
    sub(node, "level", level.level)
    expiry = level.expiry_date
    sub(node, "expiryDate", expiry.replace(microsecond=0) if expiry else "")
    return node


@operation("user/unlimitedStreaming", auth=THREE_LEGGED)
def streaming_get(api: ApiRequest) -> Element:
    return streaming_element(streaming.streaming_level(api.user))


@operation("user/unlimitedStreaming", auth=TWO_LEGGED, methods=("POST",))
def streaming_update(api: ApiRequest) -> Element:
    user = api.user or _partner_user(api)
    params = api.params
    change = streaming.SubscriptionChange(
        status=(params.str("status", required=True) or "").lower(),
        plan_code=_plan_code(params),
        currency_code=_code(params, "currency", 3),
        recurring_fee=_fee(params),
        country_code=_code(params, "country", 2),
        activated_at=_datetime(params, "activatedAt"),
        current_period_start=_datetime(params, "currentPeriodStartDate"),
        expiry_date=_datetime(params, "expiryDate"),
    )
    streaming.subscription_update(user=user, change=change)
    return streaming_element(streaming.streaming_level(user))


def _partner_user(api: ApiRequest) -> SandboxUser:
    """The partner's own user named by `userId` (a managed user of this consumer)."""
    partner_user_id = api.params.str("userId")
    if not partner_user_id:
        raise missing("userId")
    user = SandboxUser.objects.get_managed(api.consumer, partner_user_id)
    if user is None:
        raise not_found(f"User not found: {partner_user_id}")
    return user


def _fee(params: Params) -> Decimal | None:
    fee = params.decimal("recurringFee")
    if fee is not None and fee > MAX_FEE:
        raise invalid("recurringFee", f"it is more than {MAX_FEE}")
    return fee


def _plan_code(params: Params) -> str | None:
    value = params.str("planCode")
    if value is not None and len(value) > Subscription._meta.get_field("plan_code").max_length:
        raise invalid("planCode", "it is too long")
    return value


def _code(params: Params, name: str, length: int) -> str | None:
    value = params.str(name)
    if value is None:
        return None
    if len(value) != length or not value.isascii() or not value.isalpha():
        raise invalid(name, f"'{value}' is not a {length}-letter ISO code")
    return value.upper()


def _datetime(params: Params, name: str) -> datetime | None:
    """An ISO 8601 date-time (a date alone is midnight UTC); no offset means UTC."""
    value = params.str(name)
    if value is None:
        return None
    try:
        moment = parse_datetime(value) or parse_datetime(f"{value}T00:00:00")
    except ValueError:
        moment = None
    if moment is None:
        raise invalid(name, f"'{value}' is not an ISO 8601 date-time")
    if not 1900 <= moment.year <= 9000:  # periods are counted from it: keep it in range
        raise invalid(name, f"'{value}' is not a plausible date")
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, UTC)
    return moment
