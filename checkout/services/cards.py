"""Stored payment cards, managed on 7digital through its hosted card form.

The store never sees a card number or security code: `card_registration_start` asks
7digital for a registration and sends the shopper's browser to the hosted form; the
form sends the browser back to the store with `cardRegistrationId`, and
`card_registration_result` asks 7digital how it went. Only the card's id, brand,
last four digits and expiry ever reach the store (and none of them is stored).
"""

from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser

from accounts.services import sevendigital_token_for
from sevendigital import CardRegistration
from storefront.api import get_client

from .baskets import api_call


def card_form_url(registration_id: str) -> str:
    """Where 7digital hosts the card form of a registration: `{site}/cardregistration/{id}`
    (the site being the API's address without `/1.2`)."""
    site = settings.SEVENDIGITAL_API_URL.rstrip("/").removesuffix("/1.2")
    return f"{site}/cardregistration/{quote(registration_id, safe='')}"


def card_registration_start(*, user: AbstractBaseUser, redirect_url: str) -> str:
    """Start a registration; the URL of the hosted form to send the browser to."""
    token = sevendigital_token_for(user=user)
    registration = api_call(
        get_client().register_user_payment_card, token=token, redirect_url=redirect_url
    )
    return card_form_url(registration.id)


def card_registration_result(*, user: AbstractBaseUser, registration_id: str) -> CardRegistration:
    """How the registration went: complete (with the card), error (and why) or pending."""
    token = sevendigital_token_for(user=user)
    return api_call(
        get_client().get_user_card_registration, token=token, registration_id=registration_id
    )


def card_make_default(*, user: AbstractBaseUser, card_id: int) -> None:
    token = sevendigital_token_for(user=user)
    api_call(get_client().select_user_payment_card, token=token, card_id=card_id)


def card_delete(*, user: AbstractBaseUser, card_id: int) -> None:
    token = sevendigital_token_for(user=user)
    api_call(get_client().delete_user_payment_card, token=token, card_id=card_id)
