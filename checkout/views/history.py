"""The purchase history: the shop's records of the shopper's purchases."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from checkout import selectors


@login_required
@require_safe
def purchase_history(request: HttpRequest) -> HttpResponse:
    """Newest first, each with a link to its receipt."""
    purchases = selectors.purchases_for(user=request.user)
    return render(request, "checkout/purchase_history.html", {"purchases": purchases})
