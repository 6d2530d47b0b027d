"""Payment cards: test numbers, checking card fields, a user's cards, charging them.

The sandbox is a card processor that knows only test cards. A number is checked
(digits, Luhn, brand from its prefix) and then forgotten: a `Card` keeps the brand,
last four digits, holder, expiry and the outcome its number stands for. The CVV is
checked for shape and never kept. Every Luhn-valid number of a known brand is
accepted and approves charges, except the numbers in `TEST_CARDS`, which stand for
the other outcomes (docs/sandbox.md, "Test cards", lists them).

Field errors carry the parameter names the real API uses in its 1002 messages
(CardNumber, CardHolderName, ExpiryDate, StartDate, CardPostcode,
CardVerificationCode), as the recorded card registrations show.
"""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from sandbox.models import Card, CardRegistration, Country, SandboxUser
from sandbox.wire import ApiError, invalid, not_found

Outcome = Card.Outcome

# Numbers whose outcome is not "approve"; any other valid number approves.
TEST_CARDS: dict[str, str] = {
    "4000000000000002": Outcome.DECLINE,  # 3102 when charged
    "4000000000009995": Outcome.INSUFFICIENT_FUNDS,  # 3003 when charged
    "4000000000000069": Outcome.EXPIRED,  # 3001 when charged
}
# A number the processor refuses to store at all: adding it fails with 3103.
REFUSED_CARD = "4000000000000119"

ADD_CARD_FAILED = 3103
MAX_YEARS_AHEAD = 20  # an expiry further away than this is a typing mistake
HOLDER_PUNCTUATION = frozenset(" .'-")


@dataclass(frozen=True)
class CardDetails:
    """Checked card fields; `number` lives only as long as this object."""

    number: str
    holder_name: str
    expiry: str  # yyyyMM
    country_code: str = ""

    @property
    def brand(self) -> str:
        return card_brand(self.number) or ""

    @property
    def last4(self) -> str:
        return self.number[-4:]

    @property
    def outcome(self) -> str:
        return TEST_CARDS.get(self.number, Outcome.APPROVE)


def card_brand(number: str) -> str | None:
    """VISA, MASTERCARD, AMEX or MAESTRO from the number's prefix; None if unknown."""
    if number.startswith("4"):
        return "VISA"
    two, four = int(number[:2] or 0), int(number[:4] or 0)
    if 51 <= two <= 55 or 2221 <= four <= 2720:
        return "MASTERCARD"
    if two in (34, 37):
        return "AMEX"
    if two == 50 or 56 <= two <= 69:
        return "MAESTRO"
    return None


def luhn_valid(number: str) -> bool:
    """The Luhn (mod 10) check every card number passes."""
    total = 0
    for position, digit in enumerate(int(d) for d in reversed(number)):
        if position % 2:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0


def clean_number(value: str) -> str:
    """The digits of a card number as typed (spaces and dashes allowed); 1002 otherwise."""
    number = re.sub(r"[ -]", "", value or "")
    if not (number.isascii() and number.isdigit() and 12 <= len(number) <= 19):
        raise invalid("CardNumber")
    if not luhn_valid(number) or card_brand(number) is None:
        raise invalid("CardNumber")
    return number


def clean_holder_name(value: str) -> str:
    """Letters, spaces and . ' - only, at least one letter, at most 100 characters."""
    name = " ".join((value or "").split())
    letters = [ch for ch in name if ch.isalpha()]
    if not letters or len(name) > 100:
        raise invalid("CardHolderName")
    if any(not ch.isalpha() and ch not in HOLDER_PUNCTUATION for ch in name):
        raise invalid("CardHolderName")
    return name


def month_of(month: str, year: str, field: str) -> date:
    """The first day of month/year (MM and YYYY or YY); 1002 naming field otherwise."""
    month, year = (month or "").strip(), (year or "").strip()
    if not (month.isascii() and month.isdigit() and year.isascii() and year.isdigit()):
        raise invalid(field)
    if len(year) == 2:
        year = f"20{year}"
    if len(year) != 4 or int(year) < 1900 or not 1 <= int(month) <= 12:
        raise invalid(field)
    return date(int(year), int(month), 1)


def check_card_fields(fields: dict[str, str], *, today: date) -> CardDetails:
    """Check card fields (the hosted form's names, WIRE-NOTES §4.3.6); raise the first 1002."""
    number = clean_number(fields.get("cardNumber", ""))
    holder = clean_holder_name(fields.get("cardHolderName", ""))
    expiry = _check_dates(fields, today.replace(day=1))
    postcode = " ".join(fields.get("cardPostCode", "").split())
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 -]{1,9}", postcode):
        raise invalid("CardPostcode")
    cvv = fields.get("cardVerificationCode", "").strip()
    cvv_length = 4 if card_brand(number) == "AMEX" else 3
    if not (cvv.isascii() and cvv.isdigit() and len(cvv) == cvv_length):
        raise invalid("CardVerificationCode")
    country = fields.get("cardCountry", "").strip().upper()
    if country and not re.fullmatch(r"[A-Z]{2}", country):
        raise invalid("CardCountry")
    return CardDetails(number, holder, expiry.strftime("%Y%m"), country)


def _check_dates(fields: dict[str, str], this_month: date) -> date:
    """The expiry month (not past, not absurdly far); the start month, if any, not future."""
    expiry_fields = fields.get("cardExpiryMonth", ""), fields.get("cardExpiryYear", "")
    expiry = month_of(*expiry_fields, "ExpiryDate")
    if expiry < this_month:
        raise invalid("ExpiryDate", "ExpiryDate cannot be in the past")
    if expiry.year > this_month.year + MAX_YEARS_AHEAD:
        raise invalid("ExpiryDate")
    start_fields = fields.get("cardStartMonth", ""), fields.get("cardStartYear", "")
    has_start = any(value.strip() for value in start_fields)
    if has_start and month_of(*start_fields, "StartDate") > this_month:
        raise invalid("StartDate", "StartDate cannot be in the future")
    return expiry


def user_cards(user: SandboxUser):
    """The user's cards, oldest first."""
    return Card.objects.filter(user=user).order_by("id")


def card_add(*, user: SandboxUser, details: CardDetails) -> Card:
    """Store a new card (without its number) and make it the user's default."""
    if details.number == REFUSED_CARD:
        raise ApiError(ADD_CARD_FAILED, "Add card failed: Please try again")
    with transaction.atomic():
        _lock_user(user)
        user_cards(user).filter(is_default=True).update(is_default=False)
        return Card.objects.create(
            user=user,
            type=details.brand,
            last4=details.last4,
            holder_name=details.holder_name,
            expiry=details.expiry,
            country_code=details.country_code,
            is_default=True,
            outcome=details.outcome,
        )


def card_select(*, user: SandboxUser, card_id: int) -> Card:
    """Make one of the user's cards the default (2001 if it is not theirs)."""
    with transaction.atomic():
        _lock_user(user)
        card = _own_card(user, card_id)
        user_cards(user).exclude(pk=card.pk).filter(is_default=True).update(is_default=False)
        Card.objects.filter(pk=card.pk).update(is_default=True)
        card.is_default = True
        return card


def card_delete(*, user: SandboxUser, card_id: int) -> None:
    """Delete one of the user's cards; if it was the default, the newest other card is."""
    with transaction.atomic():
        _lock_user(user)
        card = _own_card(user, card_id)
        card.delete()
        if card.is_default:
            newest = user_cards(user).order_by("-id").first()
            if newest is not None:
                Card.objects.filter(pk=newest.pk).update(is_default=True)


def default_card(user: SandboxUser) -> Card:
    """The card purchases are charged to; 3002 when the user has none."""
    card = user_cards(user).filter(is_default=True).first()
    if card is None:
        raise ApiError(3002, "User has no card details")
    return card


def card_charge(
    *, card: Card, amount: Decimal, country: Country, today: date | None = None
) -> None:
    """Take amount from card, or raise the error its expiry, country or test number gives."""
    if amount <= 0:
        return  # nothing to take (a voucher covered it all)
    today = today or timezone.localdate()
    if card.expiry < today.strftime("%Y%m") or card.outcome == Outcome.EXPIRED:
        raise ApiError(3001, "User's card has expired")
    if card.country_code and card.country_code != country.code:
        raise ApiError(
            3005, f"Purchases are not permitted from the card's country ({card.country_code})"
        )
    if card.outcome == Outcome.DECLINE:
        raise ApiError(3102, "Payment declined")
    if card.outcome == Outcome.INSUFFICIENT_FUNDS:
        raise ApiError(3003, "Payment failed: insufficient funds")


# --- The hosted registration form (user/payment/cardregistration) --------------------


class RegistrationClosed(Exception):
    """The registration is unknown, or its form was already submitted."""


def registration_create(*, user: SandboxUser, redirect_url: str) -> CardRegistration:
    """A pending registration whose form sends the browser back to redirect_url."""
    parts = urlsplit(redirect_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise invalid("redirectUrl", "an absolute http(s) URL is needed")
    if len(redirect_url) > CardRegistration._meta.get_field("redirect_url").max_length:
        raise invalid("redirectUrl", "it is too long")
    return CardRegistration.objects.create(user=user, redirect_url=redirect_url)


def registration_public_id(registration: CardRegistration) -> str:
    """The id the wire and the form URL carry: the row id and an HMAC of it, so that it
    cannot be guessed (the form is reached without OAuth; holding the id is what allows
    filling it in). Lower-case hex, as the API matches paths case-insensitively."""
    return f"{registration.pk}-{_registration_mac(registration.pk)}"


def registration_by_public_id(
    public_id: str, *, user: SandboxUser | None = None
) -> CardRegistration | None:
    """The registration a public id names (and, if given, that belongs to user), or None."""
    pk, _, mac = (public_id or "").partition("-")
    if not (pk.isascii() and pk.isdigit()) or len(pk) > 18:
        return None
    if not constant_time_compare(mac, _registration_mac(int(pk))):
        return None
    registrations = CardRegistration.objects.select_related("card", "user")
    if user is not None:
        registrations = registrations.filter(user=user)
    return registrations.filter(pk=int(pk)).first()


def registration_submit(
    *, public_id: str, fields: dict[str, str], today: date | None = None
) -> CardRegistration:
    """Check the posted card fields once: the card is added (complete) or the first
    problem is kept (error). Raises RegistrationClosed for an unknown or used form."""
    with transaction.atomic():
        registration = registration_by_public_id(public_id)
        if registration is None:
            raise RegistrationClosed(public_id)
        # Locked, so that two submissions of one form cannot both add a card.
        registration = CardRegistration.objects.select_for_update().get(pk=registration.pk)
        if registration.status != CardRegistration.Status.PENDING:
            raise RegistrationClosed(public_id)
        try:
            details = check_card_fields(fields, today=today or timezone.localdate())
            registration.card = card_add(user=registration.user, details=details)
            registration.status = CardRegistration.Status.COMPLETE
        except ApiError as error:
            registration.status = CardRegistration.Status.ERROR
            registration.error_code, registration.error_message = error.code, error.message
        registration.save(update_fields=["card", "status", "error_code", "error_message"])
        return registration


def registration_return_url(registration: CardRegistration) -> str:
    """`{redirectUrl}?cardRegistrationId={id}`, keeping any query redirectUrl has."""
    scheme, netloc, path, query, fragment = urlsplit(registration.redirect_url)
    pairs = [*parse_qsl(query, keep_blank_values=True)]
    pairs.append(("cardRegistrationId", registration_public_id(registration)))
    return urlunsplit((scheme, netloc, path, urlencode(pairs), fragment))


def _registration_mac(pk: int) -> str:
    return salted_hmac("sandbox.card-registration", str(pk), algorithm="sha256").hexdigest()[:32]


def _own_card(user: SandboxUser, card_id: int) -> Card:
    card = user_cards(user).filter(pk=card_id).first()
    if card is None:
        raise not_found(f"Card {card_id} not found")
    return card


def _lock_user(user: SandboxUser) -> None:
    # One writer per user at a time: the default flag moves between rows.
    SandboxUser.objects.select_for_update().filter(pk=user.pk).first()
