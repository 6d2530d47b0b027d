"""The tiers of one query over the word index (`SearchWord`, PostgreSQL's engine).

Every tier reads the index range of the query's rarest word (`SearchTerm` counts say
which) and checks the rest on the same row. Past `SCAN_CAP` rows (only very common
words, "the"), the rows having exactly that word are read most popular first, so the
scan stops at the limit; the total is then estimated from a sample, and exact titles
come from the catalogue's own `search_title` index.
"""

from . import lookup
from .titles import exact_title_rows

SCAN_CAP = 20_000  # index rows of the rarest word read in full at most
SAMPLE = 5_000  # index rows sampled to estimate the matches of very common words
EXACT_CAP = 1_000  # exact-title matches considered ("Intro" is the title of thousands)


class WordIndex:
    def __init__(self, kind: int, query: str, words: list[str], country: str | None):
        self.kind, self.query, self.country = kind, query, country
        self.counts = {word: lookup.prefix_rows(kind, word) for word in words}
        self.rarest = min(words, key=lambda word: (self.counts[word], -len(word)))
        self.others = [word for word in words if word != self.rarest]
        self.common = self.counts[self.rarest] > SCAN_CAP

    def exact(self, limit: int) -> lookup.Found:
        if self.common:
            return exact_title_rows(self.kind, self.query, self.country, EXACT_CAP)[:limit]
        return lookup.exact_titles(self.kind, self.rarest, self.query, self.country, limit)

    def phrase(self, limit: int) -> lookup.Found:
        return self._top(limit, phrase=self.query)

    def matching(self, limit: int) -> lookup.Found:
        return self._top(limit)

    def _top(self, limit: int, phrase: str | None = None) -> lookup.Found:
        return lookup.top_matching(
            self.kind,
            self.rarest,
            self.others,
            self.country,
            limit,
            exact=self.common,
            phrase=phrase,
        )

    def total(self) -> int:
        kind, rarest, others, country = self.kind, self.rarest, self.others, self.country
        if not self.common:
            return lookup.count_matching(kind, rarest, others, country)
        if others or country:
            share = lookup.share_matching(kind, rarest, others, country, SAMPLE)
            return round(self.counts[rarest] * share)
        return self.counts[rarest]
