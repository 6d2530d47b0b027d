"""What the checkout views share: the signed-in-and-linked shopper check."""

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.services import NotLinked
from checkout.services.baskets import BasketOwner
from storefront.http import safe_next, shopper_country

View = Callable[..., HttpResponse]


def basket_owner(request: HttpRequest) -> BasketOwner:
    """Whose basket this request works on, for the basket services."""
    user = request.user if request.user.is_authenticated else None
    return BasketOwner(session=request.session, country=shopper_country(request), user=user)


def shopper_required(back_to: str) -> Callable[[View], View]:
    """Signed-in shoppers only; others go to sign in and come back to `back_to` (a URL
    name: a POST cannot be replayed after signing in, so its page is the way back) or,
    for a GET, to the page itself. A shop account without a 7digital link is sent to
    link one."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method == "GET":
                here = request.get_full_path()
            else:
                here = safe_next(request, request.POST.get("next"), default=reverse(back_to))
            if not request.user.is_authenticated:
                return redirect_to_login(here)
            try:
                return view(request, *args, **kwargs)
            except NotLinked:
                messages.info(request, _("Link your 7digital account to pay and download music."))
                return redirect(f"{reverse('sevendigital-link')}?{urlencode({'next': here})}")

        return wrapper

    return decorate
