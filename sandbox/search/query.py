"""Answering a search: matches from the index of this database, ranked like a shop.

Every query word must be the start of some word of the entity (title words plus the
artist's name words). Ranking, best first:

1. exact: the folded title (artist: name) equals the folded query;
2. phrase: the title contains the query at a word start ("somewhere only" in
   "Somewhere Only We Know", "love" in "Lovesong");
3. words: every query word matches somewhere, e.g. partly in the artist's name.

Within a tier, more popular first (ties: lower id). The score is the tier (3, 2, 1)
plus the popularity (0..1), so higher is better.

Each tier is one query of the index, most popular first, limited to the hits the
page needs; a lower tier is read only while the page is not full. So a title match
ranks above an artist-only match however many more popular artist-only matches
there are. The index: FTS5 on SQLite (`fts`), the word index on PostgreSQL
(`wordindex`); both answer every tier alike.
"""

from dataclasses import dataclass

from django.db import connection

from .fts import FtsIndex
from .text import MAX_WORD_LENGTH, fold
from .wordindex import WordIndex

MAX_QUERY_WORDS = 8
MAX_RANKED = 20_000  # hits ranked at most (page * page size, for deep pages)

EXACT, PHRASE, WORDS = 3.0, 2.0, 1.0


@dataclass(frozen=True)
class Hit:
    object_id: int
    score: float


@dataclass(frozen=True)
class SearchPage:
    total: int
    hits: list[Hit]


def default_engine():
    return FtsIndex if connection.vendor == "sqlite" else WordIndex


def search(
    kind: int,
    text: str,
    *,
    country_code: str | None = None,
    page: int = 1,
    page_size: int = 10,
    engine=None,
) -> SearchPage:
    """One page of ranked hits for text among the entities of kind sold there.

    engine: the index class to read (default: this database's, `default_engine`).
    """
    query = " ".join(fold(text).split()[:MAX_QUERY_WORDS])
    query_words = list(dict.fromkeys(word[:MAX_WORD_LENGTH] for word in query.split()))
    if not query_words:
        return SearchPage(0, [])
    index = (engine or default_engine())(kind, query, query_words, country_code)
    wanted = min(page * page_size, MAX_RANKED)
    ranked: dict[int, Hit] = {}
    for tier, read in ((EXACT, index.exact), (PHRASE, index.phrase), (WORDS, index.matching)):
        if len(ranked) >= wanted:
            break
        # A tier holds the hits of the tiers above it too: read past those.
        for object_id, popularity in read(wanted + len(ranked)):
            if object_id not in ranked:
                ranked[object_id] = Hit(object_id, round(tier + popularity, 6))
    hits = list(ranked.values())[:wanted]
    start = (page - 1) * page_size
    return SearchPage(max(index.total(), len(hits)), hits[start : start + page_size])


__all__ = ["Hit", "SearchPage", "default_engine", "search"]
