"""Basket, PayPal and voucher operations. Never retried, never cached.

On 7digital most of these are GETs that change state (adding an item, applying a
voucher): an automatic retry could add an item twice.
"""

from decimal import Decimal
from typing import Any

from ..models import Basket, ExpressCheckout, OAuthToken, Purchase, Voucher
from .base import OperationsBase


class BasketOperations(OperationsBase):
    def get_basket(self, *, basket_id: str, **extra: Any) -> Basket:
        """basket: the basket's lines, total price and amount due."""
        return self._call("get_basket", basket_id=basket_id, **extra)

    def create_basket(self, *, country: str | None = None, **extra: Any) -> Basket:
        """basket/create: a new empty basket priced in `country` (or the client's)."""
        return self._call("create_basket", country=country, **extra)

    def add_basket_item(
        self,
        *,
        basket_id: str,
        release_id: int | str,
        track_id: int | str | None = None,
        package_id: int | None = None,
        country: str | None = None,
        **extra: Any,
    ) -> Basket:
        """basket/addItem: add a release, or one of its tracks, in a package (2 = standard)."""
        return self._call(
            "add_basket_item",
            basket_id=basket_id,
            release_id=release_id,
            track_id=track_id,
            package_id=package_id,
            country=country,
            **extra,
        )

    def remove_basket_item(self, *, basket_id: str, item_id: int | str, **extra: Any) -> Basket:
        """basket/removeItem: remove the line `item_id` (a BasketItem.id)."""
        return self._call("remove_basket_item", basket_id=basket_id, item_id=item_id, **extra)

    def apply_basket_voucher(self, *, basket_id: str, voucher_code: str, **extra: Any) -> Basket:
        """basket/applyVoucher (POST, 2-legged): discounted lines get discount_type "Voucher"."""
        return self._call(
            "apply_basket_voucher", basket_id=basket_id, voucher_code=voucher_code, **extra
        )

    def add_priced_basket_item(
        self,
        *,
        basket_id: str,
        release_id: int | str,
        price: Decimal | str,
        track_id: int | str | None = None,
        country: str | None = None,
        **extra: Any,
    ) -> Basket:
        """basket/addpriceditem (2-legged): add an item at a partner-set price."""
        return self._call(
            "add_priced_basket_item",
            basket_id=basket_id,
            release_id=release_id,
            track_id=track_id,
            price=price,
            country=country,
            **extra,
        )

    def get_basket_paypal_url(
        self,
        *,
        basket_id: str,
        return_url: str | None = None,
        cancel_url: str | None = None,
        **extra: Any,
    ) -> ExpressCheckout:
        """basket/paypalurl: the PayPal page where the shopper approves the payment."""
        return self._call(
            "get_basket_paypal_url",
            basket_id=basket_id,
            return_url=return_url,
            cancel_url=cancel_url,
            **extra,
        )

    def complete_basket_paypal_purchase(
        self,
        *,
        token: OAuthToken,
        basket_id: str,
        paypal_token: str,
        payer_id: str | None = None,
        **extra: Any,
    ) -> Purchase:
        """basket/completepaypalpurchase (POST, 3-legged): take the approved payment.

        `paypal_token` is PayPal's token (sent as `token`); `token` is the user's
        OAuth access token. Never retried: on a TransportError with
        outcome_unknown, check the locker before trying again.
        """
        return self._call(
            "complete_basket_paypal_purchase",
            token=token,
            basket_id=basket_id,
            paypal_token=paypal_token,
            payer_id=payer_id,
            **extra,
        )

    def get_payment_voucher_details(self, *, voucher_code: str, **extra: Any) -> Voucher:
        """payment/voucher/details (2-legged): what a voucher code is worth."""
        return self._call("get_payment_voucher_details", voucher_code=voucher_code, **extra)
