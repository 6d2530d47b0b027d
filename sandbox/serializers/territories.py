"""Territory elements: `countries`, `translations`, `GeoIpLookup`, `cardTypes`."""

from collections.abc import Iterable

from sandbox.generator.territories import LANGUAGE_NAMES
from sandbox.models import Country
from sandbox.wire import el, paged, sub
from sandbox.wire.xml import Element

# The UK shop is the main site; other shops have their own host, one per language
# where a territory has several ("fr-be", "nl-be"; English keeps the plain one).
MAIN_SHOP = "GB"

# payment/card/type: the card brands the shop takes (id, display name).
CARD_TYPES = (
    ("MAESTRO", "Maestro"),
    ("MASTERCARD", "MasterCard"),
    ("VISA", "Visa"),
    ("AMEX", "American Express"),
)


def shop_url(country: Country, language: str) -> str:
    codes = country.languages.split(",")
    if country.code == MAIN_SHOP:
        host = "www"
    elif len(codes) == 1 or language == "en":
        host = country.code.lower()
    else:
        host = f"{language}-{country.code.lower()}"
    return f"http://{host}.7digital.com"


def country_element(country: Country) -> Element:
    """`country @code`: `url`, `name`, `localName`, `languages/language[]`."""
    codes = [code.strip() for code in country.languages.split(",") if code.strip()]
    node = el("country", code=country.code)
    sub(node, "url", shop_url(country, codes[0] if codes else "en"))
    sub(node, "name", country.name)
    sub(node, "localName", country.local_name)
    languages = sub(node, "languages")
    for code in codes:
        name, local_name = LANGUAGE_NAMES.get(code, (code, code))
        language = sub(languages, "language")
        sub(language, "name", name)
        sub(language, "localName", local_name)
        sub(language, "url", shop_url(country, code))
    return node


def countries_element(countries: Iterable[Country]) -> Element:
    node = el("countries")
    node.extend(country_element(country) for country in countries)
    return node


def translations_element(
    page: int, size: int, total: int, pairs: Iterable[tuple[str, str]]
) -> Element:
    """`translations`: paging, `translation[]` (`key`, `translatedText`) of (key, text)."""
    node = paged("translations", page, size, total)
    for key, text in pairs:
        translation = sub(node, "translation")
        sub(translation, "key", key)
        sub(translation, "translatedText", text)
    return node


def geo_ip_lookup(ip_address: str, country_code: str) -> Element:
    node = el("GeoIpLookup")
    sub(node, "ipaddress", ip_address)
    sub(node, "countryCode", country_code)
    return node


def card_types_element() -> Element:
    node = el("cardTypes")
    for card_id, name in CARD_TYPES:
        sub(node, "cardType", name, id=card_id)
    return node
