"""Checkout: review and pay (stored card or PayPal), buy now, and the receipt.

Every payment is a POST carrying a one-time submit token and the basket id it was
shown for; whatever happens, the shopper lands on the purchase's receipt (which says
succeeded, failed and why, or "being confirmed") or back on the page they came from
with a message. The receipt of an attempt whose outcome is unknown reconciles it.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from checkout import selectors, services
from checkout.errors import (
    AlreadyOwned,
    CardNeedsAttention,
    CheckoutError,
    NotForSale,
    VoucherRefused,
)
from checkout.forms import BuyNowForm, PayForm, PayPalCompleteForm
from checkout.models import Purchase
from checkout.views.common import shopper_required
from storefront.http import safe_next, shopper_country
from storefront.tokens import new_submit_token

PENDING_REFRESH_SECONDS = 2


@require_safe
@shopper_required("checkout")
def checkout_page(request: HttpRequest) -> HttpResponse:
    """Review the basket, then pay with the default card or with PayPal."""
    ref = services.basket_ref_for_user(user=request.user)
    if ref is None or ref.item_count == 0:
        messages.info(request, _("Your basket is empty."))
        return redirect("basket")
    try:
        summary = selectors.basket_summary(ref=ref)
        cards = selectors.cards_for(user=request.user)
    except CheckoutError as error:
        messages.error(request, error.message)
        return redirect("basket")
    context = {
        "summary": summary,
        "default_card": next((card for card in cards if card.is_default), None),
        "submit_token": new_submit_token(),
        "country": shopper_country(request),
    }
    return render(request, "checkout/checkout.html", context)


def _outcome(request: HttpRequest, purchase: Purchase, *, back: str = "") -> HttpResponse:
    """Where a payment POST ends: its receipt; after a refusal, where the shopper can
    put right what 7digital refused (`back`: the page a buy-now came from)."""
    failure = purchase.failure
    if failure is None:
        return redirect(purchase)
    messages.error(request, failure.message)
    match failure:
        case CardNeedsAttention():
            return redirect(f"{reverse('cards')}?{urlencode({'next': reverse('checkout')})}")
        case AlreadyOwned():
            return redirect("locker")
        case NotForSale() | VoucherRefused():
            return redirect("basket")
        case _ if back:
            return redirect(back)
        case _ if purchase.kind == Purchase.Kind.BASKET:
            return redirect("checkout")
        case _:
            return redirect(purchase)


@require_POST
@shopper_required("checkout")
def checkout_card(request: HttpRequest) -> HttpResponse:
    form = PayForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please press “Pay” on the checkout page."))
        return redirect("checkout")
    try:
        purchase = services.checkout_card(user=request.user, **form.cleaned_data)
    except CheckoutError as error:
        messages.error(request, error.message)
        return redirect("checkout")
    return _outcome(request, purchase)


@require_POST
@shopper_required("checkout")
def checkout_paypal(request: HttpRequest) -> HttpResponse:
    """Send the shopper to PayPal to approve paying for this basket."""
    basket_id = request.POST.get("basket_id", "")
    back = request.build_absolute_uri(reverse("checkout-paypal-return"))
    query = urlencode({"basket": basket_id})
    try:
        url = services.checkout_paypal_start(
            user=request.user,
            basket_id=basket_id,
            return_url=f"{back}?{query}",
            cancel_url=request.build_absolute_uri(reverse("checkout-paypal-cancel")),
        )
    except CheckoutError as error:
        messages.error(request, error.message)
        return redirect("checkout")
    return HttpResponseRedirect(url)


@require_http_methods(["GET", "POST"])
@shopper_required("checkout")
def checkout_paypal_return(request: HttpRequest) -> HttpResponse:
    """Back from PayPal: GET shows "Confirm and pay"; the POST takes the payment."""
    if request.method == "POST":
        return _paypal_complete(request)
    basket_id = request.GET.get("basket", "")
    earlier = services.purchase_active(user=request.user, subject=f"basket:{basket_id}")
    if earlier is not None:
        return redirect(earlier)
    try:
        ref = services.current_basket(user=request.user, basket_id=basket_id)
        summary = selectors.basket_summary(ref=ref)
    except CheckoutError as error:
        messages.error(request, error.message)
        return redirect("basket")
    context = {
        "summary": summary,
        "paypal_token": request.GET.get("token", ""),
        "payer_id": request.GET.get("PayerID", ""),
        "submit_token": new_submit_token(),
    }
    return render(request, "checkout/paypal_confirm.html", context)


def _paypal_complete(request: HttpRequest) -> HttpResponse:
    form = PayPalCompleteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("That PayPal approval is not complete: please start again."))
        return redirect("checkout")
    try:
        purchase = services.checkout_paypal_complete(user=request.user, **form.cleaned_data)
    except CheckoutError as error:
        messages.error(request, error.message)
        return redirect("checkout")
    return _outcome(request, purchase)


@require_safe
def checkout_paypal_cancel(request: HttpRequest) -> HttpResponse:
    messages.info(request, _("You cancelled the PayPal payment. Nothing was charged."))
    return redirect("checkout" if request.user.is_authenticated else "basket")


@require_POST
@shopper_required("basket")
def buy_now(request: HttpRequest) -> HttpResponse:
    """Buy one release or track straight away with the default card."""
    back = safe_next(request, request.POST.get("next"), default=reverse("basket"))
    form = BuyNowForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("That item could not be bought from here."))
        return redirect(back)
    try:
        purchase = services.buy_now(
            user=request.user, country=shopper_country(request), **form.cleaned_data
        )
    except CheckoutError as error:
        messages.error(request, error.message)
        return redirect(back)
    return _outcome(request, purchase, back=back)


@require_safe
@shopper_required("basket")
def receipt(request: HttpRequest, key: str) -> HttpResponse:
    """A purchase's receipt (its owner only); an unknown outcome is looked into first."""
    purchase = selectors.purchase_of(user=request.user, key=key)
    if purchase is None:
        raise Http404(_("No such purchase"))
    if services.purchase_needs_reconciling(purchase):
        purchase = services.purchase_reconcile(purchase=purchase)
    context = {
        "purchase": purchase,
        "refresh": PENDING_REFRESH_SECONDS if not purchase.is_settled else None,
    }
    return render(request, "checkout/receipt.html", context)
