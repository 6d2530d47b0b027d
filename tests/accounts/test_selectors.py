"""The locker listing: search, sort and paging over the cached copy of the locker."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse

from accounts import selectors
from sevendigital import Artist, LockerTrack, Release, Track

pytestmark = pytest.mark.django_db

BOUGHT = datetime(2024, 5, 1, tzinfo=UTC)


def owned(release_id: int, title: str, artist: str, *, days_ago: int, tracks=("Intro",)):
    release = Release(id=release_id, title=title, artist=Artist(id=release_id, name=artist))
    rows = tuple(
        LockerTrack(
            track=Track(id=release_id * 10 + n, title=name),
            remaining_downloads=3,
            purchase_date=BOUGHT - timedelta(days=days_ago),
        )
        for n, name in enumerate(tracks)
    )
    return selectors.OwnedRelease(release=release, tracks=rows, available=True)


@pytest.fixture
def locker(shopper):
    """A cached locker of three releases (no API call is made while it is cached)."""
    entries = (
        owned(1, "Blue Hour", "Zed Owls", days_ago=5, tracks=("Harbour Lights", "Tide")),
        owned(2, "after Dark", "Ann Arbor", days_ago=1),
        owned(3, "Copper", "Miles Away", days_ago=9),
    )
    cache.set(selectors.locker_cache_key(shopper.pk, "GB"), (entries, False))
    return shopper


def titles(listing) -> list[str]:
    return [entry.release.title for entry in listing.releases]


def test_newest_purchase_first_by_default(locker):
    """Without a sort, the latest bought release comes first."""
    listing = selectors.locker_listing(user=locker, country="GB")
    assert titles(listing) == ["after Dark", "Blue Hour", "Copper"]


def test_sort_by_artist_ignores_case(locker):
    """By artist: alphabetical, whatever the case."""
    listing = selectors.locker_listing(user=locker, country="GB", sort="artist")
    assert titles(listing) == ["after Dark", "Copper", "Blue Hour"]


def test_sort_by_title_ignores_case(locker):
    """By title: alphabetical, whatever the case."""
    listing = selectors.locker_listing(user=locker, country="GB", sort="title")
    assert titles(listing) == ["after Dark", "Blue Hour", "Copper"]


def test_search_matches_track_titles_and_every_word(locker):
    """All words must match, in the release, its artist or its tracks, any case."""
    assert titles(selectors.locker_listing(user=locker, country="GB", q="harbour OWLS")) == [
        "Blue Hour"
    ]
    assert selectors.locker_listing(user=locker, country="GB", q="harbour copper").total == 0


def test_pages_of_the_listing(locker, monkeypatch):
    """Pages hold LOCKER_SHOWN_PER_PAGE releases; a page past the end is the last."""
    monkeypatch.setattr(selectors, "LOCKER_SHOWN_PER_PAGE", 2)
    second = selectors.locker_listing(user=locker, country="GB", page=2)
    assert (second.page, second.pages, titles(second)) == (2, 2, ["Copper"])
    beyond = selectors.locker_listing(user=locker, country="GB", page=99)
    assert beyond.page == 2


def test_locker_page_links_to_the_other_pages(client, locker, monkeypatch):
    """Paging keeps the search and sort in the links."""
    monkeypatch.setattr(selectors, "LOCKER_SHOWN_PER_PAGE", 1)
    client.force_login(locker)
    html = client.get(reverse("locker"), {"sort": "title", "page": 2}).content.decode()
    assert "Page 2 of 3" in html
    assert "?sort=title&amp;page=1" in html and "?sort=title&amp;page=3" in html
