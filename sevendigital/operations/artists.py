"""Artist operations (catalogue reads: retried and cached)."""

from collections.abc import Sequence
from datetime import date
from typing import Any

from ..models import Artist, Chart, Matches, Page, Release, SearchResult, Tag, TaggedItem, Track
from .base import OperationsBase


class ArtistOperations(OperationsBase):
    def browse_artists(
        self,
        *,
        letter: str,
        page: int | None = None,
        page_size: int | None = None,
        **extra: Any,
    ) -> Page[Artist]:
        """artist/browse: artists whose name starts with `letter`."""
        return self._call("browse_artists", letter=letter, page=page, page_size=page_size, **extra)

    def get_artist_chart(
        self,
        *,
        period: str | None = None,
        to_date: date | str | None = None,
        country: str | None = None,
        page: int | None = None,
        page_size: int | None = None,
        **extra: Any,
    ) -> Chart:
        """artist/chart: the artist chart for a period (day, week, month)."""
        return self._call(
            "get_artist_chart",
            period=period,
            to_date=to_date,
            country=country,
            page=page,
            page_size=page_size,
            **extra,
        )

    def get_artist_details(self, *, artist_id: int | str, **extra: Any) -> Artist:
        """artist/details: one artist (name, sort name, image, bio...)."""
        return self._call("get_artist_details", artist_id=artist_id, **extra)

    def get_artist_releases(
        self,
        *,
        artist_id: int | str,
        type: str | None = None,
        country: str | None = None,
        page: int | None = None,
        page_size: int | None = None,
        **extra: Any,
    ) -> Page[Release]:
        """artist/releases: the artist's releases, optionally of one type (Album, Single)."""
        return self._call(
            "get_artist_releases",
            artist_id=artist_id,
            type=type,
            country=country,
            page=page,
            page_size=page_size,
            **extra,
        )

    def get_similar_artists(
        self,
        *,
        artist_id: int | str,
        page: int | None = None,
        page_size: int | None = None,
        **extra: Any,
    ) -> Page[Artist]:
        """artist/similar: artists similar to this one."""
        return self._call(
            "get_similar_artists", artist_id=artist_id, page=page, page_size=page_size, **extra
        )

    def search_artists(
        self,
        *,
        q: str,
        page: int | None = None,
        page_size: int | None = None,
        **extra: Any,
    ) -> Page[SearchResult]:
        """artist/search: free-text search; each result's `artist` is set."""
        return self._call("search_artists", q=q, page=page, page_size=page_size, **extra)

    def get_artist_top_tracks(
        self,
        *,
        artist_id: int | str,
        country: str | None = None,
        page: int | None = None,
        page_size: int | None = None,
        **extra: Any,
    ) -> Page[Track]:
        """artist/topTracks: the artist's best-selling tracks."""
        return self._call(
            "get_artist_top_tracks",
            artist_id=artist_id,
            country=country,
            page=page,
            page_size=page_size,
            **extra,
        )

    def get_artist_tags(self, *, artist_id: int | str, **extra: Any) -> Page[Tag]:
        """artist/tags: the tags (genres) of an artist."""
        return self._call("get_artist_tags", artist_id=artist_id, **extra)

    def match_artist_by_id(
        self,
        *,
        mb_ids: str | Sequence[str] | None = None,
        seven_digital_ids: str | int | Sequence[str | int] | None = None,
        **extra: Any,
    ) -> Matches:
        """artist/match/byId (2-legged): MusicBrainz <-> 7digital artist ids."""
        return self._call(
            "match_artist_by_id", mb_ids=mb_ids, seven_digital_ids=seven_digital_ids, **extra
        )

    def get_top_artists_by_tags(
        self,
        *,
        tags: str | Sequence[str],
        country: str | None = None,
        page: int | None = None,
        page_size: int | None = None,
        **extra: Any,
    ) -> Page[TaggedItem]:
        """artist/bytag/top: the best-selling artists carrying these tags."""
        return self._call(
            "get_top_artists_by_tags",
            tags=tags,
            country=country,
            page=page,
            page_size=page_size,
            **extra,
        )
