"""Reading the catalogue for the API: lookups by id, territory availability, pages.

An item not sold in a territory is an error when asked for by id (2002) and is
left out of every list, search and chart there.
"""

from collections.abc import Sequence
from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from sandbox.models import (
    Artist,
    ArtistSimilarity,
    Country,
    Release,
    ReleaseRecommendation,
    Tag,
    Track,
)
from sandbox.wire import not_available, not_found

RELEASE_RELATED = ("artist", "label", "licensor")
TRACK_RELATED = ("artist", "release__artist")


def sold_releases(country: Country) -> QuerySet[Release]:
    """Releases sold in the territory, with what their element shows."""
    return Release.objects.exclude(unavailable_in__contains=country.code).select_related(
        *RELEASE_RELATED
    )


def sold_tracks(country: Country) -> QuerySet[Track]:
    """Tracks sold in the territory (a track is sold where its release is)."""
    return Track.objects.exclude(release__unavailable_in__contains=country.code).select_related(
        *TRACK_RELATED
    )


def today() -> date:
    """The sandbox's current date (monkeypatch in tests)."""
    return timezone.now().date()


def recommended_releases(release: Release, country: Country) -> QuerySet[ReleaseRecommendation]:
    """Recommendations from release to releases sold there, best first."""
    return (
        ReleaseRecommendation.objects.filter(release=release)
        .exclude(recommended__unavailable_in__contains=country.code)
        .select_related(*(f"recommended__{name}" for name in RELEASE_RELATED))
        .order_by("-score", "recommended_id")
    )


def similar_artists(artist: Artist) -> QuerySet[ArtistSimilarity]:
    """Artists similar to artist, most similar first."""
    return (
        ArtistSimilarity.objects.filter(artist=artist)
        .select_related("similar")
        .order_by("-score", "similar_id")
    )


def release_for(release_id: int, country: Country) -> Release:
    """The release, or 2001 if there is none, or 2002 if it is not sold there."""
    release = Release.objects.select_related(*RELEASE_RELATED).filter(pk=release_id).first()
    if release is None:
        raise not_found(f"No releases found with id: {release_id}")
    if not release.is_available_in(country.code):
        raise not_available(f"Release {release_id} is not available in this territory")
    return release


def track_for(track_id: int, country: Country) -> Track:
    """The track, or 2001 if there is none, or 2002 if it is not sold there."""
    track = Track.objects.select_related(*TRACK_RELATED).filter(pk=track_id).first()
    if track is None:
        raise not_found(f"No tracks found with id: {track_id}")
    if not track.release.is_available_in(country.code):
        raise not_available(f"Track {track_id} is not available in this territory")
    return track


def artist_for(artist_id: int) -> Artist:
    """The artist, or 2001."""
    artist = Artist.objects.filter(pk=artist_id).first()
    if artist is None:
        raise not_found("Artist not found")
    return artist


def existing_tags(tag_ids: Sequence[str]) -> list[Tag]:
    """The tags asked for (a comma list of ids), or 2001 naming those that do not exist."""
    wanted = list(dict.fromkeys(tag.strip().lower() for tag in tag_ids if tag.strip()))
    tags = {tag.id: tag for tag in Tag.objects.filter(id__in=wanted)}
    if not tags:
        raise not_found("None of the supplied tags exist")
    unknown = [tag for tag in wanted if tag not in tags]
    if unknown:
        raise not_found(f"Tag not found: {', '.join(unknown)}")
    return [tags[tag] for tag in wanted]


def page_of(queryset: QuerySet, page: int, page_size: int) -> tuple[int, list]:
    """(total, the items of that page) of an ordered queryset.

    The page's ids are found first, then its rows with their related rows: joining
    artist, label and licensor to every candidate before the sort would cost more
    than the sort (a tag can hold a third of the catalogue).
    """
    total = queryset.count()
    start = (page - 1) * page_size
    ids = list(queryset.values_list("pk", flat=True)[start : start + page_size])
    return total, in_order(queryset, ids)


def in_order(queryset: QuerySet, ids: Sequence[int]) -> list:
    """The objects with ids, in the order of ids (missing ones left out)."""
    found = queryset.in_bulk(list(ids))
    return [found[object_id] for object_id in ids if object_id in found]
