"""The basket: its page, and adding, removing, vouchers and moving territory.

Every change is a POST. From our own htmx forms (`is_live`) the answer is a fragment:
the basket panel (or, for an add on a catalogue page, a short status line) with the
header badge swapped out of band. Without JavaScript, or from a boosted form, it is
POST-redirect-GET with a message. A refused change leaves the basket as it was, and
says why.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from checkout import selectors, services
from checkout.errors import CheckoutError
from checkout.forms import AddItemForm, RemoveItemForm, VoucherForm
from checkout.views.common import basket_owner
from sevendigital import Basket
from storefront.http import is_live, safe_next, shopper_country

PANEL = "checkout/_basket_response.html"


@require_safe
def basket_page(request: HttpRequest) -> HttpResponse:
    ref = services.basket_ref_get(owner=basket_owner(request))
    summary, problem = None, ""
    if ref is not None:
        try:
            summary = selectors.basket_summary(ref=ref)
        except CheckoutError as error:
            problem = error.message
    context = {"summary": summary, "problem": problem, "country": shopper_country(request)}
    return render(request, "checkout/basket.html", context)


def _answer(
    request: HttpRequest,
    *,
    basket: Basket | None = None,
    ok: str = "",
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    """The panel fragment for htmx, else a message and a redirect to the basket page."""
    if not is_live(request):
        if error:
            messages.error(request, error)
        elif ok:
            messages.success(request, ok)
        return redirect(safe_next(request, request.POST.get("next"), default=reverse("basket")))
    ref = services.basket_ref_get(owner=basket_owner(request))
    summary = None
    if ref is not None:
        try:
            summary = (
                selectors.BasketSummary(ref=ref, basket=basket)
                if basket is not None
                else selectors.basket_summary(ref=ref)
            )
        except CheckoutError as problem:
            error = error or problem.message
    context = {
        "summary": summary,
        "country": shopper_country(request),
        "notice": error or ok,
        "notice_is_error": bool(error),
    }
    return render(request, PANEL, context, status=status)


@require_POST
def basket_add(request: HttpRequest) -> HttpResponse:
    form = AddItemForm(request.POST)
    if not form.is_valid():
        return _added(request, error=_("That item could not be added."), status=400)
    try:
        basket = services.basket_add(owner=basket_owner(request), **form.cleaned_data)
    except CheckoutError as error:
        return _added(request, error=error.message)
    name = _name_of(basket, form.cleaned_data)
    if name is None:
        return _added(request, ok=_("Added the item to your basket."))
    return _added(request, ok=_("Added “%(name)s” to your basket.") % {"name": name})


def _name_of(basket: Basket, wanted: dict) -> str | None:
    for item in basket.items:
        if item.release_id == wanted["release_id"] and item.track_id == wanted["track_id"]:
            return item.item_name
    return None


def _added(request: HttpRequest, *, ok: str = "", error: str = "", status: int = 200):
    """An add from a catalogue page: a status line beside the button, and the badge."""
    if not is_live(request):
        return _answer(request, ok=ok, error=error)
    context = {"notice": error or ok, "notice_is_error": bool(error)}
    return render(request, "checkout/_added.html", context, status=status)


@require_POST
def basket_remove(request: HttpRequest) -> HttpResponse:
    form = RemoveItemForm(request.POST)
    if not form.is_valid():
        return _answer(request, error=_("That item is not in your basket."), status=400)
    try:
        basket = services.basket_remove(
            owner=basket_owner(request), item_id=form.cleaned_data["item_id"]
        )
    except CheckoutError as error:
        return _answer(request, error=error.message)
    return _answer(request, basket=basket, ok=_("Removed from your basket."))


@require_POST
def basket_voucher(request: HttpRequest) -> HttpResponse:
    form = VoucherForm(request.POST)
    if not form.is_valid():
        return _answer(request, error=_("Type a voucher code first."), status=400)
    code = form.cleaned_data["voucher_code"]
    try:
        basket = services.basket_apply_voucher(owner=basket_owner(request), code=code)
    except CheckoutError as error:
        return _answer(request, error=error.message)
    return _answer(
        request, basket=basket, ok=_("Voucher %(code)s applied.") % {"code": code.upper()}
    )


@require_POST
def basket_voucher_remove(request: HttpRequest) -> HttpResponse:
    try:
        basket = services.basket_remove_voucher(owner=basket_owner(request))
    except CheckoutError as error:
        return _answer(request, error=error.message)
    return _answer(request, basket=basket, ok=_("Voucher removed."))


@require_POST
def basket_move(request: HttpRequest) -> HttpResponse:
    """Re-create the basket in the shopper's current territory (prices change)."""
    try:
        basket, left_behind = services.basket_move(owner=basket_owner(request))
    except CheckoutError as error:
        return _answer(request, error=error.message)
    # Translators: %(country)s is a two-letter country code (GB, DE, US...).
    ok = _("Your basket is now priced in the %(country)s shop.") % {
        "country": shopper_country(request)
    }
    if left_behind:
        names = ", ".join(f"“{item.item_name}”" for item in left_behind)
        ok += " " + _("Not sold there, so left out: %(names)s.") % {"names": names}
    return _answer(request, basket=basket, ok=ok)
