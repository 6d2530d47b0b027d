"""PostgreSQL's search index: one row per (entity, folded word), and the words'
counts. (SQLite uses FTS5 tables instead, see sandbox.search.fts.)

Filled in bulk by `sandbox.search.rebuild_search_index()` (the catalogue generator
calls it at the end). Each row carries what ranking needs (the entity's folded
title and artist name, popularity, where it is not sold), so a search reads only
this index until it fetches the page it shows. The lookup indexes are created by
that rebuild after the bulk insert, not by a migration: loading six million rows
into an indexed table is several times slower, and an empty table needs none.
"""

from django.db import models


class SearchKind(models.IntegerChoices):
    ARTIST = 1
    RELEASE = 2
    TRACK = 3


class SearchWord(models.Model):
    Kind = SearchKind

    kind = models.PositiveSmallIntegerField(choices=SearchKind.choices)
    # A word of the entity's folded title or name, or of its artist's name
    # (releases and tracks), see sandbox.search.fold.
    word = models.CharField(max_length=64)
    object_id = models.BigIntegerField()
    popularity = models.FloatField(default=0.0)
    title = models.CharField(max_length=300, default="")  # folded; an artist's name
    artist = models.CharField(max_length=200, default="")  # folded; "" for artists
    unavailable_in = models.CharField(max_length=200, blank=True, default="")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.object_id}: {self.word}"


class SearchTerm(models.Model):
    """How many index rows have a word: picks a query's rarest word, sizes totals."""

    kind = models.PositiveSmallIntegerField(choices=SearchKind.choices)
    word = models.CharField(max_length=64)
    row_count = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"{self.word} ({self.row_count})"
