"""Checkout's domain errors, and what to tell the shopper when 7digital says no.

Views catch `CheckoutError` (and the client's errors) and show `shopper_message`; the
basket is never touched by a failure, so every message can promise that.
"""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sevendigital import (
    AuthError,
    InternalError,
    RateLimitedError,
    SevenDigitalError,
    TransportError,
    UnrecognisedError,
)

# Lazy: each message is translated into the language of whoever reads it.
SERVICE_DOWN = _(
    "The music service is not answering right now. Nothing has changed and nothing was "
    "charged: please try again in a minute."
)
MAYBE_DONE = _(
    "The music service did not answer in time, so we cannot tell whether that went "
    "through. Nothing was charged: check your basket before trying again."
)
RELINK = _("Your 7digital account needs linking again before you can pay.")

# 7digital codes (WIRE-NOTES §2) and what they mean for the shopper.
CODE_MESSAGES = {
    # Translators: %(message)s in these is 7digital's own reason, in English.
    2001: _("That item or basket no longer exists."),
    2002: _("That item is not sold in this basket's territory."),
    2003: _("You already own this: it is in your locker."),
    3001: _("Your card has expired. Add a new card or choose another one, then try again."),
    3002: _("You have no payment card saved. Add a card, then try again."),
    3003: _("The payment failed: %(message)s. Nothing was charged; your basket is unchanged."),
    3005: _("Purchases are not permitted from your card's country. Try another card."),
    3012: _("The voucher could not be used: %(message)s."),
    3101: _("The payment provider refused the payment. Nothing was charged."),
    3102: _("Your card was declined. Nothing was charged: try another card or PayPal."),
    3103: _("The card could not be added: %(message)s."),
    3104: _("The card was declined when we tried to add it."),
}


class CheckoutError(Exception):
    """Something the shopper can fix or retry; `message` says what, in their words."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class BasketEmpty(CheckoutError):
    def __init__(self) -> None:
        super().__init__(gettext("Your basket is empty."))


def outcome_unknown(error: SevenDigitalError) -> bool:
    """True when 7digital may have acted on the request although we heard no yes.

    A timeout after sending, a dropped connection or an unreadable answer; and a 9xxx
    or unrecognised error, which does not say the payment was refused. Such a purchase
    is reconciled from the locker, never sent again.
    """
    if isinstance(error, TransportError):
        return error.outcome_unknown
    return isinstance(error, InternalError | UnrecognisedError)


def shopper_message(error: SevenDigitalError) -> str:
    """A sentence for the shopper (no codes, no URLs, no secrets)."""
    if isinstance(error, TransportError) and error.outcome_unknown:
        return str(MAYBE_DONE)
    if isinstance(error, TransportError | RateLimitedError | InternalError):
        return str(SERVICE_DOWN)
    if isinstance(error, AuthError):
        return str(RELINK)
    template = CODE_MESSAGES.get(error.code or 0)
    if template is None:
        detail = (error.message or "").rstrip(".")
        if not detail:
            return str(SERVICE_DOWN)
        # Translators: %(detail)s is 7digital's own reason, in English.
        return gettext("7digital could not do that: %(detail)s.") % {"detail": detail}
    reason = (error.message or gettext("unknown reason")).rstrip(".")
    return str(template) % {"message": reason}


# --- A refused payment, typed --------------------------------------------------------
# A purchase keeps the 7digital code it failed with (`Purchase.error_code`); views ask
# `Purchase.failure` for one of these and handle each type (as django-oscar's checkout
# does with PaymentError and its kin), instead of reading codes or message strings.


class PaymentFailed(CheckoutError):
    """The payment was refused; nothing was charged. Try again from checkout."""


class CardNeedsAttention(PaymentFailed):
    """The card cannot pay (expired, none saved, from a country not sold to): fix the
    card first."""


class AlreadyOwned(PaymentFailed):
    """The shopper owns it already: it is in their locker."""


class NotForSale(PaymentFailed):
    """The item (or the basket) is gone, or not sold in this territory: the basket
    needs changing."""


class VoucherRefused(PaymentFailed):
    """The voucher cannot be used: the basket needs changing."""


FAILURE_TYPES: dict[int, type[PaymentFailed]] = {
    2001: NotForSale,
    2002: NotForSale,
    2003: AlreadyOwned,
    3001: CardNeedsAttention,
    3002: CardNeedsAttention,
    3005: CardNeedsAttention,
    3012: VoucherRefused,
}


def payment_failure(code: int | None, message: str) -> PaymentFailed:
    """The typed failure of a refused purchase, with the message the shopper reads."""
    return FAILURE_TYPES.get(code or 0, PaymentFailed)(message or gettext("Nothing was charged."))
