"""Checkout URLs, mounted at the site root: the basket, checkout, cards and receipts."""

from django.urls import path

from checkout.views import basket, cards, history, pay

urlpatterns = [
    # The basket (works before sign-in)
    path("basket/", basket.basket_page, name="basket"),
    path("basket/add/", basket.basket_add, name="basket-add"),
    path("basket/remove/", basket.basket_remove, name="basket-remove"),
    path("basket/voucher/", basket.basket_voucher, name="basket-voucher"),
    path("basket/voucher/remove/", basket.basket_voucher_remove, name="basket-voucher-remove"),
    path("basket/move/", basket.basket_move, name="basket-move"),
    # Paying (signed in, linked to 7digital)
    path("checkout/", pay.checkout_page, name="checkout"),
    path("checkout/card/", pay.checkout_card, name="checkout-card"),
    path("checkout/paypal/", pay.checkout_paypal, name="checkout-paypal"),
    path("checkout/paypal/return/", pay.checkout_paypal_return, name="checkout-paypal-return"),
    path("checkout/paypal/cancel/", pay.checkout_paypal_cancel, name="checkout-paypal-cancel"),
    path("buy-now/", pay.buy_now, name="buy-now"),
    path("receipt/<str:key>/", pay.receipt, name="receipt"),
    # Beside the account pages (accounts/urls.py), but the purchases are checkout's
    path("accounts/purchases/", history.purchase_history, name="purchase-history"),
    # Stored cards
    path("cards/", cards.cards_page, name="cards"),
    path("cards/add/", cards.card_add, name="card-add"),
    path("cards/added/", cards.card_registration_return, name="card-registration-return"),
    path("cards/default/", cards.card_select, name="card-select"),
    path("cards/delete/", cards.card_delete, name="card-delete"),
]
