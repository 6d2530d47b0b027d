"""A first visit writes nothing: no session row, no session cookie, no database write.

Every catalogue page is fetched as a visitor without cookies (a shopper's first
visit, a crawler, a link preview) from the store pointed at the live sandbox (real
HTTP, real OAuth). A session appears only once the shopper does something that needs
one (a basket add, signing in); a chosen territory lives in a signed cookie and
survives both.
"""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalogue.services import refresh_charts, refresh_editorial, refresh_new_releases
from checkout.services.baskets import SESSION_KEY as BASKET_KEY
from storefront.api import reset_client
from storefront.territory import COOKIE_NAME
from tests.checkout.support import PASSWORD, catalogue_items

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
TERRITORIES = ["GB", "US"]


@pytest.fixture
def store(db, settings, sandbox_server):
    """The store on the live sandbox, its home page and chart snapshots refreshed (as
    Celery beat keeps them)."""
    settings.SEVENDIGITAL_API_URL = sandbox_server.api_url
    settings.SEVENDIGITAL_CONSUMER_KEY = sandbox_server.consumer_key
    settings.SEVENDIGITAL_CONSUMER_SECRET = sandbox_server.consumer_secret
    settings.STORE_TERRITORIES = TERRITORIES
    reset_client()
    cache.clear()
    for refresh in (refresh_charts, refresh_editorial, refresh_new_releases):
        refresh(countries=TERRITORIES)
    yield sandbox_server
    cache.clear()
    reset_client()


@pytest.fixture
def item(store):
    return catalogue_items(1)[0]


@pytest.fixture
def pages(item) -> dict[str, str]:
    """One URL of every page a visitor can reach without signing in."""
    release, track, artist = item.release, item.track, item.release.artist
    word = release.title.split()[0]
    return {
        "home": "/",
        "release": reverse("release-detail", args=[release.id]),
        "release with slug": reverse("release-detail", args=[release.id, release.slug or "x"]),
        "artist": reverse("artist-detail", args=[artist.id]),
        "track": reverse("track-detail", args=[track.id]),
        "search": f"{reverse('search')}?q={word}",
        "search, live partial": f"{reverse('search')}?q={word[:3]}",
        "charts": reverse("charts"),
        "track chart": f"{reverse('charts', args=['track'])}?period=month",
        "tags": reverse("tags"),
        "tag": reverse("tag-browse", args=["rock"]),
        "artists A-Z": reverse("artist-browse", args=["a"]),
        "basket (empty)": reverse("basket"),
        "sign in": reverse("account_login"),
        "sign up": reverse("account_signup"),
    }


def visit(client: Client, path: str, **headers) -> tuple:
    """GET `path`; the response and the SQL it ran."""
    if "live partial" in path:
        headers["HTTP_HX_REQUEST"] = "true"
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, **headers)
    assert response.status_code == 200, f"{path} answered {response.status_code}"
    return response, [query["sql"] for query in queries.captured_queries]


def writes(sql: list[str]) -> list[str]:
    return [statement for statement in sql if WRITE.match(statement)]


def test_no_page_writes_or_sets_a_session_on_a_first_visit(pages):
    """Cold (the page's reads fetched) and warm: 0 writes, no session cookie."""
    for name, path in pages.items():
        for attempt in ("cold", "warm"):
            response, sql = visit(Client(), path)
            assert writes(sql) == [], f"{name} ({attempt}) wrote: {writes(sql)}"
            assert "sessionid" not in response.cookies, f"{name} ({attempt}) made a session"
            if attempt == "warm":
                assert len(sql) <= 4, f"{name} warm ran {len(sql)} queries: {sql}"


def test_a_returning_visitor_writes_nothing_either(pages):
    """The cookies the first page set (CSRF) sent back: still nothing written."""
    client = Client()
    for name, path in pages.items():
        _, sql = visit(client, path)
        assert writes(sql) == [], f"{name} wrote: {writes(sql)}"
        assert "sessionid" not in client.cookies, f"{name} made a session"


def test_forms_for_visitors_use_the_csrf_cookie_not_a_session(pages, item):
    """A page with a form sets the CSRF cookie only; its token then passes the POST,
    and that basket add is what makes the session."""
    client = Client(enforce_csrf_checks=True)
    response, _ = visit(client, pages["release"])
    assert "csrftoken" in response.cookies and "sessionid" not in response.cookies
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text).group(1)
    data = {"release_id": item.release.id, "package_id": 2, "csrfmiddlewaretoken": token}
    added = client.post(reverse("basket-add"), data)
    assert added.status_code in (200, 302)
    assert "sessionid" in added.cookies


def test_a_basket_add_makes_the_session(pages, item):
    client = Client()
    client.post(reverse("basket-add"), {"release_id": item.release.id, "package_id": 2})
    assert "sessionid" in client.cookies
    # ...and later pages of that shopper read it without writing it again.
    response, sql = visit(client, pages["release"])
    assert writes(sql) == []
    assert "sessionid" not in response.cookies


def test_signing_in_makes_the_session(pages, django_user_model):
    email = "first-visit@example.com"
    django_user_model.objects.create_user(username=email, email=email, password=PASSWORD)
    client = Client()
    visit(client, pages["sign in"])
    assert "sessionid" not in client.cookies
    client.post(reverse("account_login"), {"login": email, "password": PASSWORD})
    assert "sessionid" in client.cookies
    for name in ("home", "release", "search", "charts"):
        response, sql = visit(client, pages[name])
        assert response.wsgi_request.user.is_authenticated
        assert writes(sql) == [], f"{name} wrote for a signed-in shopper: {writes(sql)}"


def test_a_chosen_territory_survives_browsing_a_basket_add_and_sign_in(
    pages, item, django_user_model
):
    client = Client()
    chosen = client.post(reverse("set-territory"), {"country": "US", "next": "/"})
    assert COOKIE_NAME in chosen.cookies and "sessionid" not in chosen.cookies
    for name, path in pages.items():
        response, sql = visit(client, path)
        assert response.wsgi_request.country == "US", name
        assert writes(sql) == [], f"{name} wrote: {writes(sql)}"
    client.post(reverse("basket-add"), {"release_id": item.release.id, "package_id": 2})
    assert client.session[BASKET_KEY]["country"] == "US"
    email = "chooser@example.com"
    django_user_model.objects.create_user(username=email, email=email, password=PASSWORD)
    client.post(reverse("account_login"), {"login": email, "password": PASSWORD})
    assert visit(client, pages["home"])[0].wsgi_request.country == "US"


def selected_territory(html: str) -> str:
    return re.search(r'<option value="([A-Z]{2})" selected>', html).group(1)


def test_two_shoppers_in_two_territories_never_see_each_others_pages(pages):
    """Pages, fragments and cached reads are per territory: interleaved requests of a
    GB and a US shopper each show their own switcher choice and currency."""
    gb, us = Client(), Client()
    us.post(reverse("set-territory"), {"country": "US", "next": "/"})
    for name in ("home", "release", "charts", "search", "tag", "artist"):
        for _ in range(2):  # the second round is served from the fragments
            for client, country, symbol in ((gb, "GB", "£"), (us, "US", "$")):
                html = visit(client, pages[name])[0].text
                assert selected_territory(html) == country, name
                if name in ("release", "charts"):
                    assert symbol in html, f"{name} for {country} shows no {symbol}"
                    other = "$" if symbol == "£" else "£"
                    assert other not in html, f"{name} for {country} shows {other}"


def test_a_first_visit_in_another_language_writes_nothing_either(pages):
    """A browser preferring German is sent from each English page to its German one
    (302, varying on Accept-Language and Cookie), and both answers write nothing, set
    no session and no language cookie: the URL carries the language."""
    for name, path in pages.items():
        client = Client(HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9,en;q=0.4")
        if "live partial" in path:
            response, sql = visit(client, path)  # htmx asks for a part: never redirected
            assert writes(sql) == [], f"{name} wrote: {writes(sql)}"
            continue
        with CaptureQueriesContext(connection) as queries:
            redirected = client.get(path)
        assert redirected.status_code == 302, f"{name} answered {redirected.status_code}"
        assert redirected["Location"] == f"/de{path}", name
        assert {"Accept-Language", "Cookie"} <= {v.strip() for v in redirected["Vary"].split(",")}
        assert queries.captured_queries == [], f"{name}'s redirect ran SQL"
        assert not redirected.cookies, f"{name}'s redirect set {list(redirected.cookies)}"
        response, sql = visit(client, redirected["Location"])
        assert '<html lang="de"' in response.text, name
        assert writes(sql) == [], f"{name} in German wrote: {writes(sql)}"
        assert "sessionid" not in response.cookies and "language" not in response.cookies


def test_a_shopper_who_chose_english_stays_on_english_pages(pages):
    client = Client(HTTP_ACCEPT_LANGUAGE="fr")
    chosen = client.get(reverse("choose-language", args=["en"]), {"next": pages["release"]})
    assert chosen["Location"] == pages["release"] and "sessionid" not in chosen.cookies
    for name in ("home", "release", "search", "charts"):
        response, sql = visit(client, pages[name])
        assert '<html lang="en"' in response.text, name
        assert writes(sql) == []
