"""Slot targets are found by name, by 7digital shop URL or by id, on the real sandbox."""

import pytest

from catalogue.models import EditorialSlot
from catalogue.slot_targets import TargetError, target_resolve, target_search
from tests.catalogue.slot_support import charted_release, live_store, release_not_sold_somewhere

pytestmark = [pytest.mark.django_db, pytest.mark.live_sandbox]
__all__ = ["live_store"]


def test_part_of_a_title_finds_the_release_with_cover_artist_and_year(live_store):
    release = charted_release()
    found = target_search(kind="release", term=release.title[:-2], country="GB")
    match = next(item for item in found if item.id == str(release.id))
    assert match.title == release.title
    assert match.artist == release.artist.name
    assert match.image == release.image and match.image.startswith("http")
    assert match.year == (release.year or release.release_date.year)
    assert release.title in match.as_choice()["text"]


def test_artists_and_tracks_are_searched_for_their_kinds(live_store):
    release = charted_release()
    artists = target_search(kind="artist", term=release.artist.name, country="GB")
    assert str(release.artist.id) in {item.id for item in artists}
    tracks = target_search(kind="track", term=release.artist.name, country="GB")
    assert tracks and all(item.kind == "track" and item.artist for item in tracks)


def test_tags_are_searched_by_name(live_store):
    found = target_search(kind="tag", term="roc", country="GB")
    assert "rock" in {item.id for item in found}


def test_a_blank_term_searches_nothing(live_store):
    assert target_search(kind="release", term="   ", country="GB") == []


def test_a_shop_url_or_an_id_resolves_to_the_release(live_store):
    release = charted_release()
    url = f"https://uk.7digital.com/artist/{release.artist.slug}/release/{release.slug}?p=1"
    by_url = target_resolve(kind="release", raw=url, country="GB")
    by_id = target_resolve(kind="release", raw=f" {release.id} ", country="GB")
    assert by_url == by_id
    assert by_url.id == str(release.id) and by_url.title == release.title


def test_an_artist_url_resolves_to_the_artist(live_store):
    release = charted_release()
    url = f"http://www.7digital.com/artist/{release.artist.slug}/"
    artist = target_resolve(kind="artist", raw=url, country="GB")
    assert (artist.id, artist.title) == (str(release.artist.id), release.artist.name)


def test_an_unknown_id_says_so(live_store):
    with pytest.raises(TargetError, match="No release has the 7digital id 999999999"):
        target_resolve(kind="release", raw="999999999", country="GB")


def test_an_unknown_shop_url_says_so(live_store):
    with pytest.raises(TargetError, match="7digital knows no release at"):
        target_resolve(
            kind="release",
            raw="https://uk.7digital.com/artist/nobody/release/nothing",
            country="GB",
        )


def test_an_item_not_sold_in_the_territory_says_where(live_store):
    release_id, country = release_not_sold_somewhere(live_store)
    with pytest.raises(
        TargetError, match=rf"This release \({release_id}\) is not sold in {country}"
    ):
        target_resolve(kind="release", raw=str(release_id), country=country)


def test_words_that_are_neither_id_nor_url_ask_for_a_choice(live_store):
    with pytest.raises(TargetError, match="Choose a release from the list"):
        target_resolve(kind="release", raw="some album", country="GB")


def test_tags_and_urls_are_taken_as_they_are(live_store):
    assert target_resolve(kind=EditorialSlot.Target.TAG, raw="rock", country="GB").id == "rock"
    assert (
        target_resolve(kind=EditorialSlot.Target.URL, raw="/charts/", country="GB").id == "/charts/"
    )
