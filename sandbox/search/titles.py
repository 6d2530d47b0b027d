"""Exact-title matches read from the catalogue tables (their indexed search_title).

For a query whose rarest word is very common ("night"), scanning that word's index
rows for one title would read a hundred thousand rows; the entity tables find the
few with that exact folded title through their own index.
"""

from django.db.models import QuerySet

from sandbox.models import Artist, Release, SearchWord, Track

from .lookup import Found


def _catalogue(kind: int, country: str | None) -> tuple[QuerySet, str]:
    """The entities of kind sold in country, and their folded-title field."""
    if kind == SearchWord.Kind.ARTIST:
        return Artist.objects.all(), "search_name"
    if kind == SearchWord.Kind.RELEASE:
        releases = Release.objects.all()
        if country:
            releases = releases.exclude(unavailable_in__contains=country)
        return releases, "search_title"
    tracks = Track.objects.all()
    if country:
        tracks = tracks.exclude(release__unavailable_in__contains=country)
    return tracks, "search_title"


def exact_title_rows(kind: int, title: str, country: str | None, limit: int) -> Found:
    """The entities of kind, sold in country, whose folded title is title, most
    popular first (of the first `limit` found)."""
    queryset, title_field = _catalogue(kind, country)
    # Unordered on purpose: ORDER BY popularity tempts planners to walk the
    # popularity index of a million rows; the few found are sorted here.
    found = queryset.order_by().filter(**{title_field: title}).values_list("id", "popularity")
    return sorted(found[:limit], key=lambda row: (-row[1], row[0]))
