"""Payment card operations. Card numbers never pass through this client: cards are
added on 7digital's hosted registration form (register_user_payment_card gives its
id; the shopper's browser posts the card there). Never retried, never cached,
except the public list of card types.
"""

from typing import Any

from ..models import Card, CardRegistration, CardType, OAuthToken
from .base import OperationsBase


class CardOperations(OperationsBase):
    def list_user_payment_cards(
        self, *, token: OAuthToken | None = None, **extra: Any
    ) -> tuple[Card, ...]:
        """user/payment/card: the user's stored cards (last four digits only)."""
        return self._call("list_user_payment_cards", token=token, **extra)

    def select_user_payment_card(
        self, *, token: OAuthToken | None = None, card_id: int | str, **extra: Any
    ) -> None:
        """user/payment/card/select (POST): make this card the default."""
        return self._call("select_user_payment_card", token=token, card_id=card_id, **extra)

    def delete_user_payment_card(
        self, *, token: OAuthToken | None = None, card_id: int | str, **extra: Any
    ) -> None:
        """user/payment/card/delete (POST): remove a stored card."""
        return self._call("delete_user_payment_card", token=token, card_id=card_id, **extra)

    def register_user_payment_card(
        self, *, token: OAuthToken | None = None, redirect_url: str, **extra: Any
    ) -> CardRegistration:
        """user/payment/cardregistration (POST): start a hosted card registration.

        The result is pending; the hosted form redirects the shopper to
        `redirect_url?cardRegistrationId=...` when done.
        """
        return self._call(
            "register_user_payment_card", token=token, redirect_url=redirect_url, **extra
        )

    def get_user_card_registration(
        self, *, token: OAuthToken | None = None, registration_id: str, **extra: Any
    ) -> CardRegistration:
        """user/payment/cardregistration/{id}: pending, complete (with card) or error."""
        return self._call(
            "get_user_card_registration",
            token=token,
            path_args={"id": registration_id},
            **extra,
        )

    def get_payment_card_types(self, **extra: Any) -> tuple[CardType, ...]:
        """payment/card/type: the card brands accepted (VISA, MASTERCARD, ...)."""
        return self._call("get_payment_card_types", **extra)
