"""The two search indexes, FTS5 (SQLite) and the word index (PostgreSQL's), tier by
tier: each test runs on every index this database can hold, and on a generated
catalogue both give the same hits, ranks and totals."""

import random
from datetime import date

import pytest

from sandbox.generator import Progress, generate_catalogue
from sandbox.models import Artist, Release, SearchWord, Track
from sandbox.search import fts, index, wordindex
from sandbox.search.query import FtsIndex, WordIndex, search
from tests.sandbox.factories import make_artist, make_release, make_track
from tests.skips import needs_sqlite

pytestmark = pytest.mark.django_db

RELEASE, TRACK = SearchWord.Kind.RELEASE, SearchWord.Kind.TRACK


SQLITE_ONLY = [pytest.mark.sqlite, needs_sqlite]  # FTS5 is SQLite's index


@pytest.fixture(params=[pytest.param("fts", marks=SQLITE_ONLY), "words"])
def engine(request):
    """The index class, and how to build it from the catalogue."""
    if request.param == "fts":
        return FtsIndex, fts.rebuild
    return WordIndex, index.rebuild_search_index


def _search(engine, kind, text, **options):
    engine_class, build = engine
    build()
    options.setdefault("country_code", None if kind == SearchWord.Kind.ARTIST else "GB")
    return search(kind, text, engine=engine_class, **options)


def test_title_matches_outrank_many_more_popular_artist_only_matches(engine):
    """track/search "mart": six unpopular titles starting "mart" come before the
    1,010 more popular tracks found only through their artist, Martin Ray."""
    martin = make_artist("Martin Ray")
    release = make_release(martin, "Singles")
    Track.objects.bulk_create(
        Track(
            release=release,
            artist=martin,
            title=f"Song {number}",
            search_title=f"song {number}",
            track_number=number,
            duration=200,
            isrc=f"GBMRT{number:07d}",
            popularity=0.9,
        )
        for number in range(1_010)
    )
    someone = make_release(make_artist("Someone"), "Other Album")
    for number in range(6):
        make_track(someone, f"Martyr {number}", number, popularity=0.01 * number)
    found = _search(engine, TRACK, "Mart", page_size=8)
    titles = dict(Track.objects.values_list("id", "title"))
    assert [titles[hit.object_id] for hit in found.hits[:6]] == [
        f"Martyr {number}" for number in (5, 4, 3, 2, 1, 0)
    ]
    assert [hit.score for hit in found.hits[6:]] == [1.9, 1.9]
    assert found.total == 1_016


def test_an_exact_title_ranks_first_however_unpopular(engine):
    artist = make_artist("Various")
    for number in range(6):
        make_release(artist, f"Intro {number}", popularity=0.5 + number / 100)
    make_release(artist, "Intro", popularity=0.0)
    found = _search(engine, RELEASE, "intro", page_size=1)
    assert found.hits[0].score == 3.0  # the exact tier, popularity 0
    assert found.total == 7


def test_pages_run_on_across_tiers(engine):
    """Page 2 of size 2: the second exact-or-phrase pair, then the artist-only match."""
    love, someone = make_artist("Courtney Love"), make_artist("Someone")
    make_release(love, "Nobody's Daughter", popularity=1.0)
    make_release(someone, "Love", popularity=0.1)
    for number, popularity in enumerate((0.8, 0.6, 0.4)):
        make_release(someone, f"Love Song {number}", popularity=popularity)
    pages = [_search(engine, RELEASE, "love", page=page, page_size=2) for page in (1, 2, 3)]
    assert [[hit.score for hit in page.hits] for page in pages] == [
        [3.1, 2.8],
        [2.6, 2.4],
        [2.0],
    ]
    assert {page.total for page in pages} == {5}


def test_territory_and_every_word_are_required(engine):
    keane, muse = make_artist("Keane"), make_artist("Muse")
    make_release(keane, "Hopes and Fears")
    make_release(keane, "Hopes Live", unavailable_in="FR,DE")
    make_release(muse, "Hopes")
    in_fr = _search(engine, RELEASE, "keane hop", country_code="FR")
    assert len(in_fr.hits) == in_fr.total == 1
    assert _search(engine, RELEASE, "keane hop", country_code="GB").total == 2


@pytest.mark.parametrize("scan_cap", [wordindex.SCAN_CAP, 3])
def test_word_index_reads_very_common_words_most_popular_first(monkeypatch, scan_cap):
    """Past SCAN_CAP index rows, the rarest word's own rows are read by popularity,
    exact titles come from the catalogue and the total from a sample (here, all)."""
    monkeypatch.setattr(wordindex, "SCAN_CAP", scan_cap)
    artist = make_artist("Various")
    for number in range(6):
        make_release(artist, f"Love Song {number}", popularity=number / 10)
    for number in range(4):
        make_release(artist, f"Love Me {number}", popularity=0.9)
    make_release(artist, "Love", popularity=0.0)
    index.rebuild_search_index()
    both = search(RELEASE, "love song", country_code="GB", page_size=2, engine=WordIndex)
    single = search(RELEASE, "love", country_code="GB", page_size=2, engine=WordIndex)
    assert both.total == 6
    assert [hit.score for hit in both.hits] == [2.5, 2.4]
    assert single.total == 11
    assert [hit.score for hit in single.hits] == [3.0, 2.9]


def _queries(rng: random.Random) -> list[tuple[int, str, str | None]]:
    """(kind, text, country) sampled from the generated catalogue."""
    artists = list(Artist.objects.values_list("name", flat=True))
    releases = list(Release.objects.values_list("title", "artist__name"))
    tracks = list(Track.objects.values_list("title", "artist__name"))
    queries = [(kind, text, "GB") for kind in (RELEASE, TRACK) for text in ("the", "lo", "a")]
    for name in rng.sample(artists, 15):
        queries += [(SearchWord.Kind.ARTIST, name, None), (SearchWord.Kind.ARTIST, name[:3], None)]
    for kind, rows in ((RELEASE, releases), (TRACK, tracks)):
        for title, artist in rng.sample(rows, 15):
            first_word = (title.split() or [""])[0]
            country = rng.choice(["GB", "US", "FR", "JP"])
            queries += [
                (kind, title, country),
                (kind, f"{artist} {first_word}", country),
                (kind, first_word[:2], country),
            ]
    return queries


@pytest.mark.sqlite
@needs_sqlite
def test_both_indexes_answer_a_generated_catalogue_alike():
    generate_catalogue(tracks=1_000, seed=7, today=date(2026, 1, 1), progress=Progress(False))
    fts.rebuild()
    index.rebuild_search_index()
    for kind, text, country in _queries(random.Random(7)):
        for page in (1, 3):
            pages = [
                search(kind, text, country_code=country, page=page, page_size=5, engine=engine)
                for engine in (FtsIndex, WordIndex)
            ]
            assert pages[0] == pages[1], (kind, text, country, page)


@pytest.mark.sqlite
@needs_sqlite
def test_fts_estimates_totals_past_the_count_cap(monkeypatch):
    """Past COUNT_CAP matches the total comes from the rank position of the last one
    counted: evenly spread matches give the exact total."""
    monkeypatch.setattr(fts, "COUNT_CAP", 4)
    artist = make_artist("Various")
    for number in range(12):  # every second release, by popularity, is a "live" one
        title = f"Live {number}" if number % 2 else f"Studio {number}"
        make_release(artist, title, popularity=1 - number / 100)
    fts.rebuild()
    found = search(RELEASE, "live", country_code="GB", page_size=2, engine=FtsIndex)
    assert found.total == 6
    assert len(found.hits) == 2
