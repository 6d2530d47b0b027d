"""Release, track and tag operations (catalogue reads: retried and cached)."""

from collections.abc import Sequence
from datetime import date
from typing import Any

from ..models import (
    Chart,
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
from .base import OperationsBase

Tags = str | Sequence[str]
Ids = str | int | Sequence[str | int]


class ReleaseOperations(OperationsBase):
    def get_releases_by_date(
        self,
        *,
        from_date: date | str | None = None,
        to_date: date | str | None = None,
        country: str | None = None,
        page: int | None = None,
        page_size: int | None = None,
        **extra: Any,
    ) -> Page[Release]:
        """release/byDate: releases out between two dates (sent as yyyyMMdd)."""
        return self._call(
            "get_releases_by_date",
            from_date=from_date,
            to_date=to_date,
            country=country,
            page=page,
            page_size=page_size,
            **extra,
        )

    def get_release_details(
        self, *, release_id: int | str, country: str | None = None, **extra: Any
    ) -> Release:
        """release/details: one release with artist, label, packages and prices."""
        return self._call("get_release_details", release_id=release_id, country=country, **extra)

    def get_release_editorial(self, *, release_id: int | str, **extra: Any) -> ReleaseEditorial:
        """release/editorial: review and promotional copy (either may be None)."""
        return self._call("get_release_editorial", release_id=release_id, **extra)

    def get_release_chart(
        self,
        *,
        period: str | None = None,
        to_date: date | str | None = None,
        country: str | None = None,
        page: int | None = None,
        page_size: int | None = None,
        **extra: Any,
    ) -> Chart:
        """release/chart: the album chart for a period (day, week, month)."""
        return self._call(
            "get_release_chart",
            period=period,
            to_date=to_date,
            country=country,
            page=page,
            page_size=page_size,
            **extra,
        )

    def get_release_recommendations(
        self,
        *,
        release_id: int | str,
        page: int | None = None,
        page_size: int | None = None,
        **extra: Any,
    ) -> Page[Recommendation]:
        """release/recommend: releases bought by fans of this one."""
        return self._call(
            "get_release_recommendations",
            release_id=release_id,
            page=page,
            page_size=page_size,
            **extra,
        )

    def search_releases(
        self,
        *,
        q: str,
        country: str | None = None,
        page: int | None = None,
        page_size: int | None = None,
        **extra: Any,
    ) -> Page[SearchResult]:
        """release/search: free-text search; each result's `release` is set."""
        return self._call(
            "search_releases", q=q, country=country, page=page, page_size=page_size, **extra
        )

    def get_release_tracks(
        self,
        *,
        release_id: int | str,
        country: str | None = None,
        page: int | None = None,
        page_size: int | None = None,
        **extra: Any,
    ) -> Page[Track]:
        """release/tracks: the track listing of a release."""
        return self._call(
            "get_release_tracks",
            release_id=release_id,
            country=country,
            page=page,
            page_size=page_size,
            **extra,
        )

    def get_release_tags(self, *, release_id: int | str, **extra: Any) -> Page[Tag]:
        """release/tags: the tags (genres) of a release."""
        return self._call("get_release_tags", release_id=release_id, **extra)

    def match_release_by_id(
        self, *, mb_ids: Ids | None = None, seven_digital_ids: Ids | None = None, **extra: Any
    ) -> Matches:
        """release/match/byId (2-legged): MusicBrainz <-> 7digital ids (comma lists)."""
        return self._call(
            "match_release_by_id", mb_ids=mb_ids, seven_digital_ids=seven_digital_ids, **extra
        )

    def get_new_releases_by_tags(
        self,
        *,
        tags: Tags,
        country: str | None = None,
        page: int | None = None,
        page_size: int | None = None,
        **extra: Any,
    ) -> Page[TaggedItem]:
        """release/bytag/new: the newest releases carrying all of these tags."""
        return self._call(
            "get_new_releases_by_tags",
            tags=tags,
            country=country,
            page=page,
            page_size=page_size,
            **extra,
        )

    def get_top_releases_by_tags(
        self,
        *,
        tags: Tags,
        country: str | None = None,
        page: int | None = None,
        page_size: int | None = None,
        **extra: Any,
    ) -> Page[TaggedItem]:
        """release/bytag/top: the best-selling releases carrying these tags."""
        return self._call(
            "get_top_releases_by_tags",
            tags=tags,
            country=country,
            page=page,
            page_size=page_size,
            **extra,
        )


class TrackOperations(OperationsBase):
    def get_track_chart(
        self,
        *,
        period: str | None = None,
        to_date: date | str | None = None,
        country: str | None = None,
        page: int | None = None,
        page_size: int | None = None,
        **extra: Any,
    ) -> Chart:
        """track/chart: the track chart for a period (day, week, month)."""
        return self._call(
            "get_track_chart",
            period=period,
            to_date=to_date,
            country=country,
            page=page,
            page_size=page_size,
            **extra,
        )

    def get_track_details(
        self, *, track_id: int | str, country: str | None = None, **extra: Any
    ) -> Track:
        """track/details: one track with its release, price and packages."""
        return self._call("get_track_details", track_id=track_id, country=country, **extra)

    def search_tracks(
        self,
        *,
        q: str,
        country: str | None = None,
        page: int | None = None,
        page_size: int | None = None,
        **extra: Any,
    ) -> Page[SearchResult]:
        """track/search: free-text search; each result's `track` is set."""
        return self._call(
            "search_tracks", q=q, country=country, page=page, page_size=page_size, **extra
        )

    def match_track_by_id(
        self, *, mb_ids: Ids | None = None, seven_digital_ids: Ids | None = None, **extra: Any
    ) -> Matches:
        """track/match/byId (2-legged): MusicBrainz <-> 7digital track ids."""
        return self._call(
            "match_track_by_id", mb_ids=mb_ids, seven_digital_ids=seven_digital_ids, **extra
        )

    def get_all_tags(
        self, *, page: int | None = None, page_size: int | None = None, **extra: Any
    ) -> Page[Tag]:
        """tag: every tag, most used first, with its `count`."""
        return self._call("get_all_tags", page=page, page_size=page_size, **extra)
