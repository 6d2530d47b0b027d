"""What the checkout views share: safe redirects, sign-in and link checks, territory."""

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from accounts.services import NotLinked

View = Callable[..., HttpResponse]


def safe_next(request: HttpRequest, value: str | None, *, default: str) -> str:
    """`value` if it is a URL on this site (never another host or scheme), else default."""
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return default


def shopper_country(request: HttpRequest) -> str:
    """The territory the shopper browses in (set by the territory middleware)."""
    return getattr(request, "country", None) or settings.SEVENDIGITAL_DEFAULT_COUNTRY


def is_live(request: HttpRequest) -> bool:
    """An htmx request made by our own hx-post (not a boosted navigation): answer a
    fragment. Everything else gets POST-redirect-GET with messages."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.boosted


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
                messages.info(request, "Link your 7digital account to pay and download music.")
                return redirect(f"{reverse('sevendigital-link')}?{urlencode({'next': here})}")

        return wrapper

    return decorate
