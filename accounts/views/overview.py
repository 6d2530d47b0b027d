"""The account page: a hub to the locker, wishlist, purchases and the 7digital link."""

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
