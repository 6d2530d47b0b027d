"""The PayPal approval page, as www.paypal.com would show it (simulated).

`/paypal/approve?token=EC-...` (the `expressCheckout/url` of `basket/paypalurl`)
shows the basket's items and total with "Pay with PayPal (sandbox)" and "Cancel".
The POST marks the checkout approved (or cancelled) and redirects to the return URL
with `token` and `PayerID` appended (or to the cancel URL with `token`). A second
POST for the same token (a double press, another tab) redirects as the first did,
whatever it asks; a GET of a decided checkout offers the way back. Only the URLs
registered when the checkout started are ever followed: nothing in this page's
request can change where the shopper is sent.
"""

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_http_methods

from sandbox.commerce import paypal
from sandbox.commerce.baskets import basket_totals
from sandbox.models import PayPalCheckout
from sandbox.serializers.basket import money_of

TEMPLATE = "sandbox/paypal.html"


@require_http_methods(["GET", "POST"])
@csrf_protect
def approve(request: HttpRequest) -> HttpResponse:
    """Show a pending checkout, or act on the shopper's decision."""
    token = request.POST.get("token") or request.GET.get("token", "")
    checkout = paypal.paypal_checkout_find(token)
    if checkout is None:
        return render(request, TEMPLATE, {"state": "invalid"}, status=400)
    decided = paypal.paypal_decision_url(checkout)
    if decided is None and checkout.basket.purchase_id is not None:
        return render(request, TEMPLATE, {"state": "purchased"}, status=400)
    if request.method == "GET":
        if decided is not None:
            return render(
                request, TEMPLATE, {"state": "decided", "checkout": checkout, "url": decided}
            )
        return render(request, TEMPLATE, _page(checkout))
    if decided is None:
        decided = paypal.paypal_checkout_decide(
            checkout=checkout, approve=request.POST.get("decision") == "pay"
        )
    return HttpResponseRedirect(decided)


def _page(checkout: PayPalCheckout) -> dict:
    totals = basket_totals(checkout.basket)
    money = money_of(totals.country)
    lines = [
        {
            "name": (line.item.track or line.item.release).title,
            "artist": (line.item.track or line.item.release).artist.name,
            "price": money.formatted(line.item.price),
        }
        for line in totals.items
    ]
    return {
        "state": "form",
        "checkout": checkout,
        "lines": lines,
        "discount": money.formatted(totals.discount) if totals.discount else "",
        "total": money.formatted(totals.amount_due),
    }
