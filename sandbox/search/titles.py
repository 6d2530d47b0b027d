"""Exact-title matches read from the catalogue tables (their indexed search_title).

For a query whose rarest word is very common ("night"), scanning that word's index
rows for one title would read a hundred thousand rows; the entity tables find the
few with that exact folded title through their own index.
"""

from django.db.models import QuerySet, Value

from sandbox.models import Artist, Release, SearchWord, Track

from .lookup import Row


def _catalogue(kind: int, country: str | None) -> tuple[QuerySet, tuple]:
    """The entities of kind sold in country, and the fields of a `Row` of them."""
    empty = Value("")
    if kind == SearchWord.Kind.ARTIST:
        return Artist.objects.all(), ("id", "popularity", "search_name", empty, empty)
    if kind == SearchWord.Kind.RELEASE:
        releases = Release.objects.all()
        if country:
            releases = releases.exclude(unavailable_in__contains=country)
        fields = ("id", "popularity", "search_title", "artist__search_name", "unavailable_in")
        return releases, fields
    tracks = Track.objects.all()
    if country:
        tracks = tracks.exclude(release__unavailable_in__contains=country)
    fields = ("id", "popularity", "search_title", "artist__search_name", "release__unavailable_in")
    return tracks, fields


def exact_title_rows(kind: int, title: str, country: str | None, limit: int) -> list[Row]:
    """Rows of the entities of kind, sold in country, whose folded title is title."""
    queryset, fields = _catalogue(kind, country)
    title_field = fields[2]
    # Unordered on purpose: ORDER BY popularity tempts planners to walk the
    # popularity index of a million rows; the ranking sorts them anyway.
    found = queryset.order_by().filter(**{title_field: title}).values_list(*fields)
    return [Row(*row) for row in found[:limit]]
