"""Shop-style catalogue search: text folding, the indexes and ranked queries.

`fold` is the agreed folding of names and titles: the catalogue generator stores
`fold(name)` / `fold(title)` in `search_name` / `search_title`, and calls
`rebuild_search_index()` once the catalogue is complete. Importing `fold` needs no
Django set-up; the queries live in `sandbox.search.catalogue`.
"""

from .text import fold, words


def rebuild_search_index(progress=None) -> int:
    """Replace this database's search index from the catalogue: the FTS5 tables on
    SQLite (`sandbox.search.fts`), the word index elsewhere (`sandbox.search.index`)."""
    from django.db import connection

    from . import fts, index

    if connection.vendor == "sqlite":
        index.clear()  # a word index built before FTS5 was the engine here
        return fts.rebuild(progress)
    return index.rebuild_search_index(progress)


__all__ = ["fold", "rebuild_search_index", "words"]
