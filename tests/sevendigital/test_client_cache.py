"""The cache hook: catalogue reads are cached with per-resource lifetimes; responses
of user and commerce calls never are."""

import pytest

from sevendigital import OPERATIONS, UserToken

from .fakes import BASKET_XML, RELEASE_XML, TOKEN_SECRET, envelope, error_envelope, make_client

USER = UserToken("user-access-token", TOKEN_SECRET)


class DictCache:
    """The smallest cache with the hook's interface, recording what it is given."""

    def __init__(self):
        self.values: dict = {}
        self.ttls: dict = {}

    def get(self, key):
        return self.values.get(key)

    def set(self, key, value, ttl):
        self.values[key] = value
        self.ttls[key] = ttl


class BrokenCache:
    def get(self, key):
        raise ConnectionError("cache down")

    def set(self, key, value, ttl):
        raise ConnectionError("cache down")


def test_catalogue_read_is_served_from_the_cache_on_a_hit():
    """The second identical read is answered by the cache without a request."""
    cache = DictCache()
    h = make_client(cache=cache)
    h.adapter.reply(RELEASE_XML)
    first = h.client.get_release_details(release_id=12)
    second = h.client.get_release_details(release_id=12)
    assert first == second
    assert len(h.adapter.sent) == 1
    assert list(cache.ttls.values()) == [OPERATIONS["get_release_details"].cache_ttl]


def test_different_parameters_miss_the_cache():
    """Another release id (or country) is a different cache entry."""
    h = make_client(cache=DictCache())
    h.adapter.reply(RELEASE_XML).reply(RELEASE_XML)
    h.client.get_release_details(release_id=12)
    h.client.get_release_details(release_id=12, country="FR")
    assert len(h.adapter.sent) == 2


def test_cache_lifetime_can_be_overridden_per_operation():
    """cache_ttls replaces the table's lifetime for one operation."""
    cache = DictCache()
    h = make_client(cache=cache, cache_ttls={"get_release_details": 42})
    h.adapter.reply(RELEASE_XML)
    h.client.get_release_details(release_id=12)
    assert list(cache.ttls.values()) == [42]


@pytest.mark.parametrize(
    ("name", "kwargs", "body"),
    [
        ("get_user_locker", {"token": USER}, envelope("<locker><lockerReleases/></locker>")),
        ("get_basket", {"basket_id": "b-1"}, BASKET_XML),
        ("get_user_details", {"token": USER}, envelope('<user id="1"/>')),
    ],
)
def test_user_and_commerce_responses_are_never_cached(name, kwargs, body):
    """Locker, basket and account reads go to the API every time and are not stored."""
    cache = DictCache()
    h = make_client(cache=cache)
    h.adapter.reply(body).reply(body)
    getattr(h.client, name)(**kwargs)
    getattr(h.client, name)(**kwargs)
    assert len(h.adapter.sent) == 2
    assert cache.values == {}


def test_errors_are_not_cached():
    """A failed read is not stored: the next call asks the API again."""
    cache = DictCache()
    h = make_client(cache=cache)
    h.adapter.reply(error_envelope(2001, "Release not found"), status=404).reply(RELEASE_XML)
    with pytest.raises(Exception, match="not found"):
        h.client.get_release_details(release_id=12)
    assert cache.values == {}
    assert h.client.get_release_details(release_id=12).id == 12


def test_a_failing_cache_does_not_fail_the_call():
    """If the cache backend errors, the API answers instead."""
    h = make_client(cache=BrokenCache())
    h.adapter.reply(RELEASE_XML)
    assert h.client.get_release_details(release_id=12).id == 12


def test_cached_json_is_parsed_like_a_fresh_answer():
    """JSON bodies are cached too and rebuild the same model."""
    h = make_client(cache=DictCache(), format="json")
    h.adapter.reply('{"status": "ok", "release": {"id": "5", "title": "Json"}}')
    assert h.client.get_release_details(release_id=5) == h.client.get_release_details(release_id=5)
    assert len(h.adapter.sent) == 1


def test_an_unreadable_cache_entry_is_ignored():
    """A corrupt cached body does not fail the call: the API is asked instead."""
    cache = DictCache()
    h = make_client(cache=cache)
    h.adapter.reply(RELEASE_XML).reply(RELEASE_XML)
    h.client.get_release_details(release_id=12)
    cache.values = dict.fromkeys(cache.values, b"not a 7digital body")
    assert h.client.get_release_details(release_id=12).id == 12
    assert len(h.adapter.sent) == 2
