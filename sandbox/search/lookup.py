"""Reading the word index: word counts, and the entities matching a query's words.

A query word matches every index word it starts ("lov" matches love, lovely...): a
range of the covering lookup index (kind, word, popularity desc, object_id + the
entity's title, artist, unavailable_in). The other query words, the phrase and the
territory are checked on the same row, so no other table is read.
"""

from django.db import connection

from .index import TABLE, TERMS

_RANGE_END = "\U0010ffff"  # sorts after every character, in code-point order

Found = list[tuple[int, float]]  # (object_id, popularity), most popular first


def _word() -> str:
    # The indexes are built on word COLLATE "C" on PostgreSQL (see index.py).
    return 'word COLLATE "C"' if connection.vendor == "postgresql" else "word"


def _fetch(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def prefix_rows(kind: int, word: str) -> int:
    """How many index rows have a word starting with word (from the counts table)."""
    sql = (
        f"SELECT COALESCE(SUM(row_count), 0) FROM {TERMS} "  # noqa: S608  # nosec B608  # table/column names are constants; values are %s parameters
        f"WHERE kind = %s AND {_word()} >= %s AND {_word()} < %s"
    )
    return int(_fetch(sql, [kind, word, word + _RANGE_END])[0][0])


def _head(kind: int, word: str, exact: bool) -> tuple[str, list]:
    """WHERE: rows of kind whose word is word (exact) or starts with it."""
    if exact:
        return f" WHERE kind = %s AND {_word()} = %s", [kind, word]
    return f" WHERE kind = %s AND {_word()} >= %s AND {_word()} < %s", [
        kind,
        word,
        word + _RANGE_END,
    ]


def _filters(others: list[str], country: str | None, phrase: str | None) -> tuple[str, list]:
    """AND ...: the row's title or artist has a word starting with each of others, its
    title has phrase at a word start, and it is sold in country (None: anywhere)."""
    # Query words are letters and digits only (see text.fold): no LIKE wildcards.
    sql = "".join(" AND (' ' || title || ' ' || artist) LIKE %s" for _ in others)
    params = [f"% {word}%" for word in others]
    if phrase:
        sql += " AND (' ' || title) LIKE %s"
        params.append(f"% {phrase}%")
    if country:
        sql += " AND unavailable_in NOT LIKE %s"
        params.append(f"%{country}%")
    return sql, params


def top_matching(
    kind: int,
    word: str,
    others: list[str],
    country: str | None,
    limit: int,
    *,
    exact: bool = False,
    phrase: str | None = None,
) -> Found:
    """The most popular matching entities (with phrase: whose title has it).

    With exact (for a word too common to read its whole prefix range, "the"), one
    word's rows come out of the index most popular first and the scan stops early.
    """
    head, head_params = _head(kind, word, exact)
    filters, filter_params = _filters(others, country, phrase)
    sql = (
        f"SELECT DISTINCT object_id, popularity FROM {TABLE}{head}{filters} "  # noqa: S608  # nosec B608  # table/column names are constants; values are %s parameters
        "ORDER BY popularity DESC, object_id LIMIT %s"
    )
    return _fetch(sql, [*head_params, *filter_params, limit])


def exact_titles(kind: int, word: str, title: str, country: str | None, limit: int) -> Found:
    """Entities whose folded title is exactly title; word is one of its words."""
    head, head_params = _head(kind, word, exact=True)
    filters, filter_params = _filters([], country, None)
    sql = (
        f"SELECT object_id, popularity FROM {TABLE}{head} AND title = %s{filters} "  # noqa: S608  # nosec B608  # table/column names are constants; values are %s parameters
        "ORDER BY popularity DESC, object_id LIMIT %s"
    )
    return _fetch(sql, [*head_params, title, *filter_params, limit])


def count_matching(kind: int, word: str, others: list[str], country: str | None) -> int:
    """How many entities match (reads the whole prefix range of word)."""
    head, head_params = _head(kind, word, exact=False)
    filters, filter_params = _filters(others, country, None)
    sql = f"SELECT COUNT(DISTINCT object_id) FROM {TABLE}{head}{filters}"  # noqa: S608  # nosec B608  # table/column names are constants; values are %s parameters
    return _fetch(sql, [*head_params, *filter_params])[0][0]


def share_matching(kind: int, word: str, others: list[str], country: str | None, sample: int):
    """The share of the first `sample` rows having exactly word that also have the
    others and are sold there: to estimate the matches of very common words."""
    head, head_params = _head(kind, word, exact=True)
    filters, filter_params = _filters(others, country, None)
    sampled = f"SELECT title, artist, unavailable_in FROM {TABLE}{head} LIMIT %s"  # noqa: S608  # nosec B608  # table/column names are constants; values are %s parameters
    sql = (
        f"SELECT COUNT(*), SUM(CASE WHEN 1 = 1{filters} THEN 1 ELSE 0 END) "  # noqa: S608  # nosec B608  # table/column names are constants; values are %s parameters
        f"FROM ({sampled}) AS sampled"
    )
    scanned, matched = _fetch(sql, [*filter_params, *head_params, sample])[0]
    return (matched or 0) / scanned if scanned else 0.0
