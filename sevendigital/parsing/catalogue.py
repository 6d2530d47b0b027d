"""Builders for catalogue resources, from the normalised tree (XML and JSON alike)."""

from collections.abc import Callable
from typing import Any, TypeVar

from ..models import (
    Artist,
    Chart,
    ChartItem,
    EditorialItem,
    EditorialList,
    Match,
    MatchedItem,
    Matches,
    Page,
    Recommendation,
    Release,
    ReleaseEditorial,
    SearchResult,
    Tag,
    TaggedItem,
    Track,
)
from .common import (
    build_download,
    build_formats,
    build_items,
    build_label,
    build_licensor,
    build_page,
    build_price,
    paging,
)
from .fields import boolean, integer, node, nodes, number, text, timestamp

T = TypeVar("T")


def optional(build: Callable[[Any], T], value: Any) -> T | None:
    return build(value) if value is not None else None


def build_artist(artist: Any) -> Artist:
    return Artist(
        id=integer(artist, "id") or 0,
        name=text(artist, "name") or "",
        sort_name=text(artist, "sortName") or text(artist, "sortname"),
        appears_as=text(artist, "appearsAs"),
        slug=text(artist, "slug"),
        image=text(artist, "image"),
        url=text(artist, "url"),
        popularity=number(artist, "popularity"),
        is_placeholder_image=boolean(artist, "isPlaceholderImage"),
        key=text(artist, "key"),
        bio=text(node(artist, "bio"), "text"),
    )


def build_release(release: Any) -> Release:
    download = build_download(node(release, "download"))
    return Release(
        id=integer(release, "id") or 0,
        title=text(release, "title") or "",
        version=text(release, "version"),
        type=text(release, "type"),
        barcode=text(release, "barcode"),
        year=integer(release, "year"),
        explicit_content=boolean(release, "explicitContent"),
        artist=optional(build_artist, node(release, "artist")),
        slug=text(release, "slug"),
        image=text(release, "image"),
        url=text(release, "url"),
        label=build_label(node(release, "label")),
        licensor=build_licensor(node(release, "licensor")),
        duration=integer(release, "duration"),
        track_count=integer(release, "trackCount"),
        popularity=number(release, "popularity"),
        cline=text(release, "cline"),
        pline=text(release, "pline"),
        release_date=(download and download.release_date) or timestamp(release, "releaseDate"),
        added_date=timestamp(release, "addedDate"),
        streaming_release_date=timestamp(release, "streamingReleaseDate"),
        download=download,
        price=build_price(node(release, "price")),
        formats=build_formats(release),
    )


def build_track(track: Any) -> Track:
    download = build_download(node(track, "download"))
    return Track(
        id=integer(track, "id") or 0,
        title=text(track, "title") or "",
        version=text(track, "version"),
        type=text(track, "type"),
        artist=optional(build_artist, node(track, "artist")),
        release=optional(build_release, node(track, "release")),
        track_number=integer(track, "trackNumber"),
        number=integer(track, "number"),
        disc_number=integer(track, "discNumber"),
        duration=integer(track, "duration"),
        explicit_content=boolean(track, "explicitContent"),
        isrc=text(track, "isrc"),
        slug=text(track, "slug"),
        url=text(track, "url"),
        popularity=number(track, "popularity"),
        pline=text(track, "pline"),
        release_date=(download and download.release_date) or timestamp(track, "releaseDate"),
        preview_date=timestamp(track, "previewDate") or (download and download.preview_date),
        streaming_release_date=timestamp(track, "streamingReleaseDate"),
        download=download,
        price=build_price(node(track, "price")),
        formats=build_formats(track),
    )


def build_tag(tag: Any) -> Tag:
    return Tag(
        id=text(tag, "id") or "",
        text=text(tag, "text") or "",
        url=text(tag, "url"),
        count=integer(tag, "count"),
    )


def build_chart_item(item: Any) -> ChartItem:
    return ChartItem(
        position=integer(item, "position") or 0,
        change=text(item, "change"),
        artist=optional(build_artist, node(item, "artist")),
        release=optional(build_release, node(item, "release")),
        track=optional(build_track, node(item, "track")),
    )


def build_chart(chart: Any) -> Chart:
    items = build_items(chart, "chartItem", build_chart_item)
    return Chart(
        items=items,
        **paging(chart, len(items)),
        type=text(chart, "type"),
        from_date=timestamp(chart, "fromDate"),
        to_date=timestamp(chart, "toDate"),
    )


def build_search_result(result: Any) -> SearchResult:
    return SearchResult(
        type=text(result, "type"),
        score=number(result, "score"),
        artist=optional(build_artist, node(result, "artist")),
        release=optional(build_release, node(result, "release")),
        track=optional(build_track, node(result, "track")),
    )


def build_tagged_item(item: Any) -> TaggedItem:
    return TaggedItem(
        release=optional(build_release, node(item, "release")),
        artist=optional(build_artist, node(item, "artist")),
    )


def build_recommendation(item: Any) -> Recommendation:
    return Recommendation(release=build_release(node(item, "release")))


def build_release_editorial(editorial: Any) -> ReleaseEditorial:
    return ReleaseEditorial(
        review=text(node(editorial, "review"), "text"),
        promotional_text=text(node(editorial, "promotionalText"), "text"),
        staff_recommendation=text(node(editorial, "staffRecommendation"), "text"),
    )


def build_editorial_item(item: Any) -> EditorialItem:
    return EditorialItem(
        id=integer(item, "id") or 0,
        type=text(item, "type"),
        release=optional(build_release, node(item, "release")),
    )


def build_editorial_list(editorial_list: Any) -> EditorialList:
    return EditorialList(
        id=integer(editorial_list, "id"),
        key=text(editorial_list, "key"),
        description=text(editorial_list, "description"),
        items=build_items(node(editorial_list, "listItems"), "listItem", build_editorial_item),
    )


def build_matches(matches: Any) -> Matches:
    """match/byId (defunct on the real API): one entry per id asked for."""
    found: list[Match] = []
    for kind in ("release", "artist", "track"):
        for entry in nodes(matches, f"{kind}s"):
            matched = tuple(
                MatchedItem(seven_digital_id=integer(i, "sevenDigitalId"), mb_id=text(i, "mbId"))
                for i in nodes(entry, kind)
            )
            found.append(
                Match(
                    kind=kind,
                    mb_id=text(entry, "mbId"),
                    seven_digital_id=integer(entry, "sevenDigitalId"),
                    items=matched,
                    error_code=integer(node(entry, "matchError"), "code"),
                )
            )
    return Matches(items=tuple(found))


def page_of(item_name: str, build: Callable[[Any], T]) -> Callable[[Any], Page[T]]:
    """A builder for a paged container whose items are `item_name` elements."""
    return lambda container: build_page(container, item_name, build)
