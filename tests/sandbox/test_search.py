"""Catalogue search: folding, the word index, shop-style ranking, the search operations."""

import json

import pytest

from sandbox.models import SearchWord
from sandbox.search import fold, index, rebuild_search_index
from tests.sandbox.factories import (
    assert_shape_recorded,
    error_of,
    get,
    make_artist,
    make_release,
    make_track,
    payload,
)

pytestmark = [pytest.mark.django_db, pytest.mark.urls("sandbox.urls")]


def _names(results, entity: str) -> list[str]:
    field = "name" if entity == "artist" else "title"
    return [r.findtext(f"{entity}/{field}") for r in results.iterfind("searchResult")]


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Björk", "bjork"),
        ("BEYONCÉ", "beyonce"),
        ("Don't Stop Me Now", "dont stop me now"),
        ("Sigur Rós — Ágætis byrjun", "sigur ros agaetis byrjun"),
        ("Motörhead  &  Straße", "motorhead strasse"),
    ],
)
def test_fold_drops_case_accents_and_punctuation(text, folded):
    assert fold(text) == folded


def test_rebuild_indexes_each_word_once_and_replaces_the_old_index():
    """One row per distinct word of title + artist name; a rebuild starts afresh."""
    keane = make_artist("Keane")
    make_track(make_release(keane, "Hopes and Fears"), "We Might As Well Be Strangers")
    index.rebuild_search_index()
    assert index.rebuild_search_index() == SearchWord.objects.count()
    track_words = set(
        SearchWord.objects.filter(kind=SearchWord.Kind.TRACK).values_list("word", flat=True)
    )
    assert track_words == {"we", "might", "as", "well", "be", "strangers", "keane"}
    assert SearchWord.objects.filter(kind=SearchWord.Kind.ARTIST, word="keane").count() == 1


def test_exact_name_first_then_names_containing_it_by_popularity(client, consumer):
    """artist/search "keane": Keane (exact, unpopular) before Dolores and Brian Keane."""
    make_artist("Brian Keane", popularity=0.3)
    make_artist("Keane", popularity=0.1)
    make_artist("Dolores Keane", popularity=0.9)
    make_artist("Muse", popularity=1.0)
    rebuild_search_index()
    results = payload(get(client, "artist/search", consumer, q="keane"))
    assert _names(results, "artist") == ["Keane", "Dolores Keane", "Brian Keane"]
    scores = [float(r.findtext("score")) for r in results.iterfind("searchResult")]
    assert scores == sorted(scores, reverse=True)


def test_ranking_exact_then_title_matches_then_other_matches(client, consumer):
    """release/search "love": exact title, then titles with a word starting "love" by
    popularity, then releases matched only through the artist's name."""
    someone, courtney = make_artist("Someone"), make_artist("Courtney Love")
    make_release(courtney, "Nobody's Daughter", popularity=1.0)
    make_release(someone, "Crazy Love", popularity=0.9)
    make_release(someone, "Love", popularity=0.1)
    make_release(someone, "Lovesong", popularity=0.5)
    make_release(someone, "Gloves", popularity=0.95)  # "love" inside a word: no match
    rebuild_search_index()
    results = payload(get(client, "release/search", consumer, q="Love"))
    assert _names(results, "release") == ["Love", "Crazy Love", "Lovesong", "Nobody's Daughter"]


def test_title_starting_with_the_query_is_a_prefix_match(client, consumer):
    """A partly typed title ("somewhere on") matches at a word start, before other words."""
    artist = make_artist("Keane")
    release = make_release(artist, "Hopes and Fears")
    make_track(release, "Somewhere Only We Know", 1, popularity=0.2)
    make_track(release, "Only Somewhere", 2, popularity=0.9)
    rebuild_search_index()
    results = payload(get(client, "track/search", consumer, q="somewhere on"))
    assert _names(results, "track") == ["Somewhere Only We Know", "Only Somewhere"]


def test_accents_and_case_are_folded_both_ways(client, consumer):
    make_artist("Björk")
    make_artist("Beyoncé")
    rebuild_search_index()
    assert _names(payload(get(client, "artist/search", consumer, q="bjork")), "artist") == ["Björk"]
    assert _names(payload(get(client, "artist/search", consumer, q="BEYONCE")), "artist") == [
        "Beyoncé"
    ]
    assert _names(payload(get(client, "artist/search", consumer, q="Björ")), "artist") == ["Björk"]


def test_multi_word_queries_match_artist_and_title_together(client, consumer):
    """track/search "keane somewhere" finds Keane's "Somewhere Only We Know" only."""
    keane, muse = make_artist("Keane"), make_artist("Muse")
    make_track(make_release(keane, "Hopes and Fears"), "Somewhere Only We Know")
    make_track(make_release(muse, "Drones"), "Somewhere")
    make_track(make_release(keane, "Strangeland"), "Silenced by the Night")
    rebuild_search_index()
    results = payload(get(client, "track/search", consumer, q="keane somewhere"))
    assert _names(results, "track") == ["Somewhere Only We Know"]
    assert results.findtext("totalItems") == "1"


def test_search_results_have_the_recorded_shape(client, consumer):
    make_track(make_release(make_artist("Keane"), "Hopes and Fears"), "Bedshaped")
    rebuild_search_index()
    # Search recordings of tracks predate `number`; the top-tracks ones have it.
    for entity, also in (("release", ()), ("track", ("artist/toptracks/*.xml",)), ("artist", ())):
        recordings = (f"{entity}/search/*.xml", *also)
        results = payload(get(client, f"{entity}/search", consumer, q="keane"))
        assert results.findtext("totalItems") == "1"
        result = results.find("searchResult")
        assert result.findtext("type") == entity
        assert_shape_recorded(results, recordings, "/response/searchResults")
        assert_shape_recorded(result, recordings, "//searchResult")
        assert_shape_recorded(
            result.find(entity), recordings, f"//{entity}[not(ancestor::{entity})]"
        )


def test_search_in_json(client, consumer):
    make_release(make_artist("Keane"), "Hopes and Fears")
    rebuild_search_index()
    body = json.loads(get(client, "release/search", consumer, as_json=True, q="hopes").content)
    result = body["searchResults"]["searchResult"]
    assert body["searchResults"]["totalItems"] == "1"
    assert result["type"] == "release"
    assert result["release"]["title"] == "Hopes and Fears"


def test_search_leaves_out_what_the_territory_does_not_sell(client, consumer):
    keane = make_artist("Keane")
    make_release(keane, "Hopes and Fears")
    make_release(keane, "Hopes Live", unavailable_in="FR")
    rebuild_search_index()
    in_gb = payload(get(client, "release/search", consumer, q="hopes"))
    in_fr = payload(get(client, "release/search", consumer, q="hopes", country="FR"))
    assert in_gb.findtext("totalItems") == "2"
    assert _names(in_fr, "release") == ["Hopes and Fears"]
    assert in_fr.findtext("totalItems") == "1"


def test_search_paging(client, consumer):
    keane = make_artist("Keane")
    for number, popularity in enumerate((0.1, 0.2, 0.3, 0.4, 0.5), start=1):
        make_release(keane, f"Live {number}", popularity=popularity)
    rebuild_search_index()
    second = payload(get(client, "release/search", consumer, q="live", pageSize=2, page=2))
    assert second.findtext("totalItems") == "5"
    assert (second.findtext("page"), second.findtext("pageSize")) == ("2", "2")
    assert _names(second, "release") == ["Live 3", "Live 2"]


def test_search_needs_q(client, consumer):
    assert error_of(get(client, "track/search", consumer))[:2] == (400, 1001)


def test_a_query_of_punctuation_or_an_unknown_word_finds_nothing(client, consumer):
    make_artist("Keane")
    rebuild_search_index()
    for text in ("!!!", "zzyzx"):
        results = payload(get(client, "artist/search", consumer, q=text))
        assert results.findtext("totalItems") == "0"
        assert results.find("searchResult") is None


def test_every_result_has_its_own_image_and_price_blocks(client, consumer):
    """Items of one page share the packages block and the image URL pattern as built
    once per request: each still carries its own copy and its own id."""
    keane = make_artist("Keane")
    first = make_release(keane, "Live One", popularity=0.9)
    second = make_release(keane, "Live Two", popularity=0.8)
    rebuild_search_index()
    results = payload(get(client, "release/search", consumer, q="live"))
    releases = results.findall("searchResult/release")
    assert [r.get("id") for r in releases] == [str(first.pk), str(second.pk)]
    for release in releases:
        assert f"/release/{release.get('id')}_50.jpg" in release.findtext("image")
        packages = release.findall("download/packages/package")
        assert [p.findtext("price/currencyCode") for p in packages] == ["GBP"]
