"""Helpers shared by the accounts views."""

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
