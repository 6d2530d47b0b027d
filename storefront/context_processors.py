"""Template context for every page of the shop."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from storefront.territory import offered


def territory(request: HttpRequest) -> dict[str, Any]:
    """`country` (the shopper's territory code) and `countries` (the switcher's
    choices: codes, named in the page's language by the `territory_name` filter)."""
    return {
        "country": getattr(request, "country", settings.SEVENDIGITAL_DEFAULT_COUNTRY),
        "countries": tuple(offered()),
    }
