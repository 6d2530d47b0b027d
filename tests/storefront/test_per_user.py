"""A shopper's values kept in the shared cache until they change (storefront/per_user.py):
read once, dropped by any change to their rows, never another shopper's, and never
left stale by a page that read the database while a change was committing."""

import threading

import pytest
from django.core.cache import cache
from django.db import connection, transaction

from accounts.models import WishlistItem
from accounts.selectors import WISHED
from checkout.models import ShopperBasket
from checkout.services.baskets import BASKET_COUNTS, BasketOwner, BasketRef, basket_ref_put
from storefront import per_user
from storefront.per_user import PerUser
from tests.skips import needs_postgres

pytestmark = pytest.mark.django_db(transaction=True)  # reads outside a transaction
TIMEOUT = 30


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def wish(user, release_id: int) -> WishlistItem:
    return WishlistItem.objects.create(user=user, release_id=release_id, title="x")


def test_a_value_is_read_from_the_database_once(ada, django_assert_num_queries):
    wish(ada, 300)
    with django_assert_num_queries(1):
        assert WISHED.get(ada.pk) == {300}
    with django_assert_num_queries(0):
        assert WISHED.get(ada.pk) == {300}


def test_a_change_is_seen_by_the_next_read_and_only_for_its_shopper(
    ada, bob, django_assert_num_queries
):
    wish(ada, 300)
    wish(bob, 400)
    assert WISHED.get(ada.pk) == {300} and WISHED.get(bob.pk) == {400}
    wish(ada, 301)  # a save
    with django_assert_num_queries(0):
        assert WISHED.get(bob.pk) == {400}  # Bob's is still kept
    assert WISHED.get(ada.pk) == {300, 301}
    WishlistItem.objects.filter(user=ada, release_id=300).delete()  # a queryset delete
    assert WISHED.get(ada.pk) == {301}
    with django_assert_num_queries(0):
        assert WISHED.get(bob.pk) == {400}


def test_the_basket_count_follows_every_change_of_the_basket_row(ada, bob):
    assert BASKET_COUNTS.get(ada.pk) == 0 and BASKET_COUNTS.get(bob.pk) == 0
    basket_ref_put(
        owner=BasketOwner(session={}, country="GB", user=ada), ref=BasketRef("b-1", "GB", 2)
    )
    assert BASKET_COUNTS.get(ada.pk) == 2 and BASKET_COUNTS.get(bob.pk) == 0
    ShopperBasket.objects.filter(user=ada).delete()  # bought: the row goes
    assert BASKET_COUNTS.get(ada.pk) == 0


@pytest.mark.postgres
@needs_postgres  # SQLite locks the table for a reader while another connection writes
def test_a_value_read_while_a_change_commits_is_dropped_when_it_commits(ada):
    """Another page reads Ada's wishes while her change is not committed yet: it keeps
    the committed value, which her commit then drops."""
    assert WISHED.get(ada.pk) == frozenset()
    with transaction.atomic():
        wish(ada, 300)
        assert WISHED.get(ada.pk) == {300}  # its own change: read from the database
        assert run_in_thread(lambda: WISHED.get(ada.pk)) == frozenset()  # not committed
    assert WISHED.get(ada.pk) == {300}
    assert run_in_thread(lambda: WISHED.get(ada.pk)) == {300}


def test_a_change_is_read_from_the_database_until_it_commits(ada):
    """Inside the transaction the value is read, not kept: a rolled-back change leaves
    nothing of it in the cache."""
    wish(ada, 300)
    assert WISHED.get(ada.pk) == {300}
    with pytest.raises(RuntimeError), transaction.atomic():
        wish(ada, 301)
        assert WISHED.get(ada.pk) == {300, 301}
        raise RuntimeError("payment failed")
    assert WISHED.get(ada.pk) == {300}
    with transaction.atomic():
        wish(ada, 302)
    assert WISHED.get(ada.pk) == {300, 302}


def test_a_read_racing_a_change_never_keeps_the_old_value(ada, monkeypatch):
    """A page reads Ada's wishes from the database; before it stores what it read, she
    adds a release (committed, her value dropped). The page's stale value must not be
    what the next page reads."""
    wish(ada, 300)
    read, stored = threading.Barrier(2, timeout=TIMEOUT), threading.Barrier(2, timeout=TIMEOUT)
    load = WISHED.load

    def slow_load(user_id):
        value = load(user_id)
        if threading.current_thread().name == "page":
            read.wait()  # the database read, before the value is stored
            stored.wait()  # ...until the change has committed
        return value

    monkeypatch.setattr(WISHED, "load", slow_load)
    reader_result: list = []
    page = threading.Thread(target=lambda: reader_result.append(WISHED.get(ada.pk)), name="page")
    page.start()
    read.wait()
    wish(ada, 301)  # committed: Ada's value dropped
    stored.wait()
    page.join(TIMEOUT)
    assert reader_result == [{300}]  # what that page saw, read before the change
    assert WISHED.get(ada.pk) == {300, 301}  # what the next page sees


def test_when_the_cache_fails_the_database_answers(ada, monkeypatch, caplog):
    wish(ada, 300)

    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "get_or_set", broken)
    assert WISHED.get(ada.pk) == {300}
    assert "Per-user cache read failed" in caplog.text
    monkeypatch.setattr(cache, "delete", broken)
    wish(ada, 301)  # the change itself is not lost for a cache that is down
    assert WishlistItem.objects.filter(user=ada).count() == 2
    assert "could not drop" in caplog.text


def test_values_of_two_kinds_are_apart(ada):
    kinds = PerUser("a", load=lambda user_id: "a"), PerUser("b", load=lambda user_id: "b")
    assert [kind.get(ada.pk) for kind in kinds] == ["a", "b"]
    assert per_user.token_key(ada.pk).startswith(per_user.KEY_PREFIX)


def run_in_thread(work):
    """`work()` in another thread, with its own database connection (another request)."""
    result: list = []

    def one():
        try:
            result.append(work())
        finally:
            connection.close()

    thread = threading.Thread(target=one)
    thread.start()
    thread.join(TIMEOUT)
    return result[0]


def test_within_a_request_the_token_is_read_once_and_a_change_there_is_seen(ada, bob, monkeypatch):
    """One request reads each shopper's token once; a change the request itself makes
    (adding to the wishlist, then the page) is seen by its next read."""
    reads: list[str] = []
    get_or_set = cache.get_or_set
    monkeypatch.setattr(
        cache, "get_or_set", lambda key, *a: reads.append(key) or get_or_set(key, *a)
    )
    with per_user.request_scope():
        assert WISHED.get(ada.pk) == frozenset() and BASKET_COUNTS.get(ada.pk) == 0
        assert WISHED.get(bob.pk) == frozenset()
        assert reads == [per_user.token_key(ada.pk), per_user.token_key(bob.pk)]
        wish(ada, 300)
        assert WISHED.get(ada.pk) == {300}
        assert WISHED.get(bob.pk) == frozenset()
    assert WISHED.get(ada.pk) == {300}


def test_a_version_names_the_values_until_one_changes(ada, bob, monkeypatch):
    """What is worked out from a shopper's values is kept under their version: a change
    of any of them is a new one; none is given inside a transaction (the values there
    are the database's, maybe never committed) nor when the cache fails."""
    first = per_user.version(ada.pk)
    assert first and per_user.version(ada.pk) == first != per_user.version(bob.pk)
    wish(ada, 300)
    assert per_user.version(ada.pk) not in (None, first)
    with transaction.atomic():
        assert per_user.version(ada.pk) is None

    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "get_or_set", down)
    assert per_user.version(ada.pk) is None
