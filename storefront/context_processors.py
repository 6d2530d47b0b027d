"""Template context for every page of the shop."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from storefront.i18n import is_translatable, language_links, language_name
from storefront.territory import offered


def territory(request: HttpRequest) -> dict[str, Any]:
    """`country` (the shopper's territory code) and `countries` (the switcher's
    choices: codes, named in the page's language by the `territory_name` filter)."""
    return {
        "country": getattr(request, "country", settings.SEVENDIGITAL_DEFAULT_COUNTRY),
        "countries": tuple(offered()),
    }


def languages(request: HttpRequest) -> dict[str, Any]:
    """For the language switcher and the hreflang alternates (computed only by the
    pages that show them): `language_links` (this page in each language, see
    storefront.i18n.LanguageLink), `translatable` (the page has those versions) and
    `suggested_language` (the shopper's territory's language, when it is not the
    page's: the switcher offers it)."""
    links = SimpleLazyObject(lambda: language_links(request))
    return {
        "language_links": links,
        "translatable": SimpleLazyObject(lambda: is_translatable(list(links))),
        "suggested_language": SimpleLazyObject(lambda: _suggested(request, links)),
    }


def _suggested(request: HttpRequest, links: Any) -> Any:
    country = getattr(request, "country", None)
    language = settings.STORE_TERRITORY_LANGUAGES.get(country or "")
    if not language or language == getattr(request, "LANGUAGE_CODE", None):
        return None
    link = next((link for link in links if link.code == language), None)
    return {"link": link, "country": country, "name": language_name(language)} if link else None
