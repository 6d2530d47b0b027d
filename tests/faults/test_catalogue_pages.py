"""Catalogue pages while the API misbehaves: saved copies with the notice, or the
friendly 503, never a 500; catalogue reads are retried (once), and no more."""

import pytest
from django.core.cache import cache

from catalogue import services
from tests.faults.support import assert_no_crash, tracks_for_sale

pytestmark = [pytest.mark.faults, pytest.mark.live_sandbox, pytest.mark.django_db]

FAULTS = ("latency", "reset", "503", "malformed", "429", "hang")
# An answer that arrived whole but cannot be read is not retried: only transport
# failures, 429 and 5xx are (the store's client makes one retry).
READ_TRIES = {"latency": 2, "reset": 2, "503": 2, "429": 2, "hang": 2, "malformed": 1}
NOTICE = b"Showing saved results: the music catalogue is not responding right now"
CATALOGUE_DOWN = b"The music catalogue is taking a break"


@pytest.fixture
def saved_pages(store, client, direct):
    """The home page's snapshots refreshed, and one release page seen: their copies
    are saved (as in a shop that has been open a while)."""
    services.refresh_charts(countries=["GB"])
    services.refresh_editorial(countries=["GB"])
    services.refresh_new_releases(countries=["GB"])
    release_id = tracks_for_sale(direct, 1)[0].release_id
    urls = ["/", "/charts/release/?period=week", f"/release/{release_id}/"]
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert NOTICE not in response.content
    return urls


@pytest.mark.parametrize("mode", FAULTS)
def test_saved_pages_are_shown_with_the_stale_notice(
    mode, saved_pages, store, client, two_days_later
):
    """Home, chart and release pages whose copies are past their lifetime are shown
    from those copies, with the notice, while the API fails."""
    two_days_later()
    store.inject(mode)
    for url in saved_pages:
        response = client.get(url, follow=True)
        assert_no_crash(response)
        assert response.status_code == 200, url
        assert NOTICE in response.content, url


@pytest.mark.parametrize("mode", FAULTS)
def test_page_never_saved_is_the_friendly_503_after_one_retry(mode, store, client):
    """A search with no saved copy is the shop's 503 page (with Retry-After); the read
    was tried twice when the failure was worth a retry, once otherwise."""
    store.inject(mode)
    response = client.get("/search/?q=nothing+saved+for+this")
    assert_no_crash(response)
    assert response.status_code == 503
    assert CATALOGUE_DOWN in response.content
    assert response["Retry-After"]
    assert store.hits("/1.2/release/search") == READ_TRIES[mode]


@pytest.mark.parametrize("mode", ["503", "hang"])  # an answered failure, and a timeout
def test_live_search_partial_is_the_friendly_503(mode, store, client):
    """The live-search partial (htmx) answers the same friendly page, not an error."""
    store.inject(mode)
    response = client.get("/search/?q=typed+while+down", HTTP_HX_REQUEST="true")
    assert_no_crash(response)
    assert response.status_code == 503
    assert CATALOGUE_DOWN in response.content


def test_pages_of_an_outage_do_not_wait_for_the_country_names(store, client):
    """While the API rests after a failure, rendering a page (the header's territory
    switcher) does not call it for the country names, even with none saved."""
    cache.clear()  # a cold cache: just deployed, or flushed
    asked = store.hits("/1.2/countries")
    store.inject("503")
    response = client.get("/search/?q=anything+at+all")
    assert response.status_code == 503
    assert store.hits("/1.2/countries") == asked
