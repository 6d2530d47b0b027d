"""Payment cards: list, add (through 7digital's hosted form), make default, delete.

Adding a card sends the browser to 7digital's card form, which sends it back to
`card-registration-return` with `cardRegistrationId`; the store then asks 7digital
whether the card was added. Card numbers go from the browser to 7digital only.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from checkout import selectors, services
from checkout.errors import CheckoutError
from checkout.forms import CardForm
from checkout.views.common import shopper_required
from storefront.http import safe_next

NEXT_KEY = "checkout.cards-next"


@require_safe
@shopper_required("cards")
def cards_page(request: HttpRequest) -> HttpResponse:
    cards, problem = (), ""
    try:
        cards = selectors.cards_for(user=request.user)
    except CheckoutError as error:
        problem = error.message
    context = {"cards": cards, "problem": problem, "next": request.GET.get("next", "")}
    return render(request, "checkout/cards.html", context)


@require_POST
@shopper_required("cards")
def card_add(request: HttpRequest) -> HttpResponse:
    """Start a card registration and send the browser to 7digital's card form."""
    # Where to go once the card is added (checkout, usually), kept server-side.
    request.session[NEXT_KEY] = safe_next(
        request, request.POST.get("next"), default=reverse("cards")
    )
    callback = request.build_absolute_uri(reverse("card-registration-return"))
    try:
        form_url = services.card_registration_start(user=request.user, redirect_url=callback)
    except CheckoutError as error:
        messages.error(request, error.message)
        return redirect("cards")
    return HttpResponseRedirect(form_url)


@require_safe
@shopper_required("cards")
def card_registration_return(request: HttpRequest) -> HttpResponse:
    """Back from the card form: say whether the card was added, and why not."""
    registration_id = request.GET.get("cardRegistrationId", "")
    next_url = request.session.pop(NEXT_KEY, None) or reverse("cards")
    if not registration_id:
        messages.error(request, _("The card form did not say which card it was about."))
        return redirect("cards")
    try:
        registration = services.card_registration_result(
            user=request.user, registration_id=registration_id
        )
    except CheckoutError as error:
        messages.error(request, error.message)
        return redirect("cards")
    if registration.is_complete and registration.card is not None:
        card = registration.card
        messages.success(
            request,
            _("Card %(type)s ending %(digits)s added.")
            % {"type": card.type, "digits": card.last_four_digits},
        )
        return redirect(next_url)
    if registration.status == "error":
        reason = (registration.error_message or _("it was refused")).rstrip(".")
        # Translators: %(reason)s is 7digital's own reason (in English), or "it was refused".
        message = _("The card was not added: %(reason)s. Please try again.") % {"reason": reason}
        messages.error(request, message)
    else:
        messages.info(request, _("The card form was not finished, so no card was added."))
    return redirect("cards")


def _card_change(request: HttpRequest, change, done: str) -> HttpResponse:
    form = CardForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("That card is not one of yours."))
        return redirect("cards")
    try:
        change(user=request.user, card_id=form.cleaned_data["card_id"])
    except CheckoutError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect(safe_next(request, request.POST.get("next"), default=reverse("cards")))


@require_POST
@shopper_required("cards")
def card_select(request: HttpRequest) -> HttpResponse:
    return _card_change(request, services.card_make_default, _("That card is now your default."))


@require_POST
@shopper_required("cards")
def card_delete(request: HttpRequest) -> HttpResponse:
    return _card_change(request, services.card_delete, _("Card removed."))
