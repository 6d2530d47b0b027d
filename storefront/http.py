"""Request helpers every app's views share: safe redirects, the shopper's territory,
and which htmx requests answer with a fragment."""

from django.conf import settings
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


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
    """An htmx request made by our own hx-get/hx-post (not a boosted navigation): answer
    a fragment. Everything else gets a whole page (or POST-redirect-GET with messages)."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.boosted
