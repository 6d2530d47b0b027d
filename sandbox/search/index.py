"""Building the word index (`SearchWord`) and its counts (`SearchTerm`), in bulk.

One row per distinct folded word of each artist's name, and of each release's and
track's title plus its artist's name (so "keane somewhere" finds Keane's "Somewhere
Only We Know"). Each row also carries the entity's folded title, artist name,
popularity and the territories it is not sold in: a search reads nothing else.
Rows are loaded with the indexes dropped, which are built once at the end: on a
million-track catalogue that is about six million rows.
"""

from collections.abc import Callable, Iterable, Iterator

from django.db import connection, transaction

from sandbox.models import Artist, Release, SearchTerm, SearchWord, Track

from .text import MAX_WORD_LENGTH, fold

TABLE = SearchWord._meta.db_table
TERMS = SearchTerm._meta.db_table
_COLUMNS = "kind, word, object_id, popularity, title, artist, unavailable_in"
_BATCH = 20_000

Row = tuple[int, str, int, float, str, str, str]
Source = Iterable[tuple[int, str, str, float, str]]  # id, title, artist, popularity, unavailable
Progress = Callable[[str, int], None]


def _index_sql() -> list[str]:
    """The indexes; prefix ranges (word >= 'lov' AND word < 'lov\\U0010ffff') need
    code-point order, which SQLite's BINARY collation has and, on PostgreSQL, only
    the "C" collation. Both are covering: searches never read the table."""
    if connection.vendor == "postgresql":
        word, include, term = 'word COLLATE "C"', " INCLUDE (title, artist, unavailable_in)", ""
    else:
        word, include, term = "word", "", ", row_count"
    lookup = f"kind, {word}, popularity DESC, object_id"
    if not include:
        lookup += ", title, artist, unavailable_in"
    return [
        f"CREATE INDEX sandbox_searchword_lookup ON {TABLE} ({lookup}){include}",
        f"CREATE INDEX sandbox_searchterm_word ON {TERMS} (kind, {word}{term})"
        + (" INCLUDE (row_count)" if include else ""),
    ]


def _sources() -> dict[int, Source]:
    """(id, title or name, artist name, popularity, unavailable_in) per kind, streamed."""
    chunk = {"chunk_size": _BATCH}
    artists = Artist.objects.order_by().values_list("id", "name", "popularity")
    releases = Release.objects.order_by().values_list(
        "id", "title", "artist__name", "popularity", "unavailable_in"
    )
    tracks = Track.objects.order_by().values_list(
        "id", "title", "artist__name", "popularity", "release__unavailable_in"
    )
    return {
        SearchWord.Kind.ARTIST: ((i, n, "", p, "") for i, n, p in artists.iterator(**chunk)),
        SearchWord.Kind.RELEASE: releases.iterator(**chunk),
        SearchWord.Kind.TRACK: tracks.iterator(**chunk),
    }


def _rows(kind: int, source: Source) -> Iterator[Row]:
    for object_id, title, artist_name, popularity, unavailable_in in source:
        title, artist_name = fold(title), fold(artist_name)
        words = dict.fromkeys(w[:MAX_WORD_LENGTH] for w in f"{title} {artist_name}".split())
        for word in words:
            yield (kind, word, object_id, popularity, title, artist_name, unavailable_in)


def _batches(rows: Iterable[Row]) -> Iterator[list[Row]]:
    batch: list[Row] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= _BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _insert(cursor, batch: list[Row]) -> None:
    if connection.vendor == "postgresql":
        # COPY is several times faster than INSERT for millions of rows.
        with cursor.cursor.copy(f"COPY {TABLE} ({_COLUMNS}) FROM STDIN") as copy:
            for row in batch:
                copy.write_row(row)
    else:
        values = ", ".join(["%s"] * 7)
        sql = f"INSERT INTO {TABLE} ({_COLUMNS}) VALUES ({values})"  # noqa: S608  # nosec B608  # table/column names are constants; values are %s parameters
        cursor.executemany(sql, batch)


def _empty(cursor) -> None:
    for name in ("sandbox_searchword_lookup", "sandbox_searchterm_word"):
        cursor.execute(f"DROP INDEX IF EXISTS {name}")
    if connection.vendor == "postgresql":
        cursor.execute(f"TRUNCATE {TABLE}, {TERMS}")
        return
    for table in (TABLE, TERMS):
        cursor.execute(f"DELETE FROM {table}")  # noqa: S608  # nosec B608  # table/column names are constants; values are %s parameters


def clear() -> None:
    """Empty the word index and drop its lookup indexes."""
    with transaction.atomic(), connection.cursor() as cursor:
        _empty(cursor)


def _count_terms(cursor) -> None:
    cursor.execute(
        f"INSERT INTO {TERMS} (kind, word, row_count) "  # noqa: S608  # nosec B608  # table/column names are constants; values are %s parameters
        f"SELECT kind, word, COUNT(*) FROM {TABLE} GROUP BY kind, word"
    )


def rebuild_search_index(progress: Progress | None = None) -> int:
    """Replace the whole word index from the catalogue; returns the rows written.

    `progress(kind_label, rows_so_far)` is called after each batch (for a progress
    bar). Call it after the catalogue and its popularity are final.
    """
    total = 0
    with transaction.atomic(), connection.cursor() as cursor:
        _empty(cursor)
        for kind, source in _sources().items():
            label = SearchWord.Kind(kind).label
            for batch in _batches(_rows(kind, source)):
                _insert(cursor, batch)
                total += len(batch)
                if progress:
                    progress(label, total)
        _count_terms(cursor)
        for sql in _index_sql():
            cursor.execute(sql)
        cursor.execute(f"ANALYZE {TABLE}")
        cursor.execute(f"ANALYZE {TERMS}")
    _vacuum()
    return total


def _vacuum() -> None:
    """On PostgreSQL, mark the fresh tables all-visible so lookups are index-only."""
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM {TABLE}")
            cursor.execute(f"VACUUM {TERMS}")
