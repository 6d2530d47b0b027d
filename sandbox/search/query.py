"""Answering a search: matches from the word index, ranked like a shop.

Every query word must be the start of some word of the entity (title words plus the
artist's name words). Ranking, best first:

1. exact: the folded title (artist: name) equals the folded query;
2. phrase: the title contains the query at a word start ("somewhere only" in
   "Somewhere Only We Know", "love" in "Lovesong");
3. words: every query word matches somewhere, e.g. partly in the artist's name.

Within a class, more popular first. The score is the class (3, 2, 1) plus the
popularity (0..1), so higher is better.

Matching happens in the database (`lookup`), on the index range of the rarest query
word (`SearchTerm` counts say which), checking the other words and the territory on
each row: the `POOL` most popular matches, and their exact count. Past `SCAN_CAP`
rows (only very common words, "the"), the rows having exactly that word are read
most popular first, so the scan stops at the pool size, and the total is estimated
from a sample. Ranking runs in Python over the pool; when there are more matches,
exact titles are fetched directly as well, so they always rank first however
unpopular.
"""

from dataclasses import dataclass

from . import lookup
from .text import MAX_WORD_LENGTH, fold, normalised
from .titles import exact_title_rows

POOL = 1_000  # most popular matches ranked per query
MAX_POOL = 20_000  # for deep pages
SCAN_CAP = 20_000  # index rows of the rarest word read in full at most
SAMPLE = 5_000  # index rows sampled to estimate the matches of very common words
MAX_QUERY_WORDS = 8
EXACT_CAP = 1_000  # exact-title matches considered ("Intro" is the title of thousands)

EXACT, PHRASE, WORDS = 3.0, 2.0, 1.0


@dataclass(frozen=True)
class Hit:
    object_id: int
    score: float


@dataclass(frozen=True)
class SearchPage:
    total: int
    hits: list[Hit]


def classify(query: str, query_words: list[str], row: lookup.Row) -> float | None:
    """The row's class (EXACT, PHRASE, WORDS), or None when it does not match."""
    title = normalised(row.title)
    own_words = f"{title} {normalised(row.artist)}".split()
    if not all(any(own.startswith(word) for own in own_words) for word in query_words):
        return None
    if title == query:
        return EXACT
    if f" {title}".find(f" {query}") != -1:
        return PHRASE
    return WORDS


def rank(query: str, rows: list[lookup.Row]) -> list[Hit]:
    """Matching rows as hits, best first (ties: lower id first)."""
    query_words = query.split()
    hits = []
    for row in rows:
        klass = classify(query, query_words, row)
        if klass is not None:
            hits.append(Hit(row.object_id, round(klass + row.popularity, 6)))
    hits.sort(key=lambda hit: (-hit.score, hit.object_id))
    return hits


def _distinct(rows: list[lookup.Row]) -> list[lookup.Row]:
    """rows with one row per entity (an entity comes once per word in a range)."""
    first: dict[int, lookup.Row] = {}
    for row in rows:
        first.setdefault(row.object_id, row)
    return list(first.values())


def search(
    kind: int,
    text: str,
    *,
    country_code: str | None = None,
    page: int = 1,
    page_size: int = 10,
) -> SearchPage:
    """One page of ranked hits for text among the entities of kind sold there."""
    query = " ".join(fold(text).split()[:MAX_QUERY_WORDS])
    query_words = list(dict.fromkeys(word[:MAX_WORD_LENGTH] for word in query.split()))
    if not query_words:
        return SearchPage(0, [])
    counts = {word: lookup.prefix_rows(kind, word) for word in query_words}
    rarest = min(query_words, key=lambda word: (counts[word], -len(word)))
    others = [word for word in query_words if word != rarest]
    limit = min(max(POOL, page * page_size * 3), MAX_POOL)
    common = counts[rarest] > SCAN_CAP
    rows = lookup.top_matching(kind, rarest, others, country_code, limit, exact=common)
    pool = _distinct(rows)
    if not common:
        total = lookup.count_matching(kind, rarest, others, country_code)
    elif others or country_code:
        share = lookup.share_matching(kind, rarest, others, country_code, SAMPLE)
        total = round(counts[rarest] * share)
    else:
        total = counts[rarest]
    if total > len(pool):  # exact titles may lie beyond the pool
        pooled = {row.object_id for row in pool}
        exact = _exact_titles(kind, rarest, query, country_code, common)
        pool += [row for row in _distinct(exact) if row.object_id not in pooled]
    hits = rank(query, pool)
    start = (page - 1) * page_size
    return SearchPage(max(total, len(hits)), hits[start : start + page_size])


def _exact_titles(kind: int, rarest: str, query: str, country: str | None, common: bool):
    """Entities titled exactly query: from the rarest word's index rows when they are
    few, else through the catalogue table's own title index."""
    if common:
        return exact_title_rows(kind, query, country, EXACT_CAP)
    return lookup.exact_titles(kind, rarest, query, country, EXACT_CAP)


__all__ = ["Hit", "SearchPage", "classify", "rank", "search"]
