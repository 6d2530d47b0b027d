"""countries, translations, country/resolve, payment/card/type and status."""

import json
from datetime import datetime

import pytest

from tests.sandbox.factories import (
    assert_shape_recorded,
    children,
    error_of,
    get,
    make_country,
    payload,
)
from tests.sandbox.oauth_support import make_consumer

pytestmark = [pytest.mark.django_db, pytest.mark.urls("sandbox.urls")]


@pytest.fixture
def consumer():
    make_country("GB", ip_ranges="192.0.2.0/27,62.64.0.0/16")
    make_country("FR", ip_ranges="192.0.2.32/27,62.129.0.0/16")
    make_country(
        "BE",
        name="Belgium",
        local_name="België/Belgique",
        languages="fr,nl",
        currency_code="EUR",
        ip_ranges="81.240.0.0/16",
    )
    return make_consumer()


def test_countries_list_every_territory_in_the_recorded_shape(client, consumer):
    countries = payload(get(client, "countries", consumer))
    assert [c.get("code") for c in countries.findall("country")] == ["BE", "FR", "GB"]
    assert_shape_recorded(countries.find("country"), "countries/*.xml", "//country")
    assert_shape_recorded(countries.find(".//language"), "countries/*.xml", "//language")


def test_country_shop_urls_follow_the_real_hosts(client, consumer):
    """GB is www; a territory with several languages has one host per language."""
    countries = payload(get(client, "countries", consumer))
    gb = countries.find("country[@code='GB']")
    be = countries.find("country[@code='BE']")
    assert gb.findtext("url") == "http://www.7digital.com"
    assert be.findtext("url") == "http://fr-be.7digital.com"
    assert [lang.findtext("name") for lang in be.iterfind("languages/language")] == [
        "French",
        "Dutch",
    ]
    assert be.findtext("languages/language[2]/url") == "http://nl-be.7digital.com"


def _texts(found) -> dict[str, str]:
    return {t.findtext("key"): t.findtext("translatedText") for t in found.findall("translation")}


def test_translations_answer_a_whole_bundle_in_one_page(client, consumer):
    """translations: paging (5000 a page) then `translation[]` with key and text, by key.
    The bundles are in every database: the migration loads them."""
    found = payload(get(client, "translations", consumer, country="GB"))
    keys = [t.findtext("key") for t in found.findall("translation")]
    assert found.findtext("pageSize") == "5000"
    assert found.findtext("totalItems") == str(len(keys))
    assert keys == sorted(keys)
    assert children(found.find("translation")) == ["key", "translatedText"]
    assert _texts(found)["format_17"] == "320kbps MP3"
    assert _texts(found)["tag_electronic"] == "Electronic"


def test_translations_page_through_a_bundle(client, consumer):
    first = payload(get(client, "translations", consumer, locale="de", pageSize=10))
    second = payload(get(client, "translations", consumer, locale="de", page=2, pageSize=10))
    keys = [
        t.findtext("key") for t in (*first.findall("translation"), *second.findall("translation"))
    ]
    assert len(keys) == 20 and keys == sorted(keys)
    assert first.findtext("totalItems") == second.findtext("totalItems")


@pytest.mark.parametrize(
    ("locale", "electronic", "free"),
    [
        ("de", "Elektronisch", "Kostenlos"),
        ("de-DE", "Elektronisch", "Kostenlos"),
        ("fr_FR", "Électronique", "Gratuit"),
        ("fr-BE", "Électronique", "Gratuit"),
        ("ja-JP", "エレクトロニック", "無料"),
        ("JA", "エレクトロニック", "無料"),
        ("en-GB", "Electronic", "Free"),
    ],
)
def test_the_locale_chooses_the_language(client, consumer, locale, electronic, free):
    """The locale wins over the territory the client names (the store always sends one)."""
    make_country("DE", languages="de")
    make_country("JP", languages="ja")
    texts = _texts(payload(get(client, "translations", consumer, locale=locale, country="GB")))
    assert (texts["tag_electronic"], texts["price_free"]) == (electronic, free)


@pytest.mark.parametrize(
    ("named", "electronic"),
    [
        ({"country": "GB"}, "Electronic"),
        ({"country": "FR"}, "Électronique"),
        ({"shopId": 25}, "Électronique"),
        ({"country": "BE"}, "Électronique"),  # fr,nl: the first language with a bundle
        ({"country": "JP"}, "エレクトロニック"),
        ({}, "Electronic"),  # the default shop, GB
    ],
)
def test_without_a_locale_the_territory_language(client, consumer, named, electronic):
    make_country("JP", languages="ja")
    texts = _texts(payload(get(client, "translations", consumer, **named)))
    assert texts["tag_electronic"] == electronic


def test_a_language_with_few_words_takes_english_for_the_rest(client, consumer):
    """Spain's bundle has its words for formats and prices; tags come in English."""
    make_country("ES", languages="es")
    english = _texts(payload(get(client, "translations", consumer, country="GB")))
    spanish = _texts(payload(get(client, "translations", consumer, country="ES")))
    assert spanish.keys() == english.keys()
    assert spanish["price_free"] == "Gratis"
    assert spanish["tag_electronic"] == "Electronic"


@pytest.mark.parametrize("locale", ["xx-XX", "xx", "de-ZZ", "de-DE-x", "english", "1"])
def test_translations_with_an_unknown_locale_is_1002(client, consumer, locale):
    status, code, message = error_of(get(client, "translations", consumer, locale=locale))[:3]
    assert (status, code) == (400, 1002)
    assert locale in message


@pytest.mark.parametrize(
    ("address", "country"),
    [("62.64.31.123", "GB"), ("62.129.31.254", "FR"), ("192.0.2.40", "FR"), ("81.240.1.1", "BE")],
)
def test_resolve_finds_the_territory_of_an_address(client, consumer, address, country):
    lookup = payload(get(client, "country/resolve", consumer, ipaddress=address))
    assert children(lookup) == ["ipaddress", "countryCode"]
    assert (lookup.findtext("ipaddress"), lookup.findtext("countryCode")) == (address, country)


def test_resolve_accepts_ip_for_ipaddress(client, consumer):
    lookup = payload(get(client, "country/resolve", consumer, ip="62.129.31.254"))
    assert lookup.tag == "GeoIpLookup"
    assert lookup.findtext("countryCode") == "FR"


def test_an_address_in_no_range_resolves_to_the_default_shop(client, consumer):
    """As recorded (ipaddress-not-in-office.xml): an unknown address answers GB."""
    lookup = payload(get(client, "country/resolve", consumer, ipaddress="8.8.8.8"))
    assert lookup.findtext("countryCode") == "GB"


def test_resolve_rejects_what_is_not_an_address(client, consumer):
    response = get(client, "country/resolve", consumer, ipaddress="not.an.ip")
    assert error_of(response)[:2] == (400, 1002)


def test_card_types_as_recorded(client, consumer):
    card_types = payload(get(client, "payment/card/type", consumer))
    assert [(c.get("id"), c.text) for c in card_types] == [
        ("MAESTRO", "Maestro"),
        ("MASTERCARD", "MasterCard"),
        ("VISA", "Visa"),
        ("AMEX", "American Express"),
    ]


def test_card_types_in_json(client, consumer):
    body = json.loads(get(client, "payment/card/type", consumer, as_json=True).content)
    assert body["cardTypes"]["cardType"][2] == {"id": "VISA", "value": "Visa"}


def test_status_tells_the_server_time(client, consumer):
    status = payload(get(client, "status", consumer))
    server_time = datetime.fromisoformat(status.findtext("serverTime").replace("Z", "+00:00"))
    assert status.tag == "serviceStatus"
    assert server_time.tzinfo is not None
