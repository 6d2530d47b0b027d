"""Template context for every page of the shop."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from storefront.territory import offered_countries


def territory(request: HttpRequest) -> dict[str, Any]:
    """`country` (the shopper's territory code) and `countries` (the switcher's
    choices, read only by pages that show the switcher)."""
    return {
        "country": getattr(request, "country", settings.SEVENDIGITAL_DEFAULT_COUNTRY),
        "countries": SimpleLazyObject(offered_countries),
    }
