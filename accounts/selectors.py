"""Reads of the accounts app: the link, the locker, purchase history, the wishlist.

The locker page needs text search and sorting, which `user/locker` does not offer
(it sorts, but searches nothing). So the page reads the whole locker once, up to
LOCKER_MAX_PAGES pages of LOCKER_PAGE_SIZE releases, keeps it in the cache for
LOCKER_CACHE_SECONDS per shopper and territory, and filters, sorts and pages that
copy. The copy keeps the formats on offer but no download links (they are
credentials, and expire): downloads always read a fresh locker entry
(`locker_entry`, `locker_release`).

A track bought in two packages (MP3 and, later, FLAC) is two locker entries on
7digital; the shop shows it once, with every format on offer, the best first.
"""

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.cache import cache
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.formats import best_first
from accounts.models import SevenDigitalLink, ShopperPreferences, WishlistItem
from accounts.services import sevendigital_token_for
from sevendigital import Format, LockerRelease, LockerTrack, Release
from storefront.api import get_client
from storefront.per_user import PerUser

LOCKER_PAGE_SIZE = 50  # the API's largest locker page
LOCKER_MAX_PAGES = 20  # 1,000 releases; a bigger locker shows its latest 1,000
LOCKER_CACHE_SECONDS = 60
LOCKER_SHOWN_PER_PAGE = 12
LOCKER_SORTS = {
    "purchased": _("Recently bought"),
    "artist": _("Artist"),
    "title": _("Title"),
}


@dataclass(frozen=True)
class OwnedRelease:
    """A release of the locker with the shopper's tracks of it."""

    release: Release  # the locker's reduced release
    tracks: tuple[LockerTrack, ...]
    available: bool | None

    @property
    def last_purchased(self) -> datetime | None:
        dates = [track.purchase_date for track in self.tracks if track.purchase_date]
        return max(dates) if dates else None

    @property
    def zip_formats(self) -> tuple[Format, ...]:
        """The formats every owned track comes in (a zip is of one format), best first."""
        if not self.tracks:
            return ()
        shared = set.intersection(*({link.format for link in t.download_urls} for t in self.tracks))
        return tuple(link.format for link in best_first(self.tracks[0].download_urls)
                     if link.format in shared)  # fmt: skip

    @property
    def fewest_downloads_left(self) -> int | None:
        """What the release zip may still be downloaded: each track counts one."""
        counts = [t.remaining_downloads for t in self.tracks if t.remaining_downloads is not None]
        return min(counts) if counts else None


@dataclass(frozen=True)
class LockerListing:
    releases: tuple[OwnedRelease, ...]  # this page
    page: int
    pages: int
    total: int  # releases matching the search
    owned: int  # releases in the locker (as read)
    truncated: bool  # the locker holds more than was read


def link_for(*, user: AbstractBaseUser) -> SevenDigitalLink | None:
    return SevenDigitalLink.objects.filter(user_id=user.pk).first()


def locker_cache_key(user_id: int, country: str) -> str:
    return f"accounts:locker:{user_id}:{country}"


def locker_all(*, user: AbstractBaseUser, country: str) -> tuple[tuple[OwnedRelease, ...], bool]:
    """(every release of the shopper's locker, newest purchase first; whether there are
    more than were read). NotLinked without a link; the API's errors as they come."""
    key = locker_cache_key(user.pk, country)
    cached = cache.get(key)
    if cached is not None:
        return cached
    token = sevendigital_token_for(user=user)
    client = get_client()
    owned: list[OwnedRelease] = []
    page, more = 1, True
    while more and page <= LOCKER_MAX_PAGES:
        locker = client.get_user_locker(
            token=token, page=page, page_size=LOCKER_PAGE_SIZE, country=country
        )
        owned.extend(_without_links(entry) for entry in locker)
        more, page = locker.has_next and len(locker) > 0, page + 1
    answer = (tuple(owned), more)
    cache.set(key, answer, LOCKER_CACHE_SECONDS)
    return answer


def _without_links(entry: LockerRelease) -> OwnedRelease:
    tracks = tuple(
        dataclasses.replace(
            track,
            download_urls=tuple(dataclasses.replace(u, url=None) for u in track.download_urls),
        )
        for track in merged_tracks(entry.tracks)
    )
    return OwnedRelease(release=entry.release, tracks=tracks, available=entry.available)


def merged_tracks(tracks: Iterable[LockerTrack]) -> tuple[LockerTrack, ...]:
    """One entry per track, in the locker's order: every format on offer (best first),
    the most downloads left of any package, the latest purchase."""
    by_track: dict[int, list[LockerTrack]] = {}
    for owned in tracks:
        by_track.setdefault(owned.track.id, []).append(owned)
    return tuple(_merged(entries) for entries in by_track.values())


def _merged(entries: list[LockerTrack]) -> LockerTrack:
    links = best_first(tuple(link for owned in entries for link in owned.download_urls))
    if len(entries) == 1:
        return dataclasses.replace(entries[0], download_urls=links)
    counts = [e.remaining_downloads for e in entries if e.remaining_downloads is not None]
    dates = [e.purchase_date for e in entries if e.purchase_date]
    return dataclasses.replace(
        entries[0],
        download_urls=links,
        remaining_downloads=max(counts) if counts else None,
        purchase_date=max(dates) if dates else entries[0].purchase_date,
    )


def locker_listing(
    *, user: AbstractBaseUser, country: str, q: str = "", sort: str = "purchased", page: int = 1
) -> LockerListing:
    """One page of the locker, searched (every word in a title, artist or track) and sorted."""
    owned, truncated = locker_all(user=user, country=country)
    matching = sort_owned(search_owned(owned, q), sort)
    size = LOCKER_SHOWN_PER_PAGE
    pages = max(1, -(-len(matching) // size))
    page = min(max(page, 1), pages)
    return LockerListing(
        releases=tuple(matching[(page - 1) * size : page * size]),
        page=page,
        pages=pages,
        total=len(matching),
        owned=len(owned),
        truncated=truncated,
    )


def search_owned(owned: Iterable[OwnedRelease], q: str) -> list[OwnedRelease]:
    words = q.casefold().split()
    if not words:
        return list(owned)
    return [entry for entry in owned if all(word in _haystack(entry) for word in words)]


def _haystack(entry: OwnedRelease) -> str:
    release = entry.release
    parts = [release.title, release.version, release.artist.name if release.artist else None]
    for owned in entry.tracks:
        parts += [owned.track.title, owned.track.artist.name if owned.track.artist else None]
    return " ".join(part for part in parts if part).casefold()


def sort_owned(owned: list[OwnedRelease], sort: str) -> list[OwnedRelease]:
    def artist(entry: OwnedRelease) -> str:
        return (entry.release.artist.name if entry.release.artist else "").casefold()

    if sort == "artist":
        return sorted(owned, key=lambda e: (artist(e), e.release.title.casefold(), e.release.id))
    if sort == "title":
        return sorted(owned, key=lambda e: (e.release.title.casefold(), artist(e), e.release.id))

    def bought(entry: OwnedRelease) -> float:
        return entry.last_purchased.timestamp() if entry.last_purchased else 0.0

    return sorted(owned, key=lambda e: (bought(e), e.release.id), reverse=True)


def locker_release(
    *, user: AbstractBaseUser, country: str, release_id: int
) -> LockerRelease | None:
    """The shopper's release read fresh from 7digital (with new download links)."""
    token = sevendigital_token_for(user=user)
    locker = get_client().get_user_locker(
        token=token, release_id=release_id, country=country, page_size=1
    )
    return next((entry for entry in locker if entry.release.id == release_id), None)


def locker_entry(
    *,
    user: AbstractBaseUser,
    country: str,
    release_id: int,
    track_id: int,
    format_id: int | None = None,
) -> LockerTrack | None:
    """The shopper's track read fresh from 7digital (with new download links), as the
    package that offers format_id has it (its downloads left); without one, or if no
    package offers it, the entry with every format, best first."""
    token = sevendigital_token_for(user=user)
    locker = get_client().get_user_locker(
        token=token, release_id=release_id, track_id=track_id, country=country
    )
    entries = [owned for entry in locker for owned in entry.tracks if owned.track.id == track_id]
    for owned in entries:
        if any(link.format and link.format.id == format_id for link in owned.download_urls):
            return dataclasses.replace(owned, download_urls=best_first(owned.download_urls))
    return merged_tracks(entries)[0] if entries else None


def wishlist_for(*, user: AbstractBaseUser) -> QuerySet[WishlistItem]:
    return WishlistItem.objects.filter(user_id=user.pk)


def wished_release_ids(*, user: AbstractBaseUser) -> set[int]:
    """From the database (what a change just made; pages read `WISHED`)."""
    return set(_wished(user.pk)) if user.is_authenticated else set()


def _wished(user_id: int) -> frozenset[int]:
    return frozenset(
        WishlistItem.objects.filter(user_id=user_id).values_list("release_id", flat=True)
    )


# Which releases a signed-in shopper wishes for, read by every page with a wishlist
# button: kept in the shared cache, dropped whenever one of their WishlistItem rows
# is saved or deleted (AccountsConfig.ready watches the model).
WISHED = PerUser("wished-releases", load=_wished)


def wished_release_ids_kept(*, user: AbstractBaseUser) -> frozenset[int]:
    """`wished_release_ids` as the pages show it: from the shared cache."""
    return WISHED.get(user.pk) if user.is_authenticated else frozenset()


def shopper_language(user: AbstractBaseUser | None) -> str | None:
    """The language the shopper reads the shop in (e-mails are written in it), or None
    for the shop's default: they never chose one, or are no signed-up user."""
    if user is None or user.pk is None:
        return None
    language = (
        ShopperPreferences.objects.filter(user_id=user.pk)
        .values_list("language", flat=True)
        .first()
    )
    return language if language in dict(settings.LANGUAGES) else None
