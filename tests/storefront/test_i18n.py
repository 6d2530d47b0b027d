"""The shop's languages: URL prefixes, the first visit's redirect, the switcher, hreflang,
the JavaScript catalogue, and which URLs stay outside the languages."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import translation

from catalogue.templatetags import store
from storefront.i18n import in_language
from tests.catalogue import page_fakes as fakes

LANGUAGE = settings.LANGUAGE_COOKIE_NAME


@pytest.fixture
def fake(monkeypatch, settings):
    """Catalogue pages on fake selectors (tests/catalogue/page_fakes.py)."""
    settings.SEVENDIGITAL_API_URL = "http://sandbox.test/1.2"
    settings.STORE_TERRITORIES = ["GB", "DE"]
    selectors = fakes.FakeSelectors().install(monkeypatch)
    selectors.answers["home"] = fakes.home_page()
    selectors.answers["release_page"] = fakes.release_page()
    return selectors


def test_the_shop_speaks_english_german_french_and_japanese():
    assert settings.LANGUAGE_CODE == "en"
    assert [code for code, _ in settings.LANGUAGES] == ["en", "de", "fr", "ja"]
    assert dict(settings.LANGUAGES)["ja"] == "日本語"
    assert settings.LOCALE_PATHS[0].is_dir()
    middleware = settings.MIDDLEWARE
    locale = middleware.index("django.middleware.locale.LocaleMiddleware")
    assert middleware.index("django.contrib.sessions.middleware.SessionMiddleware") < locale
    assert locale < middleware.index("django.middleware.common.CommonMiddleware")


@pytest.mark.parametrize(
    ("language", "path"),
    [("en", "/release/300/"), ("de", "/de/release/300/"), ("fr", "/fr/release/300/"),
     ("ja", "/ja/release/300/")],
)  # fmt: skip
def test_english_is_unprefixed_and_the_others_are_under_their_code(language, path):
    with translation.override(language):
        assert reverse("release-detail", args=[300]) == path
        assert reverse("basket") == ("/basket/" if language == "en" else f"/{language}/basket/")
        # Outside the languages: the admin, the health check, the switch itself.
        assert reverse("admin:index") == "/admin/"
        assert reverse("healthz") == "/healthz"
        assert reverse("choose-language", args=["de"]) == "/language/de/"


def test_a_german_browser_is_sent_to_the_german_page_without_a_write(fake, db):
    """First visit, Accept-Language de: 302 to the same page (and query) under /de/,
    varying on Accept-Language and Cookie, with no session and no cookie set."""
    client = Client(HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9,en;q=0.5")
    response = client.get("/release/300/?utm=x")
    assert response.status_code == 302
    assert response["Location"] == "/de/release/300/?utm=x"
    vary = {part.strip() for part in response["Vary"].split(",")}
    assert {"Accept-Language", "Cookie"} <= vary
    assert not response.cookies
    followed = client.get(response["Location"])
    assert followed.status_code == 200
    assert '<html lang="de"' in followed.text


@pytest.mark.parametrize(
    ("accept", "cookie", "target"),
    [
        ("fr-CA,fr;q=0.9", None, "/fr/"),
        ("ja", None, "/ja/"),
        ("de", "en", None),  # chose English: stays
        ("en-GB,en;q=0.9", None, None),
        ("es-ES,es;q=0.9", None, None),  # no language of ours: English
        ("", None, None),  # a crawler
        ("en", "fr", "/fr/"),  # chose French on another visit
        ("de", "xx", "/de/"),  # a cookie of no language of ours is ignored
    ],
)
def test_who_is_redirected_on_a_first_visit(fake, db, accept, cookie, target):
    client = Client(HTTP_ACCEPT_LANGUAGE=accept)
    if cookie:
        client.cookies[LANGUAGE] = cookie
    response = client.get("/")
    if target is None:
        assert response.status_code == 200
        assert '<html lang="en"' in response.text
        assert "Accept-Language" in response["Vary"]
    else:
        assert response.status_code == 302 and response["Location"] == target


def test_forms_htmx_and_prefixed_pages_are_never_redirected(fake, db):
    client = Client(HTTP_ACCEPT_LANGUAGE="de")
    assert client.get("/", HTTP_HX_REQUEST="true").status_code == 200
    assert client.get("/de/").status_code == 200
    posted = client.post(reverse("set-territory"), {"country": "DE", "next": "/"})
    assert posted["Location"] == "/"  # the POST did its work, not a language redirect


def test_pages_outside_the_languages_are_not_redirected(db):
    client = Client(HTTP_ACCEPT_LANGUAGE="de")
    assert client.get("/healthz").status_code != 302
    assert client.get("/admin/login/").status_code == 200


def switcher(html: str) -> str:
    return re.search(r'<nav class="languages".*?</nav>', html, re.S).group(0)


def test_the_switcher_names_each_language_in_itself_and_keeps_the_page(fake, db):
    html = Client().get("/release/300/?page=2").text
    nav = switcher(html)
    assert 'aria-label="Language"' in nav
    for code, name in (("en", "English"), ("de", "Deutsch"), ("fr", "Français"), ("ja", "日本語")):
        link = re.search(rf'<a href="([^"]+)" lang="{code}" hreflang="{code}"[^>]*>{name}</a>', nav)
        assert link, f"no {name} link"
        assert "/language/" in link.group(1)
    assert re.search(r'lang="en"[^>]*aria-current="true">English<', nav)
    assert nav.count("aria-current") == 1
    german = re.search(r'<a href="([^"]+)" lang="de"', nav).group(1).replace("&amp;", "&")
    chosen = Client().get(german)
    assert chosen.status_code == 302
    assert chosen["Location"] == "/de/release/300/?page=2"
    assert chosen.cookies[LANGUAGE].value == "de"
    assert chosen.cookies[LANGUAGE]["samesite"] == "Lax"


def test_choosing_english_on_a_german_page_stops_the_redirect(fake, db):
    client = Client(HTTP_ACCEPT_LANGUAGE="de")
    assert client.get("/").status_code == 302
    nav = switcher(client.get("/de/release/300/").text)
    english = re.search(r'<a href="([^"]+)" lang="en"', nav).group(1).replace("&amp;", "&")
    chosen = client.get(english)
    assert chosen["Location"] == "/release/300/"
    assert client.get("/release/300/").status_code == 200


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/de/", "javascript:alert(1)"]
)
def test_the_switch_never_leaves_the_shop(db, next_url):
    response = Client().get(reverse("choose-language", args=["fr"]), {"next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/fr/"


def test_the_switch_refuses_an_unknown_language_and_a_post(db):
    assert Client().get("/language/xx/?next=/").status_code == 404
    assert Client().post("/language/de/", {"next": "/"}).status_code == 405


def test_every_shop_page_lists_its_alternates_and_x_default(fake, db):
    html = Client().get("/de/release/300/").text
    head = html.split("</head>")[0]
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', head))
    assert alternates == {
        "en": "http://testserver/release/300/",
        "de": "http://testserver/de/release/300/",
        "fr": "http://testserver/fr/release/300/",
        "ja": "http://testserver/ja/release/300/",
        "x-default": "http://testserver/release/300/",
    }
    assert '<html lang="de"' in html


def test_a_page_without_versions_lists_no_alternates(fake, db, settings):
    settings.DEBUG = False
    html = Client().get("/no/such/page/").text
    assert 'hreflang="de"' not in html.split("</head>")[0]


def test_the_territorys_language_is_suggested_in_that_language(fake, db):
    client = Client()
    client.post(reverse("set-territory"), {"country": "DE", "next": "/"})
    nav = switcher(client.get("/release/300/").text)
    suggestion = re.search(r'<p class="languages__suggestion" lang="de"><a href="([^"]+)"', nav)
    assert suggestion and "/language/de/" in suggestion.group(1)
    assert "languages__suggestion" not in client.get("/de/release/300/").text  # already German
    assert "languages__suggestion" not in Client().get("/release/300/").text  # GB reads English


def test_detail_links_follow_the_page_language():
    """store._reversed keeps reverse() per language: a German page links German pages
    even after an English one filled the cache (and the other way round)."""
    release = fakes.release()
    with translation.override("en"):
        assert store.detail_url(release).startswith("/release/")
    with translation.override("de"):
        assert store.detail_url(release).startswith("/de/release/")
    with translation.override("en"):
        assert store.detail_url(release).startswith("/release/")


def test_in_language_translates_any_shop_url_and_leaves_the_others():
    assert in_language("/de/release/1/?q=a", "fr") == "/fr/release/1/?q=a"
    assert in_language("/release/1/", "ja") == "/ja/release/1/"
    assert in_language("/ja/release/1/", "en") == "/release/1/"
    assert in_language("/admin/", "de") == "/admin/"


def test_the_javascript_catalogue_is_per_language_and_cached(db):
    german = Client().get("/de/jsi18n/")
    assert german.status_code == 200
    assert german["Content-Type"].startswith("text/javascript")
    assert "django.gettext" in german.text or "gettext" in german.text
    assert "max-age=86400" in german["Cache-Control"]
    assert german.has_header("Last-Modified")
    again = Client().get("/de/jsi18n/", HTTP_IF_MODIFIED_SINCE=german["Last-Modified"])
    assert again.status_code == 304


def test_base_loads_the_catalogue_before_the_scripts_that_use_it(fake, db):
    html = Client().get("/de/").text
    scripts = re.findall(r'<script src="([^"]+)"', html)
    assert scripts.index("/de/jsi18n/") < min(
        i
        for i, src in enumerate(scripts)
        if src.endswith(("player.js", "search.js", "navigation.js"))
    )


def test_the_javascript_catalogue_serves_the_languages_strings(db, settings, tmp_path):
    """/de/jsi18n/ carries the German djangojs catalogue of LOCALE_PATHS (here a tiny
    one built for the test); /fr/jsi18n/ does not."""
    messages = tmp_path / "de" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    catalogue = polib.POFile()
    catalogue.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "de"}
    catalogue.append(polib.POEntry(msgid="Nothing playing", msgstr="Nichts läuft"))
    catalogue.save_as_mofile(str(messages / "djangojs.mo"))
    settings.LOCALE_PATHS = [tmp_path]
    cache.clear()
    try:
        german = Client().get("/de/jsi18n/").text
        french = Client().get("/fr/jsi18n/").text
    finally:
        cache.clear()
    assert '"Nothing playing": "Nichts l\\u00e4uft"' in german
    assert "Nichts" not in french


JS = Path(settings.BASE_DIR) / "static" / "js"
# A string a shopper reads or hears: a capital, then words (not a selector or a type;
# key names, compared with event.key, are no words either).
SENTENCE = re.compile(r'"([A-Z][a-z]+(?: [^"]*)?[a-z.:)]\s*)"')


@pytest.mark.parametrize("script", ["player.js", "navigation.js", "search.js"])
def test_the_scripts_words_go_through_gettext(script):
    source = (JS / script).read_text()
    bare = [
        match.group(1)
        for match in SENTENCE.finditer(source)
        if not source[: match.start()].endswith(("gettext(", "key === ", "key !== "))
    ]
    assert bare == [], f"{script} shows untranslated words: {bare}"
    if script != "search.js":  # it has no words of its own
        assert "window.gettext ||" in source
        assert source.count('gettext("') >= 2


def test_the_player_speaks_the_catalogues_words():
    source = (JS / "player.js").read_text()
    for words in ("Nothing playing", "Play preview: %s", "This preview could not be played."):
        assert f'gettext("{words}")' in source


def test_a_requests_language_ends_with_it(fake, db):
    """After a German page, code on the same thread (a test, an eager task) is back in
    the default language."""
    assert Client().get("/de/").status_code == 200
    assert translation.get_language() == "en"
    assert reverse("basket") == "/basket/"
