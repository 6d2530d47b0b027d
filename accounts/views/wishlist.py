"""The wishlist page and the add/remove toggle (an htmx button on release pages)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accounts import selectors, services
from accounts.forms import WishlistToggleForm
from storefront.http import safe_next, shopper_country


@login_required
@require_safe
def wishlist(request: HttpRequest) -> HttpResponse:
    items = selectors.wishlist_for(user=request.user)
    return render(request, "accounts/wishlist.html", {"items": items})


@login_required
@require_POST
def wishlist_toggle(request: HttpRequest) -> HttpResponse:
    """Add or remove one release. htmx gets the button back in its new state; without
    JavaScript the browser goes back to `next` (a page of this site only)."""
    form = WishlistToggleForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Bad wishlist request"))
    release_id = form.cleaned_data["release_id"]
    error = ""
    if form.cleaned_data["action"] == "add":
        try:
            services.wishlist_add(
                user=request.user, release_id=release_id, country=shopper_country(request)
            )
        except services.WishlistError as failure:
            error = str(failure)
    else:
        services.wishlist_remove(user=request.user, release_id=release_id)
    wished = release_id in selectors.wished_release_ids(user=request.user)
    if request.htmx:
        context = {"release_id": release_id, "wished": wished, "error": error, "signed_in": True}
        return render(request, "accounts/_wishlist_button.html", context)
    if error:
        messages.error(request, error)
    elif wished:
        messages.success(
            request, _("Saved to your wishlist: we will email you if the price drops.")
        )
    else:
        messages.info(request, _("Removed from your wishlist."))
    return redirect(safe_next(request, form.cleaned_data["next"], default=reverse("wishlist")))
