"""The store's 7digital client: one per process, from settings; keys that name the API."""

import pytest
from django.core.cache import cache

import sevendigital
from storefront import api as store_api
from tests.catalogue import fake_api


@pytest.fixture
def fake(settings):
    yield fake_api.install(settings)
    fake_api.uninstall()


@pytest.fixture
def live_api(settings, sandbox_server):
    """The store pointed at the live sandbox (whose answers carry X-RateLimit headers)."""
    settings.SEVENDIGITAL_API_URL = sandbox_server.api_url
    settings.SEVENDIGITAL_CONSUMER_KEY = sandbox_server.consumer_key
    settings.SEVENDIGITAL_CONSUMER_SECRET = sandbox_server.consumer_secret
    yield sandbox_server
    cache.delete(store_api.api_key(store_api.API_USAGE_KEY))


def test_client_is_built_once_from_settings(fake, settings):
    """Every caller shares one client configured from settings."""
    client = store_api.get_client()
    assert client is store_api.get_client()
    assert client.base_url == fake_api.API_URL
    assert client.consumer_key == settings.SEVENDIGITAL_CONSUMER_KEY
    assert client.country == "GB"


def test_reset_client_rebuilds_it(fake):
    client = store_api.get_client()
    store_api.reset_client()
    assert store_api.get_client() is not client


def test_changed_settings_rebuild_the_client(fake, settings):
    """Tests that point the store elsewhere get a client for the new address."""
    store_api.get_client()
    settings.SEVENDIGITAL_API_URL = "http://127.0.0.1:9/1.2"
    assert store_api.get_client().base_url == "http://127.0.0.1:9/1.2"


def test_the_client_caches_nothing_itself(fake):
    """One cache of API reads (storefront.reads): the client always calls."""
    client = store_api.get_client()
    client.get_release_details(release_id=3)
    client.get_release_details(release_id=3)
    assert fake.calls == {"release/details": 2}
    assert client.cache is None


def test_api_keys_name_the_api(settings):
    """Base URL and consumer key are part of every key about the API."""
    settings.SEVENDIGITAL_API_URL = "http://127.0.0.1:8001/1.2"
    settings.SEVENDIGITAL_CONSUMER_KEY = "7dsandboxkey"
    sandbox = store_api.api_key(store_api.API_USAGE_KEY)
    settings.SEVENDIGITAL_API_URL = "https://api.7digital.com/1.2"
    real = store_api.api_key(store_api.API_USAGE_KEY)
    settings.SEVENDIGITAL_CONSUMER_KEY = "partner-key"
    partner = store_api.api_key(store_api.API_USAGE_KEY)
    assert len({sandbox, real, partner}) == 3


def test_fetch_raw_keeps_the_exact_body(fake):
    """Snapshots get the response body as sent, and it parses to the same model."""
    answer = store_api.fetch_raw("get_release_chart", period="week", country="FR")
    assert answer.body.startswith(b"<?xml")
    assert answer.content_type == "application/xml"
    assert sevendigital.parse_response(answer.body) == answer.value
    assert answer.value.items[0].release.title == "Release 1 (FR)"


def test_fetch_raw_always_asks_the_api(fake):
    """Refreshing a snapshot always asks the API."""
    store_api.fetch_raw("get_release_chart", period="week")
    store_api.fetch_raw("get_release_chart", period="week")
    assert fake.calls == {"release/chart": 2}


def test_fetch_raw_refuses_uncacheable_operations(fake):
    with pytest.raises(ValueError):
        store_api.fetch_raw("get_basket", basket_id="b-1")


def test_the_keys_usage_is_read_from_the_apis_answers(live_api):
    """Every answer's X-RateLimit headers tell how much of its day the key has used."""
    store_api.reset_client()
    cache.delete(store_api.api_key(store_api.API_USAGE_KEY))
    assert store_api.api_usage_share() == 0.0
    store_api.get_client().get_countries()
    current, limit = store_api.api_usage()
    assert 0 < current <= limit
    assert store_api.api_usage_share() == current / limit


def test_answers_without_usage_headers_change_nothing():
    cache.set(store_api.api_key(store_api.API_USAGE_KEY), (10, 100))
    answer = type("Answer", (), {"status_code": 200, "headers": {"X-RateLimit-Current": "x"}})()
    store_api.note_api_answer(answer)
    assert store_api.api_usage_share() == 0.1
    cache.delete(store_api.api_key(store_api.API_USAGE_KEY))
