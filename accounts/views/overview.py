"""The account page (a hub) and the purchase history."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from accounts import selectors


@login_required
@require_safe
def overview(request: HttpRequest) -> HttpResponse:
    context = {
        "link": selectors.link_for(user=request.user),
        "wishlist_count": selectors.wishlist_for(user=request.user).count(),
    }
    return render(request, "accounts/overview.html", context)


@login_required
@require_safe
def purchase_history(request: HttpRequest) -> HttpResponse:
    """The shop's records of the shopper's purchases, with links to their receipts."""
    purchases = selectors.purchase_history(user=request.user)
    return render(request, "accounts/purchase_history.html", {"purchases": purchases})
