"""The search index: one row per (entity, folded word), for shop-style search.

Filled in bulk by `sandbox.search.rebuild_search_index()` (the catalogue generator
calls it at the end). Its lookup index, on (kind, word, popularity desc, object_id),
is created by that rebuild after the bulk insert, not by a migration: loading five
million rows into an indexed table is several times slower, and an empty table
needs no index.
"""

from django.db import models


class SearchWord(models.Model):
    class Kind(models.IntegerChoices):
        ARTIST = 1
        RELEASE = 2
        TRACK = 3

    kind = models.PositiveSmallIntegerField(choices=Kind.choices)
    # A word of the entity's folded title or name (plus its artist's name for
    # releases and tracks), see sandbox.search.fold.
    word = models.CharField(max_length=64)
    object_id = models.BigIntegerField()
    # The entity's popularity when the index was built: candidates come out of the
    # index already ordered by it.
    popularity = models.FloatField(default=0.0)

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.object_id}: {self.word}"
