"""The catalogue pages, rendered against fake selectors (no API, no sandbox)."""

import re

import pytest
from django.urls import reverse

from catalogue.models import EditorialSlot
from catalogue.terms import Terms
from sevendigital import (
    Artist,
    NotAvailableError,
    NotFoundError,
    Page,
    RateLimitedError,
    SearchResult,
    TransportError,
)
from tests.catalogue import page_fakes as fakes

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
BOOSTED = {"HTTP_HX_REQUEST": "true", "HTTP_HX_BOOSTED": "true"}


@pytest.fixture
def fake(monkeypatch, settings):
    settings.SEVENDIGITAL_API_URL = "http://sandbox.test/1.2"
    settings.STORE_TERRITORIES = ["GB", "US"]
    return fakes.FakeSelectors().install(monkeypatch)


def test_home_shows_charts_editorial_and_new_releases(client, fake):
    """The home page shows the 7digital editorial list, both charts and new releases."""
    fake.answers["home"] = fakes.home_page()
    html = client.get("/").content.decode()
    for title in ("Moon", "Sing With Me", "Fall With Me", "Reykjavik", "New in rock"):
        assert title in html


def test_home_shows_staff_slots_by_kind(client, fake):
    """Staff banners and features are rendered with their titles and links."""
    banner = EditorialSlot(title="Summer of Sound", kind="banner", target_type="tag", target="rock")
    feature = EditorialSlot(
        title="Album of the week", kind="feature", target_type="release", target="300"
    )
    fake.answers["home"] = fakes.home_page(slots=(banner, feature))
    html = client.get("/").content.decode()
    assert "Summer of Sound" in html
    assert 'href="/tags/rock/"' in html
    assert "Album of the week" in html
    assert 'href="/release/300/"' in html


def test_home_asks_for_the_shoppers_territory(client, fake):
    """Pages read the catalogue of the territory the shopper chose."""
    fake.answers["home"] = fakes.home_page()
    client.post(reverse("set-territory"), {"country": "US", "next": "/"})
    client.get("/")
    assert fake.kwargs_of("home") == {"country": "US"}


def test_stale_data_shows_the_notice(client, fake):
    """A page built from saved copies says so."""
    fake.answers["home"] = fakes.home_page()
    fake.stale = True
    html = client.get("/").content.decode()
    assert "Showing saved results: the music catalogue is not responding right now" in html


def test_fresh_data_shows_no_notice(client, fake):
    """Fresh pages carry no stale-data notice."""
    fake.answers["home"] = fakes.home_page()
    assert "Showing saved results" not in client.get("/").content.decode()


def test_search_without_query_calls_nothing(client, fake):
    """An empty search box shows the prompt and spends no API call."""
    response = client.get("/search/")
    assert response.status_code == 200
    assert fake.calls == []
    assert "start typing" in response.content.decode()


def test_search_uses_the_tab_kind(client, fake):
    """`type=artists` searches artists, page and territory passed through."""
    artist = Artist(id=11, name="Open Carousel", slug="open-carousel")
    fake.answers["search"] = fakes.search_page(
        [SearchResult(type="artist", score=1, artist=artist)]
    )
    html = client.get("/search/", {"q": "  open   car ", "type": "artists", "page": "2"}).content
    assert fake.kwargs_of("search") == {
        "kind": "artist",
        "q": "open car",
        "country": "GB",
        "page": 2,
        "page_size": 20,
    }
    assert b"Open Carousel" in html


def test_search_unknown_tab_searches_releases(client, fake):
    """A made-up `type` falls back to releases."""
    fake.answers["search"] = fakes.search_page([])
    client.get("/search/", {"q": "moon", "type": "bogus"})
    assert fake.kwargs_of("search")["kind"] == "release"


def test_live_search_returns_only_the_body(client, fake):
    """An htmx (not boosted) request gets the body, its title and the status line."""
    release = fakes.release()
    fake.answers["search"] = fakes.search_page(
        [SearchResult(type="release", score=1, release=release)]
    )
    html = client.get("/search/", {"q": "drive"}, **HTMX).content.decode()
    assert "<html" not in html
    assert html.lstrip().startswith("<title>“drive”: search · Crate</title>")
    assert 'id="search-status" hx-swap-oob="innerHTML"' in html
    assert "1 release found for drive" in html
    assert 'id="search-results"' in html


def test_boosted_search_returns_the_whole_page(client, fake):
    """Boosted navigation (a link or the no-JS form) gets the full page."""
    fake.answers["search"] = fakes.search_page([])
    html = client.get("/search/", {"q": "drive"}, **BOOSTED).content.decode()
    assert "<html" in html
    assert 'id="page"' in html


def test_search_results_region_is_announced(client, fake):
    """The results region is a polite live region inside a labelled search page."""
    fake.answers["search"] = fakes.search_page([])
    html = client.get("/search/", {"q": "zzz"}).content.decode()
    assert 'id="search-results"' in html
    assert 'aria-live="polite"' in html
    assert 'role="search"' in html
    assert "No releases match “zzz”" in html


def test_search_pages_link_to_the_next_page(client, fake):
    """More results than fit on a page give a next-page link keeping the query."""
    results = [SearchResult(type="release", score=1, release=fakes.release())]
    fake.answers["search"] = fakes.search_page(results, total=45)
    html = client.get("/search/", {"q": "drive"}).content.decode()
    assert "Page 1 of 3" in html
    assert 'href="?q=drive&amp;page=2"' in html


def test_release_page_shows_tracks_prices_and_previews(client, fake):
    """Tracklist with m:ss durations, prices in the territory's currency, preview clips."""
    fake.answers["release_page"] = fakes.release_page()
    html = client.get("/release/300/drive-the-anthem/").content.decode()
    assert "Drive the Anthem" in html
    assert "3:17" in html and "1:02:05" in html
    assert "£7.99" in html and "£11.99" in html and "£0.99" in html
    clip = "/track/2000/preview/"  # the store's: it redirects to the clip when played
    assert f'href="{clip}"' in html  # works without JavaScript
    assert f'data-preview-url="{clip}"' in html
    assert "A record of the year." in html
    assert "classic rock" in html
    assert "Mirror Song" in html


def test_a_preview_link_redirects_to_the_clip_afresh_each_time(client, settings):
    """Pages link the store's preview URL (the same for every shopper, so it can sit in
    a shared fragment); playing it redirects to the API's clip, never cached, as the real
    API's clips are signed with a timestamp."""
    settings.SEVENDIGITAL_API_URL = "http://sandbox.test/1.2"
    response = client.get("/track/2000/preview/")
    assert response.status_code == 302
    assert response["Location"] == "http://sandbox.test/media/preview/2000.mp3"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert client.post("/track/2000/preview/").status_code == 405


def test_release_page_uses_large_lazy_free_cover_and_lazy_cards(client, fake):
    """The cover is the 500px image with explicit size; other art is lazy-loaded."""
    fake.answers["release_page"] = fakes.release_page()
    html = client.get("/release/300/").content.decode()
    cover = re.search(r'<img src="http://sandbox.test/art/300_500.jpg"[^>]*>', html).group(0)
    assert 'width="500" height="500"' in cover
    assert "loading=" not in cover and 'fetchpriority="high"' in cover  # the page's LCP
    assert 'loading="lazy"' in html


def test_release_wrong_slug_redirects_to_canonical(client, fake):
    """An old or mistyped slug redirects permanently to the release's own."""
    fake.answers["release_page"] = fakes.release_page()
    response = client.get("/release/300/old-name/")
    assert response.status_code == 301
    assert response["Location"] == "/release/300/drive-the-anthem/"


def test_unknown_release_is_a_friendly_404(client, fake):
    """A release the API does not know is the shop's 404 page."""
    fake.answers["release_page"] = NotFoundError("Release not found", code=2001, status=404)
    response = client.get("/release/999/")
    assert response.status_code == 404
    assert "find that release" in response.content.decode()


def test_release_not_sold_here_is_explained(client, fake):
    """Not available in the territory: 200, an explanation and the territory switcher."""
    fake.answers["release_page"] = NotAvailableError("Not available", code=2002, status=404)
    response = client.get("/release/300/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "on sale in your territory" in html
    assert 'id="unavailable-country"' in html


@pytest.mark.parametrize(
    "error",
    [TransportError("timed out", outcome_unknown=False), RateLimitedError("slow down", status=429)],
)
def test_dead_api_without_saved_data_is_a_503(client, fake, error):
    """No API and no saved copy: the friendly 503 with Retry-After."""
    fake.answers["release_page"] = error
    response = client.get("/release/300/")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "The music catalogue is taking a break" in response.content.decode()


def test_artist_page_groups_discography_by_type(client, fake):
    """Albums and singles get their own headings; similar artists are listed."""
    fake.answers["artist_page"] = fakes.artist_page()
    html = client.get("/artist/10/the-rivers/").content.decode()
    assert ">Albums</h2>" in html and ">Singles</h2>" in html
    assert "Crown Song" in html
    assert "Open Carousel" in html
    assert 'src="http://sandbox.test/art/a10_350.jpg"' in html


def test_track_page_shows_the_track_and_its_release(client, fake):
    """A track page names its release and plays its preview."""
    fake.answers["track_page"] = fakes.track_page()
    html = client.get("/track/2000/wait-me-tonight/").content.decode()
    assert "Wait Me Tonight" in html
    assert 'href="/release/300/drive-the-anthem/"' in html
    assert 'data-preview-url="/track/2000/preview/"' in html


def test_charts_pass_kind_and_period(client, fake):
    """`/charts/track/?period=month` reads the monthly track chart."""
    fake.answers["chart"] = fakes.chart([])
    client.get("/charts/track/", {"period": "month"})
    assert fake.kwargs_of("chart") == {
        "kind": "track",
        "period": "month",
        "country": "GB",
        "page": 1,
    }


def test_charts_unknown_period_is_the_week(client, fake):
    """A made-up period falls back to the weekly chart."""
    fake.answers["chart"] = fakes.chart([])
    client.get("/charts/", {"period": "decade"})
    assert fake.kwargs_of("chart")["period"] == "week"
    assert fake.kwargs_of("chart")["kind"] == "release"


def test_charts_unknown_kind_is_404(client, fake):
    """Only release, track and artist charts exist."""
    assert client.get("/charts/videos/").status_code == 404
    assert fake.calls == []


def test_tag_page_reads_several_tags(client, fake):
    """`/tags/rock,indie-rock/` asks for both tags and offers to drop one."""
    fake.answers["tag_page"] = fakes.tag_page(["rock", "indie-rock"])
    html = client.get("/tags/rock,indie-rock/").content.decode()
    assert fake.kwargs_of("tag_page")["tags"] == ["rock", "indie-rock"]
    assert "Rock + Indie rock" in html
    assert 'href="/tags/indie-rock/"' in html
    assert "Wave Song" in html


def test_malformed_tags_are_404(client, fake):
    """Tag lists must be slugs separated by commas."""
    assert client.get("/tags/rock,,pop/").status_code == 404
    assert fake.calls == []


def test_artist_browse_by_letter(client, fake):
    """The A-Z page reads its letter and highlights it."""
    fake.answers["artist_browse"] = Page(items=(fakes.ARTIST,), page=1, page_size=30, total_items=1)
    html = client.get("/artists/t/").content.decode()
    assert fake.kwargs_of("artist_browse") == {"letter": "t", "country": "GB", "page": 1}
    assert 'href="/artists/t/" aria-current="page"' in html
    assert "The Rivers" in html


def test_page_number_is_clamped(client, fake):
    """Nonsense or huge page numbers become a page the views fetch."""
    fake.answers["artist_browse"] = Page(items=(), page=1, page_size=30, total_items=0)
    client.get("/artists/a/", {"page": "lots"})
    client.get("/artists/a/", {"page": "9999"})
    assert [kwargs["page"] for name, kwargs in fake.calls if name == "artist_browse"] == [1, 50]


def test_catalogue_pages_refuse_posts(client, fake):
    """Catalogue pages only read: a POST is 405."""
    assert client.post("/search/", {"q": "x"}).status_code == 405


def test_every_page_has_landmarks_and_skip_link(client, fake):
    """The layout: skip link to #main, labelled navigation, the player outside #page."""
    fake.answers["home"] = fakes.home_page()
    html = client.get("/").content.decode()
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert 'aria-label="Browse"' in html
    assert html.index('id="player"') > html.index("</footer>")
    assert 'hx-boost="true"' in html


def test_territory_switcher_posts_back_to_this_page(client, fake):
    """The header switcher POSTs the country with CSRF and `next` = this page."""
    fake.answers["home"] = fakes.home_page()
    html = client.get("/?x=1").content.decode()
    assert f'action="{reverse("set-territory")}"' in html
    assert 'name="next" value="/?x=1"' in html
    assert '<option value="GB" selected>United Kingdom</option>' in html
    assert "csrfmiddlewaretoken" in html


def test_combine_form_goes_to_the_combined_tag_page(client, fake):
    """Ticking genres on the genre index opens the page of all of them (no JS needed)."""
    response = client.get("/tags/", {"tag": ["rock", "indie-rock", "Bad Tag!"]})
    assert response.status_code == 302
    assert response["Location"] == "/tags/rock,indie-rock/"
    assert fake.calls == []


def test_catalogue_words_come_from_the_terms_in_the_pages_language(client, fake):
    """Genres, packages and release types are shown as the API's translations give
    them for the page's language (`catalogue_terms`), asked for that language."""
    fake.answers["release_page"] = fakes.release_page()
    fake.answers["catalogue_terms"] = Terms(
        "de", {"tag_classic-rock": "Klassischer Rock", "releasetype_album": "Album (LP)"}
    )
    html = client.get("/de/release/300/").content.decode()  # the URL says the language
    assert ">Klassischer Rock</a>" in html and ">classic rock<" not in html
    assert "Album (LP)" in html
    assert fake.kwargs_of("catalogue_terms") == {"language": "de", "country": "GB"}
