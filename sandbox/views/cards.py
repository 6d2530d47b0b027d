"""Card operations: list, select, delete, direct add, and the hosted registration.

user/payment/card -> `cards/card[]`; select and delete take `cardId` in the POST body
and answer the empty ok envelope (the recordings). user/payment/cardregistration
(POST `redirectUrl`) -> `cardRegistration @id @status="pending"` with `redirectUrl`;
the browser then fills in the sandbox's form at /cardregistration/{id}, which sends
it back to redirectUrl; GET user/payment/cardregistration/{id} then shows `complete`
with the `card`, or `error` with the first problem, inside an ok envelope.
user/payment/card/add (a real-API extra, WIRE-NOTES §4.3.6) adds a card directly.
"""

import re

from django.utils import timezone

from sandbox.commerce import cards
from sandbox.models import Card, CardRegistration
from sandbox.wire import THREE_LEGGED, ApiRequest, el, invalid, not_found, operation, sub
from sandbox.wire.xml import Element


def card_element(card: Card) -> Element:
    """`card @id`: `type`, `last4digits`, `default`, `cardHolderName`, `expiryDate`, `country`?"""
    node = el("card", id=card.pk)
    sub(node, "type", card.type)
    sub(node, "last4digits", card.last4)
    sub(node, "default", card.is_default)
    sub(node, "cardHolderName", card.holder_name)
    sub(node, "expiryDate", card.expiry)
    if card.country_code:
        sub(node, "country", card.country_code)
    return node


def registration_element(registration: CardRegistration) -> Element:
    """`cardRegistration @id @status`, with `redirectUrl`, and the card or the error."""
    node = el(
        "cardRegistration",
        id=cards.registration_public_id(registration),
        status=registration.status,
    )
    sub(node, "redirectUrl", registration.redirect_url)
    card = registration.card
    if registration.status == CardRegistration.Status.COMPLETE and card is not None:
        # The registration recording spells the holder `cardholderName` and has no default.
        item = sub(node, "card", id=card.pk)
        sub(item, "type", card.type)
        sub(item, "last4digits", card.last4)
        sub(item, "cardholderName", card.holder_name)
        sub(item, "expiryDate", card.expiry)
    elif registration.status == CardRegistration.Status.ERROR:
        sub(
            sub(node, "error", code=registration.error_code),
            "errorMessage",
            registration.error_message,
        )
    return node


@operation("user/payment/card", auth=THREE_LEGGED)
def card_list(api: ApiRequest) -> Element:
    node = el("cards")
    node.extend(card_element(card) for card in cards.user_cards(api.user))
    return node


@operation("user/payment/card/select", auth=THREE_LEGGED, methods=("POST",))
def card_select(api: ApiRequest) -> None:
    cards.card_select(user=api.user, card_id=api.params.id("cardId"))


@operation("user/payment/card/delete", auth=THREE_LEGGED, methods=("POST",))
def card_delete(api: ApiRequest) -> None:
    cards.card_delete(user=api.user, card_id=api.params.id("cardId"))


@operation("user/payment/card/add", auth=THREE_LEGGED, methods=("POST",))
def card_add(api: ApiRequest) -> Element:
    """Add a card from its fields (`cardExpiryDate`/`cardStartDate` as yyyyMM)."""
    params = api.params
    fields = {"cardNumber": params.str("cardNumber", required=True) or ""}
    for name in ("cardHolderName", "cardPostCode", "cardVerificationCode", "cardCountry"):
        fields[name] = params.str(name, required=name != "cardCountry") or ""
    expiry = params.str("cardExpiryDate", required=True) or ""
    fields["cardExpiryYear"], fields["cardExpiryMonth"] = _year_month(expiry, "ExpiryDate")
    start = params.str("cardStartDate") or ""
    fields["cardStartYear"], fields["cardStartMonth"] = _year_month(start, "StartDate")
    details = cards.check_card_fields(fields, today=timezone.localdate())
    card_type = params.str("cardType")
    if card_type and card_type.upper() != details.brand:
        raise invalid("cardType", f"the number is a {details.brand} card")
    return card_element(cards.card_add(user=api.user, details=details))


@operation("user/payment/cardregistration", auth=THREE_LEGGED, methods=("POST",))
def registration_create(api: ApiRequest) -> Element:
    redirect_url = api.params.str("redirectUrl", required=True) or ""
    return registration_element(cards.registration_create(user=api.user, redirect_url=redirect_url))


@operation("user/payment/cardregistration/{id}", auth=THREE_LEGGED)
def registration_status(api: ApiRequest) -> Element:
    public_id = api.path_args["id"]
    registration = cards.registration_by_public_id(public_id, user=api.user)
    if registration is None:
        raise not_found(f"Card registration not found: {public_id}")
    return registration_element(registration)


def _year_month(value: str, field: str) -> tuple[str, str]:
    """("yyyy", "MM") of a yyyyMM parameter ("", "") when empty; 1002 naming field."""
    if value and not re.fullmatch(r"\d{6}", value):
        raise invalid(field)
    return value[:4], value[4:]
