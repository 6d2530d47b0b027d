"""Japanese names and titles in search: whole and partly typed kana and kanji, on
both indexes (FTS5 on SQLite, the word index everywhere), and through release/search.

A run of kana and kanji has no spaces: both indexes hold it as one word, so a query
matches it whole or as its first characters (as "lov" matches "Lovesong")."""

import pytest

from sandbox.models import SearchWord
from sandbox.search import fold, fts, index, rebuild_search_index
from sandbox.search.query import FtsIndex, WordIndex, search
from tests.sandbox.factories import (
    get,
    make_artist,
    make_country,
    make_release,
    make_track,
    payload,
)
from tests.sandbox.oauth_support import make_consumer
from tests.skips import needs_sqlite

pytestmark = pytest.mark.django_db

ARTIST, RELEASE, TRACK = SearchWord.Kind.ARTIST, SearchWord.Kind.RELEASE, SearchWord.Kind.TRACK
EXACT = 3.0


@pytest.fixture(params=[pytest.param("fts", marks=[pytest.mark.sqlite, needs_sqlite]), "words"])
def engine(request):
    return (
        (FtsIndex, fts.rebuild)
        if request.param == "fts"
        else (WordIndex, index.rebuild_search_index)
    )


@pytest.fixture
def catalogue():
    """Two Japanese acts and a British one, with look-alike titles."""
    hikari = make_artist("森川ヒカリ", popularity=0.4)
    radio = make_artist("月面ラジオ", popularity=0.6)
    make_artist("Keane", popularity=0.9)
    dawn = make_release(hikari, "夜明けのうた", popularity=0.3)
    make_track(dawn, "夜明けのうた", 1)
    make_track(dawn, "ガラスの街", 2)
    make_release(radio, "夜明け前", popularity=0.8)
    make_release(radio, "カラスの歌", popularity=0.9)  # crow, not glass: カ is not ガ
    city = make_release(radio, "ガラスの街", popularity=0.2, unavailable_in="JP")
    make_track(city, "ガラスの街 (Live)", 1)


def _found(engine, kind, text, country="JP") -> list[tuple[str, float]]:
    engine_class, build = engine
    build()
    page = search(kind, text, country_code=country, engine=engine_class, page_size=20)
    model = {ARTIST: "artist", RELEASE: "release", TRACK: "track"}[kind]
    names = _names(model)
    return [(names[hit.object_id], hit.score) for hit in page.hits]


def _names(model: str) -> dict[int, str]:
    from sandbox.models import Artist, Release, Track

    field = "name" if model == "artist" else "title"
    source = {"artist": Artist, "release": Release, "track": Track}[model]
    return dict(source.objects.values_list("id", field))


@pytest.mark.parametrize("query", ["森川ヒカリ", "森川", "森"])
def test_an_artist_by_the_whole_name_or_its_first_characters(engine, catalogue, query):
    found = _found(engine, ARTIST, query, country=None)
    assert [name for name, _ in found] == ["森川ヒカリ"]


def test_the_whole_name_is_the_exact_tier(engine, catalogue):
    [(_, score)] = _found(engine, ARTIST, "森川ヒカリ", country=None)
    assert score >= EXACT
    [(_, score)] = _found(engine, ARTIST, "森川", country=None)
    assert score < EXACT


def test_a_title_exact_first_then_those_starting_with_the_query(engine, catalogue):
    """release/search "夜明けのうた": the exact title; "夜明" finds both dawns, the
    more popular first."""
    assert [name for name, _ in _found(engine, RELEASE, "夜明けのうた")] == ["夜明けのうた"]
    assert [name for name, _ in _found(engine, RELEASE, "夜明")] == ["夜明け前", "夜明けのうた"]


def test_voiced_kana_are_not_their_unvoiced_letters(engine, catalogue):
    """ "ガラ" (glass) does not find "カラスの歌" (crow), nor "カラ" the glass."""
    assert [name for name, _ in _found(engine, RELEASE, "ガラ", country=None)] == ["ガラスの街"]
    assert [name for name, _ in _found(engine, RELEASE, "カラ", country=None)] == ["カラスの歌"]


def test_half_width_katakana_find_full_width(engine, catalogue):
    assert fold("ｶﾞﾗｽの街") == "ガラスの街"
    assert [name for name, _ in _found(engine, TRACK, "ｶﾞﾗｽ")] == ["ガラスの街"]


def test_artist_and_title_words_together(engine, catalogue):
    """ "月面ラジオ 夜明" (artist, then the start of a title): that act's dawn only."""
    assert [name for name, _ in _found(engine, RELEASE, "月面ラジオ 夜明")] == ["夜明け前"]


def test_what_is_not_sold_in_japan_is_not_found_there(engine, catalogue):
    assert [name for name, _ in _found(engine, RELEASE, "ガラスの街", country="GB")] == [
        "ガラスの街"
    ]
    assert _found(engine, RELEASE, "ガラスの街", country="JP") == []


@pytest.mark.urls("sandbox.urls")
def test_release_search_over_http(client, catalogue):
    make_country("GB")
    make_country("JP", languages="ja", currency_code="JPY")
    consumer = make_consumer()
    rebuild_search_index()
    results = payload(get(client, "release/search", consumer, q="夜明", country="JP"))
    titles = [r.findtext("release/title") for r in results.iterfind("searchResult")]
    assert titles == ["夜明け前", "夜明けのうた"]
    artists = [r.findtext("release/artist/name") for r in results.iterfind("searchResult")]
    assert artists == ["月面ラジオ", "森川ヒカリ"]
