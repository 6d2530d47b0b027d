"""Checkout's reads: the basket as 7digital prices it, cards, and purchase records.

`purchases_for` is the purchase history page (checkout/views/history.py).
"""

from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import QuerySet

from accounts.services import sevendigital_token_for
from checkout.models import Purchase
from checkout.services.baskets import BasketRef, api_call, basket_read
from sevendigital import Basket, Card, Money
from storefront.api import get_client


@dataclass(frozen=True)
class BasketSummary:
    """A basket with the totals 7digital computed: subtotal, discount and amount due."""

    ref: BasketRef
    basket: Basket

    @property
    def items(self):
        return self.basket.items

    @property
    def subtotal(self) -> Money | None:
        return self.basket.price.value if self.basket.price else None

    @property
    def amount_due(self) -> Money | None:
        due = self.basket.amount_due
        return due.amount if due and due.amount else self.subtotal

    @property
    def discount(self) -> Money | None:
        """What the voucher takes off (None when nothing is discounted)."""
        subtotal, due = self.subtotal, self.amount_due
        if subtotal is None or due is None or due.amount >= subtotal.amount:
            return None
        return Money(subtotal.amount - due.amount, subtotal.currency)

    @property
    def voucher_applies(self) -> bool:
        return any(item.discount_type for item in self.basket.items)

    def territory_differs(self, country: str) -> bool:
        """True when the shopper now browses another territory than the basket's."""
        return bool(self.basket.items) and self.ref.country != country


def basket_summary(*, ref: BasketRef) -> BasketSummary:
    """The basket as 7digital has it now (raises CheckoutError when it cannot be read)."""
    return BasketSummary(ref=ref, basket=basket_read(basket_id=ref.basket_id))


def cards_for(*, user: AbstractBaseUser) -> tuple[Card, ...]:
    """The shopper's stored cards (brand, last four digits, expiry; never the number)."""
    token = sevendigital_token_for(user=user)
    return api_call(get_client().list_user_payment_cards, token=token)


def purchases_for(*, user: AbstractBaseUser) -> QuerySet[Purchase]:
    """The shopper's purchase attempts, newest first (the purchase history page)."""
    return Purchase.objects.filter(user_id=user.pk).order_by("-created")


def purchase_of(*, user: AbstractBaseUser, key: str) -> Purchase | None:
    """A purchase by its key, only if it is this shopper's."""
    return Purchase.objects.filter(user_id=user.pk, key=key).first()
