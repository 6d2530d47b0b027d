"""Template context for every page of the shop."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from storefront.i18n import suggested_language
from storefront.territory import offered


def territory(request: HttpRequest) -> dict[str, Any]:
    """`country` (the shopper's territory code) and `countries` (the switcher's
    choices: codes, named in the page's language by the `territory_name` filter)."""
    return {
        "country": getattr(request, "country", settings.SEVENDIGITAL_DEFAULT_COUNTRY),
        "countries": tuple(offered()),
    }


def languages(request: HttpRequest) -> dict[str, Any]:
    """What the language switcher and the hreflang alternates are declared with (plain
    values: they are shared fragments, see storefront.i18n.page_languages): the page's
    path and query, its origin, and the territory's language when it is another."""
    return {
        "page_path": request.get_full_path(),
        "page_origin": f"{request.scheme}://{request.get_host()}",
        "suggested_language": suggested_language(request),
    }


def user(request: HttpRequest) -> dict[str, Any]:
    """The signed-in user alone (Django's `auth` processor adds `perms`, which a
    permission change moves without a change of the user's own values)."""
    return {"user": request.user}
