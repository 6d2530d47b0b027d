"""Territories, translations, editorial lists and URL lookups (retried and cached)."""

from typing import Any

from ..models import Artist, Country, EditorialList, GeoIpLookup, Page, Release, Translation
from .base import OperationsBase


class TerritoryOperations(OperationsBase):
    def get_countries(self, **extra: Any) -> tuple[Country, ...]:
        """countries: the territories 7digital sells in, with their languages."""
        return self._call("get_countries", **extra)

    def get_translations(
        self,
        *,
        country: str | None = None,
        shop_id: int | None = None,
        locale: str | None = None,
        page: int | None = None,
        page_size: int | None = None,
        **extra: Any,
    ) -> Page[Translation]:
        """translations: localised strings (e.g. format_17 -> "320kbps MP3") of a shop;
        `locale` ("de", "ja-JP") asks for a language's bundle (the OpenAPI's parameter,
        which the sandbox honours; WIRE-NOTES 4.2.6)."""
        return self._call(
            "get_translations",
            country=country,
            shop_id=shop_id,
            locale=locale,
            page=page,
            page_size=page_size,
            **extra,
        )

    def resolve_country_for_ip(self, *, ip_address: str, **extra: Any) -> GeoIpLookup:
        """country/resolve: the territory of an IPv4 address (sent as `ipaddress`)."""
        return self._call("resolve_country_for_ip", ip_address=ip_address, **extra)


class EditorialOperations(OperationsBase):
    def get_editorial_list(
        self,
        *,
        key: str,
        country: str | None = None,
        page: int | None = None,
        page_size: int | None = None,
        **extra: Any,
    ) -> EditorialList:
        """editorial/list: a curated list by key (e.g. "home1")."""
        return self._call(
            "get_editorial_list",
            key=key,
            country=country,
            page=page,
            page_size=page_size,
            **extra,
        )

    def get_artist_id_by_url(self, *, url: str, **extra: Any) -> Artist:
        """catalogue/artist-byurl: the artist behind a 7digital web URL."""
        return self._call("get_artist_id_by_url", url=url, **extra)

    def get_release_id_by_url(self, *, url: str, **extra: Any) -> Release:
        """catalogue/release-byurl: the release behind a 7digital web URL."""
        return self._call("get_release_id_by_url", url=url, **extra)
