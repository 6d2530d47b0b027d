"""Vouchers: whether a code discounts a basket, by how much, and counting its uses.

A voucher applies to a basket when it is active, inside its validity window, allowed
in the basket's territory (an empty list means everywhere), priced in the basket's
currency if it takes a fixed amount off, and the basket's subtotal reaches its
minimum spend (in the basket's currency). Those rules are checked when the voucher is
applied and again whenever totals are taken, so a basket shows the discount it would
get now.

Uses are different: they are checked when the voucher is applied but counted only
when a purchase completes (`voucher_redeem`, under a row lock), so the last use of a
limited voucher goes to whoever completes first, and the other purchase is refused
with 3012 instead of being discounted beyond the limit.
"""

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from sandbox.models import Basket, Country, Voucher
from sandbox.wire import ApiError

VOUCHER_NOT_APPLIED = 3012

ACTIVE = "active"
EXPIRED = "expired"
USED = "used"
INACTIVE = "inactive"
PENDING = "pending"  # valid_from is still to come


def voucher_not_applied(message: str) -> ApiError:
    return ApiError(VOUCHER_NOT_APPLIED, message)


def quantum(decimals: int) -> Decimal:
    """The smallest amount of a currency with `decimals` minor digits (0.01, or 1 for JPY)."""
    return Decimal(1).scaleb(-decimals)


def voucher_by_code(code: str) -> Voucher | None:
    """The voucher with this code; shoppers type codes, so case does not matter."""
    code = (code or "").strip()
    if not code:
        return None
    return Voucher.objects.filter(code__iexact=code).order_by("code").first()


def voucher_remaining_uses(voucher: Voucher) -> int | None:
    """How many purchases may still use it; None when unlimited."""
    if voucher.max_uses is None:
        return None
    return max(voucher.max_uses - voucher.uses, 0)


def voucher_status(voucher: Voucher, *, now: datetime | None = None) -> str:
    """active, inactive (switched off), pending (not yet valid), expired or used (up)."""
    now = now or timezone.now()
    if not voucher.is_active:
        return INACTIVE
    if now < voucher.valid_from:
        return PENDING
    if voucher.valid_until is not None and now >= voucher.valid_until:
        return EXPIRED
    if voucher_remaining_uses(voucher) == 0:
        return USED
    return ACTIVE


def voucher_countries(voucher: Voucher) -> list[str]:
    """The ISO codes it is limited to; empty means everywhere."""
    return [code.strip().upper() for code in voucher.countries.split(",") if code.strip()]


def voucher_problem(
    voucher: Voucher,
    *,
    country: Country,
    subtotal: Decimal,
    now: datetime | None = None,
    count_uses: bool = True,
) -> str | None:
    """Why voucher cannot discount a basket in country worth subtotal, or None if it can."""
    code = voucher.code
    status = voucher_status(voucher, now=now)
    if status == USED and not count_uses:
        status = ACTIVE
    if status != ACTIVE:
        return {
            INACTIVE: f"Voucher {code} is not active",
            PENDING: f"Voucher {code} is not valid yet",
            EXPIRED: f"Voucher {code} has expired",
            USED: f"Voucher {code} has been used up",
        }[status]
    allowed = voucher_countries(voucher)
    if allowed and country.code not in allowed:
        return f"Voucher {code} cannot be used in {country.code}"
    if voucher.kind == Voucher.Kind.FIXED and voucher.currency_code != country.currency_code:
        return (
            f"Voucher {code} takes {voucher.currency_code or 'no currency'} off and cannot be "
            f"used for prices in {country.currency_code}"
        )
    if subtotal < voucher.minimum_spend:
        return (
            f"Voucher {code} needs a minimum spend of {voucher.minimum_spend} "
            f"{country.currency_code}; the basket comes to {subtotal} {country.currency_code}"
        )
    return None


def voucher_discount(voucher: Voucher, subtotal: Decimal, *, decimals: int) -> Decimal:
    """What voucher takes off subtotal, rounded to the currency, never more than subtotal."""
    if voucher.kind == Voucher.Kind.PERCENT:
        discount = subtotal * voucher.amount / 100
    else:
        discount = voucher.amount
    discount = discount.quantize(quantum(decimals), rounding=ROUND_HALF_UP)
    return min(max(discount, Decimal(0)), subtotal)


@transaction.atomic
def voucher_redeem(*, basket: Basket) -> Voucher | None:
    """Count one use of the basket's voucher; the purchase service calls it inside the
    transaction that records the purchase (after locking the basket row).

    Returns the voucher when it discounts the basket (one use counted, under a lock on
    the voucher row), None when the basket has no voucher or it no longer applies (its
    totals then carry no discount either). Raises 3012 when the voucher was used up by
    other purchases since it was applied: the caller's transaction must roll back.
    Call it before `basket_totals`, in the same transaction, to charge what it decided.
    """
    if basket.voucher_id is None:
        return None
    voucher = Voucher.objects.select_for_update().get(pk=basket.voucher_id)
    subtotal = sum((item.price for item in basket.items.all()), Decimal(0))
    problem = voucher_problem(voucher, country=basket.country, subtotal=subtotal, count_uses=False)
    if problem is not None:
        return None
    if voucher_remaining_uses(voucher) == 0:
        raise voucher_not_applied(f"Voucher {voucher.code} has been used up")
    Voucher.objects.filter(pk=voucher.pk).update(uses=F("uses") + 1)
    voucher.refresh_from_db(fields=["uses"])
    return voucher
