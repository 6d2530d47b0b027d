"""Territory operations: countries, translations, country/resolve; and status."""

import ipaddress
import re

from django.utils import timezone

from sandbox.generator.translations import DEFAULT_LANGUAGE, LANGUAGES
from sandbox.models import Country, Translation
from sandbox.serializers import territories
from sandbox.wire import ApiRequest, el, invalid, operation, sub
from sandbox.wire.registry import DEFAULT_COUNTRY
from sandbox.wire.xml import Element

TRANSLATIONS_PAGE_SIZE = 5000  # the real API answers every key in one page


@operation("countries")
def countries(api: ApiRequest) -> Element:
    """Every territory the shop sells in (no paging)."""
    return territories.countries_element(Country.objects.order_by("code"))


@operation("translations")
def translations(api: ApiRequest) -> Element:
    """The catalogue's strings in one language: the `locale`'s ("de", "fr-BE", "ja_JP"),
    else the territory's (`country`/`shopId`; GB and US English, DE German, FR French,
    JP Japanese). Keys the language has no words for come in English."""
    language = _locale_language(api.params.str("locale")) or _territory_language(api.country)
    page, size = api.params.paging(
        default_size=TRANSLATIONS_PAGE_SIZE, max_size=TRANSLATIONS_PAGE_SIZE
    )
    pairs = _bundle(language)
    start = (page - 1) * size
    return territories.translations_element(page, size, len(pairs), pairs[start : start + size])


_LOCALE = re.compile(r"([A-Za-z]{2,3})(?:[-_]([A-Za-z]{2}))?")


def _locale_language(locale: str | None) -> str | None:
    """The bundle language of a locale: a language with a bundle, and when a region is
    given, a territory of the shop ("en-GB", "fr_BE", "ja-JP"; not "xx-XX", "de-ZZ")."""
    if not locale:
        return None
    found = _LOCALE.fullmatch(locale.strip())
    language = found.group(1).lower() if found else ""
    if language not in LANGUAGES:
        raise invalid(
            "locale", f"'{locale}' is not a locale of a shop language ({', '.join(LANGUAGES)})"
        )
    region = found.group(2) if found else None
    if region and not Country.objects.filter(code=region.upper()).exists():
        raise invalid("locale", f"'{locale}' is not a locale of a territory")
    return language


def _territory_language(country: Country) -> str:
    """The territory's first language that has a bundle; English where none has."""
    spoken = [code.strip() for code in country.languages.split(",")]
    return next((code for code in spoken if code in LANGUAGES), DEFAULT_LANGUAGE)


def _bundle(language: str) -> list[tuple[str, str]]:
    """(key, text) of the language's bundle over the English one, by key."""
    rows = Translation.objects.filter(language__in={DEFAULT_LANGUAGE, language})
    texts: dict[str, str] = {}
    for row_language, key, text in rows.values_list("language", "key", "text"):
        if row_language == language or key not in texts:
            texts[key] = text
    return sorted(texts.items())


@operation("country/resolve")
def country_resolve(api: ApiRequest) -> Element:
    """The territory of an IPv4 address (`ipaddress` or `ip`; default the caller's).

    Addresses in no territory's ranges resolve to the default shop (GB).
    """
    text = api.params.str("ipaddress", "ip") or api.request.META.get("REMOTE_ADDR", "")
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        raise invalid("ipaddress", f"'{text}' is not an IP address") from None
    return territories.geo_ip_lookup(str(address), _country_code_of(address))


def _country_code_of(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    for code, ranges in Country.objects.values_list("code", "ip_ranges"):
        for cidr in filter(None, (part.strip() for part in ranges.split(","))):
            network = ipaddress.ip_network(cidr, strict=False)
            if address.version == network.version and address in network:
                return code
    return DEFAULT_COUNTRY


@operation("payment/card/type")
def card_types(api: ApiRequest) -> Element:
    return territories.card_types_element()


@operation("status")
def status(api: ApiRequest) -> Element:
    """The server's clock (clients check OAuth timestamps against it)."""
    node = el("serviceStatus")
    sub(node, "serverTime", timezone.now().replace(microsecond=0))
    return node
