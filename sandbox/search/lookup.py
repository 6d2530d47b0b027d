"""Reading the word index: word counts, and the entities matching every query word.

A query word matches every index word it starts ("lov" matches love, lovely...): a
range of the covering lookup index (kind, word, popularity desc, object_id + the
entity's title, artist, unavailable_in). The other query words are checked on the
same row, against the entity's title and artist, so no other table is read.
"""

from dataclasses import dataclass

from django.db import connection

from .index import TABLE, TERMS

_RANGE_END = "\U0010ffff"  # sorts after every character, in code-point order


@dataclass(frozen=True)
class Row:
    object_id: int
    popularity: float
    title: str
    artist: str
    unavailable_in: str


def _word() -> str:
    # The indexes are built on word COLLATE "C" on PostgreSQL (see index.py).
    return 'word COLLATE "C"' if connection.vendor == "postgresql" else "word"


def _has_words(count: int) -> str:
    """SQL conditions: the row's title or artist has a word starting with each of..."""
    # Query words are letters and digits only (see text.fold): no LIKE wildcards.
    document = "(' ' || title || ' ' || artist)"
    return "".join(f" AND {document} LIKE %s" for _ in range(count))


def _like(words: list[str]) -> list[str]:
    return [f"% {word}%" for word in words]


def _rows(sql: str, params: list) -> list[Row]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [Row(*row) for row in cursor.fetchall()]


def prefix_rows(kind: int, word: str) -> int:
    """How many index rows have a word starting with word (from the counts table)."""
    sql = (
        f"SELECT COALESCE(SUM(row_count), 0) FROM {TERMS} "  # noqa: S608  # nosec B608  # table/column names are constants; values are %s parameters
        f"WHERE kind = %s AND {_word()} >= %s AND {_word()} < %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [kind, word, word + _RANGE_END])
        return int(cursor.fetchone()[0])


_SELECT = f"SELECT object_id, popularity, title, artist, unavailable_in FROM {TABLE}"  # noqa: S608  # nosec B608  # table/column names are constants; values are %s parameters
_ORDER = " ORDER BY popularity DESC, object_id LIMIT %s"


def _head(kind: int, word: str, exact: bool) -> tuple[str, list]:
    """WHERE: rows of kind whose word is word (exact) or starts with it."""
    if exact:
        return f" WHERE kind = %s AND {_word()} = %s", [kind, word]
    return f" WHERE kind = %s AND {_word()} >= %s AND {_word()} < %s", [
        kind,
        word,
        word + _RANGE_END,
    ]


def _filters(others: list[str], country: str | None) -> tuple[str, list]:
    """AND ...: the entity has the other words and is sold in country (None: anywhere)."""
    sql, params = _has_words(len(others)), _like(others)
    if country:
        sql += " AND unavailable_in NOT LIKE %s"
        params.append(f"%{country}%")
    return sql, params


def top_matching(
    kind: int, word: str, others: list[str], country: str | None, limit: int, *, exact=False
) -> list[Row]:
    """The most popular matching rows (an entity may come once per matching word).

    With exact (for a word too common to read its whole prefix range, "the"), one
    word's rows come out of the index most popular first and the scan stops early.
    """
    head, head_params = _head(kind, word, exact)
    filters, filter_params = _filters(others, country)
    return _rows(_SELECT + head + filters + _ORDER, [*head_params, *filter_params, limit])


def exact_titles(kind: int, word: str, title: str, country: str | None, limit: int) -> list[Row]:
    """Rows of entities whose folded title is exactly title; word is one of its words."""
    head, head_params = _head(kind, word, exact=True)
    filters, filter_params = _filters([], country)
    sql = f"{_SELECT}{head} AND title = %s{filters} LIMIT %s"
    return _rows(sql, [*head_params, title, *filter_params, limit])


def count_matching(kind: int, word: str, others: list[str], country: str | None) -> int:
    """How many entities match (reads the whole prefix range of word)."""
    head, head_params = _head(kind, word, exact=False)
    filters, filter_params = _filters(others, country)
    sql = f"SELECT COUNT(DISTINCT object_id) FROM {TABLE}{head}{filters}"  # noqa: S608  # nosec B608  # table/column names are constants; values are %s parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, [*head_params, *filter_params])
        return cursor.fetchone()[0]


def share_matching(kind: int, word: str, others: list[str], country: str | None, sample: int):
    """The share of the first `sample` rows having exactly word that also have the
    others and are sold there: to estimate the matches of very common words."""
    head, head_params = _head(kind, word, exact=True)
    filters, filter_params = _filters(others, country)
    sampled = f"SELECT title, artist, unavailable_in FROM {TABLE}{head} LIMIT %s"  # noqa: S608  # nosec B608  # table/column names are constants; values are %s parameters
    sql = (
        f"SELECT COUNT(*), SUM(CASE WHEN 1 = 1{filters} THEN 1 ELSE 0 END) "  # noqa: S608  # nosec B608  # table/column names are constants; values are %s parameters
        f"FROM ({sampled}) AS sampled"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*filter_params, *head_params, sample])
        scanned, matched = cursor.fetchone()
    return (matched or 0) / scanned if scanned else 0.0
