"""The shopper's territory: chosen (a signed cookie), else derived on each request."""

import pytest
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

from catalogue.templatetags.store import territory_name
from storefront.context_processors import territory
from storefront.territory import COOKIE_NAME, TerritoryMiddleware, chosen_country, client_ip
from tests.catalogue import fake_api

FRENCH_IP = "62.129.31.254"  # resolves to FR (as in the recordings)


@pytest.fixture
def api(settings):
    yield fake_api.install(settings)
    fake_api.uninstall()


def through_middleware(request):
    """Run a request through sessions + territory; the request as the view saw it."""
    seen = {}

    def view(req):
        seen["request"] = req
        return HttpResponse("ok")

    SessionMiddleware(TerritoryMiddleware(view))(request)
    return seen["request"]


def request_from(ip: str, **headers):
    return RequestFactory().get("/", REMOTE_ADDR=ip, **headers)


@pytest.mark.django_db
def test_first_request_resolves_the_ip_and_stores_nothing(api):
    """A visitor's territory comes from country/resolve; no session is made for it."""
    request = through_middleware(request_from(FRENCH_IP))
    assert request.country == "FR"
    assert request.session.session_key is None
    assert not request.session.modified
    assert api.calls == {"country/resolve": 1}


@pytest.mark.django_db
def test_later_requests_reuse_the_cached_answer(api):
    """The derived territory is a cached read: the same visitor again costs no call."""
    through_middleware(request_from(FRENCH_IP))
    assert through_middleware(request_from(FRENCH_IP)).country == "FR"
    assert api.calls == {"country/resolve": 1}


@pytest.mark.django_db
def test_a_chosen_territory_wins_over_the_ip(api):
    """The switcher's signed cookie decides; the IP is not even looked up."""
    response = Client().post(reverse("set-territory"), {"country": "US", "next": "/"})
    request = request_from(FRENCH_IP)
    request.COOKIES = {COOKIE_NAME: response.cookies[COOKIE_NAME].value}
    assert through_middleware(request).country == "US"
    assert api.total == 0


@pytest.mark.django_db
def test_a_forged_territory_cookie_is_ignored(api):
    """An unsigned or tampered cookie counts as no choice."""
    request = request_from(FRENCH_IP)
    request.COOKIES = {COOKIE_NAME: "US"}
    assert chosen_country(request) is None
    assert through_middleware(request).country == "FR"


@pytest.mark.django_db
def test_a_choice_the_shop_no_longer_sells_in_is_ignored(api, settings):
    response = Client().post(reverse("set-territory"), {"country": "US", "next": "/"})
    settings.STORE_TERRITORIES = ["GB", "FR"]
    request = request_from(FRENCH_IP)
    request.COOKIES = {COOKIE_NAME: response.cookies[COOKIE_NAME].value}
    assert through_middleware(request).country == "FR"


@pytest.mark.django_db
def test_neighbours_share_one_call_and_no_full_address_is_sent(api):
    """7digital is asked about the /24 network: a neighbour's session costs no call."""
    assert through_middleware(request_from(FRENCH_IP)).country == "FR"
    assert through_middleware(request_from("62.129.31.7")).country == "FR"
    assert api.calls == {"country/resolve": 1}
    assert [query["ipaddress"] for _, query in api.queries] == ["62.129.31.0"]


@pytest.mark.django_db
def test_ipv6_is_asked_about_its_48(api):
    through_middleware(request_from("2a00:1450:4009:81f::200e"))
    assert [query["ipaddress"] for _, query in api.queries] == ["2a00:1450:4009::"]


@pytest.mark.django_db
def test_a_trusted_country_header_costs_no_call(api, settings):
    """Behind a CDN that gives the visitor's country, the session takes it from there."""
    settings.STORE_COUNTRY_HEADER = "CloudFront-Viewer-Country"
    request = request_from(FRENCH_IP, HTTP_CLOUDFRONT_VIEWER_COUNTRY="us")
    assert through_middleware(request).country == "US"
    assert api.total == 0


@pytest.mark.django_db
def test_a_country_header_not_sold_in_falls_back_to_the_ip(api, settings):
    settings.STORE_COUNTRY_HEADER = "CF-IPCountry"
    assert through_middleware(request_from(FRENCH_IP, HTTP_CF_IPCOUNTRY="XX")).country == "FR"
    assert api.calls == {"country/resolve": 1}


@pytest.mark.django_db
def test_the_header_is_ignored_unless_configured(api, settings):
    """A client cannot choose its territory by sending the header itself."""
    settings.STORE_COUNTRY_HEADER = ""
    request = request_from(FRENCH_IP, HTTP_CLOUDFRONT_VIEWER_COUNTRY="US")
    assert through_middleware(request).country == "FR"


@pytest.mark.django_db
def test_loopback_is_the_default_without_a_call(api):
    assert through_middleware(request_from("127.0.0.1")).country == "GB"
    assert api.total == 0


@pytest.mark.django_db
def test_api_failure_gives_the_default(api):
    api.down = True
    assert through_middleware(request_from(FRENCH_IP)).country == "GB"


@pytest.mark.django_db
def test_territory_the_shop_does_not_sell_in_gives_the_default(api, settings):
    settings.STORE_TERRITORIES = ["GB", "US"]
    assert through_middleware(request_from(FRENCH_IP)).country == "GB"


def test_forwarded_for_is_ignored_by_default(settings):
    """Without trusted proxies the header is the client's word: not used."""
    settings.STORE_TRUSTED_PROXY_COUNT = 0
    request = request_from("10.0.0.1", HTTP_X_FORWARDED_FOR=FRENCH_IP)
    assert client_ip(request) == "10.0.0.1"


def test_forwarded_for_trusted_behind_a_proxy(settings):
    """Behind one proxy, the address it appended is the client's."""
    settings.STORE_TRUSTED_PROXY_COUNT = 1
    request = request_from("10.0.0.1", HTTP_X_FORWARDED_FOR=f"1.2.3.4, {FRENCH_IP}")
    assert client_ip(request) == FRENCH_IP


@pytest.mark.django_db
def test_switcher_sets_the_territory_and_goes_back(api, settings):
    client = Client()
    response = client.post(reverse("set-territory"), {"country": "us", "next": "/charts/"})
    assert response.status_code == 302
    assert response["Location"] == "/charts/"
    cookie = response.cookies[COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and cookie["max-age"]
    assert "sessionid" not in response.cookies  # choosing a territory needs no session
    assert client.get("/healthz").wsgi_request.country == "US"


@pytest.mark.django_db
def test_switcher_never_redirects_off_site(api):
    response = Client().post(
        reverse("set-territory"), {"country": "FR", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_switcher_refuses_unknown_territories(api):
    response = Client().post(reverse("set-territory"), {"country": "XX"})
    assert response.status_code == 400


@pytest.mark.django_db
def test_switcher_is_post_only_with_csrf(api):
    assert Client().get(reverse("set-territory")).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(reverse("set-territory"), {"country": "FR"}).status_code == 403


@pytest.mark.django_db
def test_switcher_from_htmx_reloads_the_page(api):
    response = Client().post(
        reverse("set-territory"), {"country": "FR", "next": "/tags/"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 204
    assert response["HX-Redirect"] == "/tags/"


def test_context_has_the_shops_countries_named_in_the_pages_language(api, settings):
    """The switcher lists the shop's territories (codes, from settings: no API call),
    named in the page's language."""
    settings.STORE_TERRITORIES = ["GB", "DE", "JP"]
    request = RequestFactory().get("/")
    request.country = "DE"
    context = territory(request)
    assert context["country"] == "DE"
    assert context["countries"] == ("GB", "DE", "JP")
    names = {}
    for language in ("en", "de", "fr", "ja"):
        with translation.override(language):
            names[language] = [territory_name(code) for code in context["countries"]]
    assert names == {
        "en": ["United Kingdom", "Germany", "Japan"],
        "de": ["Vereinigtes Königreich", "Deutschland", "Japan"],
        "fr": ["Royaume-Uni", "Allemagne", "Japon"],
        "ja": ["イギリス", "ドイツ", "日本"],
    }
    assert api.total == 0


def test_countries_are_read_only_when_shown(api):
    """Pages without the switcher spend nothing on it."""
    territory(RequestFactory().get("/"))
    assert api.total == 0
