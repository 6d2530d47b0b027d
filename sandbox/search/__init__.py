"""Shop-style catalogue search: text folding, the word index and ranked queries.

`fold` is the agreed folding of names and titles: the catalogue generator stores
`fold(name)` / `fold(title)` in `search_name` / `search_title`, and calls
`rebuild_search_index()` once the catalogue is complete. Importing `fold` needs no
Django set-up; the queries live in `sandbox.search.catalogue`.
"""

from .text import fold, words


def rebuild_search_index(progress=None) -> int:
    """Replace the word index from the catalogue (see `sandbox.search.index`)."""
    from .index import rebuild_search_index as rebuild

    return rebuild(progress)


__all__ = ["fold", "rebuild_search_index", "words"]
