"""Checkout's writes: the basket, paying for it, and settling purchase records.

One module per concern; the names below are the app's service API.
"""

from .baskets import (
    BasketRef,
    basket_add,
    basket_apply_voucher,
    basket_forget,
    basket_move,
    basket_new,
    basket_rebuild,
    basket_ref_for_user,
    basket_ref_get,
    basket_ref_put,
    basket_remove,
    basket_remove_voucher,
)
from .buy_now import buy_now
from .cards import (
    card_delete,
    card_form_url,
    card_make_default,
    card_registration_result,
    card_registration_start,
)
from .payments import (
    checkout_card,
    checkout_paypal_complete,
    checkout_paypal_start,
    current_basket,
)
from .purchases import (
    Order,
    purchase_active,
    purchase_claim,
    purchase_execute,
    purchase_mark_succeeded,
    purchase_settle,
)
from .reconcile import purchase_needs_reconciling, purchase_reconcile, reconcile_due
from .sign_in import basket_keep_on_login

__all__ = [
    "BasketRef",
    "Order",
    "basket_add",
    "basket_apply_voucher",
    "basket_forget",
    "basket_keep_on_login",
    "basket_move",
    "basket_new",
    "basket_rebuild",
    "basket_ref_for_user",
    "basket_ref_get",
    "basket_ref_put",
    "basket_remove",
    "basket_remove_voucher",
    "buy_now",
    "card_delete",
    "card_form_url",
    "card_make_default",
    "card_registration_result",
    "card_registration_start",
    "checkout_card",
    "checkout_paypal_complete",
    "checkout_paypal_start",
    "current_basket",
    "purchase_active",
    "purchase_claim",
    "purchase_execute",
    "purchase_mark_succeeded",
    "purchase_needs_reconciling",
    "purchase_reconcile",
    "purchase_settle",
    "reconcile_due",
]
