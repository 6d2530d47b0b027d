"""The shop against a real sandbox: warm pages cost no API call, and pages keep
working from their saved copies when the API is gone."""

import time

import pytest
import requests
from requests.adapters import HTTPAdapter

from catalogue import selectors, tasks
from storefront import reads
from storefront.api import reset_client
from tests.catalogue.fake_api import clear_caches

pytestmark = [pytest.mark.live_sandbox, pytest.mark.django_db, pytest.mark.smoke]

NOTICE = b"Showing saved results: the music catalogue is not responding right now"
TWO_DAYS = 2 * 86400


class CountingAdapter(HTTPAdapter):
    """Sends for real and counts what it sent; refuses every connection once `gone`
    (the same API, unreachable: its saved copies are the ones to serve)."""

    def __init__(self) -> None:
        super().__init__()
        self.sent: list[str] = []
        self.gone = False

    def send(self, request, **kwargs):
        if self.gone:
            raise requests.ConnectionError("connection refused (test: the API is gone)")
        self.sent.append(request.path_url.split("?")[0])
        return super().send(request, **kwargs)


@pytest.fixture
def counter(settings, sandbox_server):
    """The store pointed at the sandbox, every request it sends counted."""
    settings.SEVENDIGITAL_API_URL = sandbox_server.api_url
    settings.SEVENDIGITAL_CONSUMER_KEY = sandbox_server.consumer_key
    settings.SEVENDIGITAL_CONSUMER_SECRET = sandbox_server.consumer_secret
    settings.SEVENDIGITAL_DEFAULT_COUNTRY = "GB"
    settings.STORE_TERRITORIES = ["GB", "US"]
    adapter = CountingAdapter()
    session = requests.Session()
    session.mount("http://", adapter)
    reset_client(session=session)
    clear_caches()
    yield adapter
    reset_client()
    clear_caches()


@pytest.fixture
def pages(counter, client):
    """The home, chart, release and search pages, each rendered once (warm)."""
    tasks.refresh_charts.delay(countries=["GB"])
    tasks.refresh_editorial.delay(countries=["GB"])
    tasks.refresh_new_releases.delay(countries=["GB"])
    top = selectors.chart(kind="release", period="week", country="GB").value.items[0].release
    word = top.title.split()[0]
    urls = ["/", "/charts/release/?period=week", f"/release/{top.id}/", f"/search/?q={word}"]
    for url in urls:
        assert client.get(url).status_code == 200, url
    assert "/1.2/release/details" in counter.sent  # the counting sees the real calls
    return urls


def test_warm_pages_make_no_api_call(pages, counter, client):
    """Home, chart, release and search pages rendered again cost nothing."""
    counter.sent.clear()
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert NOTICE not in response.content
    assert counter.sent == []


def test_pages_render_saved_copies_when_the_api_is_gone(pages, counter, client, monkeypatch):
    """With the API unreachable and every copy past its lifetime, the pages still
    render (200) from the last good copies, with the notice."""
    counter.gone = True
    start = time.time()
    monkeypatch.setattr(reads, "now", lambda: start + TWO_DAYS)
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert NOTICE in response.content, url


def test_page_never_seen_is_the_friendly_503_when_the_api_is_gone(pages, counter, client):
    """A page with no saved copy cannot be shown: the shop says so (503)."""
    counter.gone = True
    response = client.get("/search/?q=nothing-saved-for-this")
    assert response.status_code == 503
