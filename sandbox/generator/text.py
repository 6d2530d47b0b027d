"""Text helpers of the catalogue: sort names and unique slugs.

Names are folded for search with `sandbox.search.fold`, the one definition of how
names compare ("Björk" -> "bjork"); slugs are made from the folded text.
"""

from django.utils.text import slugify

from sandbox.search.text import fold

_ARTICLES = ("The ", "A ")


def sort_name(name: str) -> str:
    """The name as an index lists it: "The Charlatans" -> "Charlatans, The"."""
    for article in _ARTICLES:
        if name.startswith(article) and len(name) > len(article):
            return f"{name[len(article) :]}, {article.strip()}"
    return name


def slug(text: str) -> str:
    """A URL slug of any title, never empty ("Beyoncé" -> "beyonce")."""
    return slugify(fold(text)) or "untitled"


class SlugAllocator:
    """Hands out slugs unique within one scope: "keane", then "keane-2", "keane-3"."""

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}

    def allocate(self, text: str) -> str:
        base = slug(text)
        count = self._seen.get(base, 0) + 1
        self._seen[base] = count
        if count == 1:
            return base
        candidate = f"{base}-{count}"
        while candidate in self._seen:  # a title that itself ends in "-2"
            count += 1
            candidate = f"{base}-{count}"
        self._seen[base] = count
        self._seen[candidate] = 1
        return candidate
