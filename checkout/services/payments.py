"""Paying for the basket: by stored card, or with PayPal.

Each flow checks who pays (a linked 7digital account: `NotLinked` otherwise), looks
for a purchase this form or this basket already made (shown instead of paying
again), claims a pending record, and only then makes the one 7digital call (see
`purchases`). Every failure before the claim raises `CheckoutError`; after it, the
outcome lives on the returned `Purchase`.
"""

from django.contrib.auth.base_user import AbstractBaseUser
from django.utils.translation import gettext

from accounts.services import sevendigital_token_for
from checkout.errors import BasketEmpty, CheckoutError
from checkout.models import Purchase
from storefront.api import get_client

from .baskets import BasketRef, api_call, basket_read, basket_ref_for_user
from .purchases import (
    Order,
    order_for_basket,
    purchase_claim,
    purchase_earlier,
    purchase_execute,
)


def current_basket(*, user: AbstractBaseUser, basket_id: str) -> BasketRef:
    """The shopper's basket, if it is still the one the form was about."""
    ref = basket_ref_for_user(user=user)
    if ref is None or ref.basket_id != basket_id:
        raise CheckoutError(
            gettext("Your basket has changed since that page was shown: please check it.")
        )
    return ref


def _basket_order(ref: BasketRef, method: str) -> Order:
    """What the shopper is paying for: the basket the checkout page just read, reused
    (any change since replaced that copy), else read again."""
    basket = basket_read(basket_id=ref.basket_id, reuse=True)
    if not basket.items:
        raise BasketEmpty()
    return order_for_basket(
        basket, method=method, country=ref.country, voucher_code=ref.voucher_code
    )


def checkout_card(*, user: AbstractBaseUser, basket_id: str, submit_token: str) -> Purchase:
    """Buy the basket with the shopper's default stored card (`user/purchase/basket`)."""
    token = sevendigital_token_for(user=user)
    return _pay_basket_once(
        user=user,
        basket_id=basket_id,
        method=Purchase.Method.CARD,
        submit_token=submit_token,
        call=lambda ref: get_client().purchase_user_basket(
            token=token, basket_id=ref.basket_id, country=ref.country
        ),
    )


def checkout_paypal_start(
    *, user: AbstractBaseUser, basket_id: str, return_url: str, cancel_url: str
) -> str:
    """The PayPal approval page for the basket (the shopper's browser goes there)."""
    sevendigital_token_for(user=user)  # linked first: completing needs the token
    ref = current_basket(user=user, basket_id=basket_id)
    express = api_call(
        get_client().get_basket_paypal_url,
        basket_id=ref.basket_id,
        return_url=return_url,
        cancel_url=cancel_url,
    )
    if not express.url.startswith(("https://", "http://")):
        raise CheckoutError(gettext("PayPal could not be reached just now. Nothing was charged."))
    return express.url


def checkout_paypal_complete(
    *, user: AbstractBaseUser, basket_id: str, paypal_token: str, payer_id: str, submit_token: str
) -> Purchase:
    """Take the payment the shopper approved on PayPal (`basket/completepaypalpurchase`)."""
    token = sevendigital_token_for(user=user)
    return _pay_basket_once(
        user=user,
        basket_id=basket_id,
        method=Purchase.Method.PAYPAL,
        submit_token=submit_token,
        call=lambda ref: get_client().complete_basket_paypal_purchase(
            token=token, basket_id=ref.basket_id, paypal_token=paypal_token, payer_id=payer_id
        ),
    )


def _pay_basket_once(*, user, basket_id: str, method: str, submit_token: str, call) -> Purchase:
    """The exactly-once path both payment methods share: an earlier answer to this form,
    else claim the purchase record, and only the request that created it calls 7digital."""
    earlier = purchase_earlier(user=user, subject=f"basket:{basket_id}", submit_token=submit_token)
    if earlier is not None:
        return earlier
    ref = current_basket(user=user, basket_id=basket_id)
    purchase, created = purchase_claim(
        user=user, order=_basket_order(ref, method), submit_token=submit_token
    )
    if not created:
        return purchase
    return purchase_execute(purchase=purchase, call=lambda: call(ref))
