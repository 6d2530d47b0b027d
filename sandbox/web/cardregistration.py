"""The hosted card form, as 7digital hosts it for card registrations.

`GET /cardregistration/{id}` shows the form for a pending registration; `POST` checks
the card fields once (`sandbox.commerce.cards.registration_submit`) and sends the
browser to `{redirectUrl}?cardRegistrationId={id}` whatever the outcome: the store
then asks `user/payment/cardregistration/{id}` whether the card was added or why not
(WIRE-NOTES §4.3.6). The card number goes from the browser to the sandbox only.

The POST is exempt from CSRF checks on purpose: a store may render its own form that
posts straight here from its own origin (the direct-post pattern of hosted payment
pages), and the registration id in the URL is signed and unguessable, so holding it
is what authorises filling in the form.
"""

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from sandbox.commerce import cards
from sandbox.models import CardRegistration

TEMPLATE = "sandbox/cardregistration.html"
FIELDS = (
    "cardNumber",
    "cardHolderName",
    "cardExpiryMonth",
    "cardExpiryYear",
    "cardStartMonth",
    "cardStartYear",
    "cardPostCode",
    "cardVerificationCode",
)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def card_registration(request: HttpRequest, registration_id: str) -> HttpResponse:
    """Show the card form, or take the card and return the browser to the store."""
    if request.method == "POST":
        fields = {name: request.POST.get(name, "") for name in FIELDS}
        try:
            registration = cards.registration_submit(public_id=registration_id, fields=fields)
        except cards.RegistrationClosed:
            return _closed(request, registration_id)
        return HttpResponseRedirect(cards.registration_return_url(registration))
    registration = cards.registration_by_public_id(registration_id)
    if registration is None or registration.status != CardRegistration.Status.PENDING:
        return _closed(request, registration_id)
    context = {
        "state": "form",
        "action": request.path,
        "test_card": "4111 1111 1111 1111",
    }
    return render(request, TEMPLATE, context)


def _closed(request: HttpRequest, registration_id: str) -> HttpResponse:
    known = cards.registration_by_public_id(registration_id) is not None
    state = "used" if known else "unknown"
    return render(request, TEMPLATE, {"state": state}, status=400 if known else 404)
