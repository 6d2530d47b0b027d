"""Territory operations: countries, translations, country/resolve; and status."""

import ipaddress

from django.utils import timezone

from sandbox.models import Country
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
    """The territory's translated strings (`country`/`shopId`, or a `locale` such as fr-BE)."""
    named = "country" in api.params or "shopId" in api.params
    country = api.country if named else _locale_country(api.params.str("locale")) or api.country
    page, size = api.params.paging(
        default_size=TRANSLATIONS_PAGE_SIZE, max_size=TRANSLATIONS_PAGE_SIZE
    )
    items = country.translations.order_by("key")
    start = (page - 1) * size
    shown = list(items[start : start + size])
    return territories.translations_element(page, size, items.count(), shown)


def _locale_country(locale: str | None) -> Country | None:
    """The territory of a locale: its region ("fr-BE", "en_GB") or a territory code."""
    if not locale:
        return None
    code = locale.replace("_", "-").split("-")[-1].upper()
    country = Country.objects.filter(code=code).first()
    if country is None:
        raise invalid("locale", f"'{locale}' is not a locale of a territory")
    return country


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
