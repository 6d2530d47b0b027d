"""The locker: what a user owns, grouped by release, sorted, filtered and paged.

`user/locker` pages over releases (each with the owned tracks of it), not over
tracks. Sorting (`sort`, WIRE-NOTES §7) is "<column> <order>", case-insensitive:
columns purchaseDate (the latest purchase of any of the release's tracks),
artistName and releaseTitle; orders asc and desc; the default is "purchaseDate desc",
what clients send. Ties are broken by release id, so paging is stable.
"""

from dataclasses import dataclass

from django.db.models import Max, Min, QuerySet
from django.db.models.functions import Lower

from sandbox.models import LockerTrack, Purchase, Release, SandboxUser
from sandbox.wire import invalid, not_found

MAX_PAGE_SIZE = 50
DEFAULT_SORT = "purchaseDate desc"
SORT_COLUMNS = {
    "purchasedate": "last_purchased",
    "artistname": "artist_name",
    "releasetitle": "release_title",
}
TRACK_ORDER = ("track__disc_number", "track__track_number", "track_id", "package_id")
ROW_RELATED = ("track__artist", "release__artist", "release__licensor", "purchase")


@dataclass(frozen=True)
class LockerFilter:
    release_id: int | None = None
    track_id: int | None = None
    purchase_id: int | None = None


@dataclass(frozen=True)
class LockerRelease:
    """One release of the locker and the user's tracks of it (in disc and track order)."""

    release: Release
    tracks: list[LockerTrack]


def locker_sort(value: str | None) -> tuple[str, bool]:
    """(annotation to order by, descending) for a `sort` value; 1002 if it is not one."""
    parts = (value or DEFAULT_SORT).split()
    if len(parts) == 1:
        parts.append("asc")
    if len(parts) != 2 or parts[0].lower() not in SORT_COLUMNS:
        raise invalid(
            "sort", f"'{value}' is not '<purchaseDate|artistName|releaseTitle> <asc|desc>'"
        )
    if parts[1].lower() not in ("asc", "desc"):
        raise invalid("sort", f"'{value}' has no order asc or desc")
    return SORT_COLUMNS[parts[0].lower()], parts[1].lower() == "desc"


def locker_rows(user: SandboxUser, where: LockerFilter) -> QuerySet[LockerTrack]:
    """The user's locker rows that pass the filter; 2001 for a purchase that is not theirs."""
    rows = LockerTrack.objects.filter(user=user)
    if where.purchase_id is not None:
        if not Purchase.objects.filter(pk=where.purchase_id, user=user).exists():
            raise not_found(f"Purchase not found: {where.purchase_id}")
        rows = rows.filter(purchase_id=where.purchase_id)
    if where.release_id is not None:
        rows = rows.filter(release_id=where.release_id)
    if where.track_id is not None:
        rows = rows.filter(track_id=where.track_id)
    return rows


def locker_page(
    *, user: SandboxUser, where: LockerFilter, sort: tuple[str, bool], page: int, size: int
) -> tuple[int, list[LockerRelease]]:
    """(how many releases match, the releases of that page with their tracks)."""
    rows = locker_rows(user, where)
    column, descending = sort
    releases = (
        rows.order_by()
        .values("release_id")
        .annotate(
            last_purchased=Max("purchase__purchased_at"),
            artist_name=Min(Lower("release__artist__name")),
            release_title=Min(Lower("release__title")),
        )
        .order_by(f"-{column}" if descending else column, "release_id")
    )
    total = releases.count()
    start = (page - 1) * size
    release_ids = [row["release_id"] for row in releases[start : start + size]]
    return total, _grouped(rows.filter(release_id__in=release_ids), release_ids)


def purchase_releases(purchase: Purchase) -> list[LockerRelease]:
    """What a purchase put in the locker, by release, in release id order."""
    rows = LockerTrack.objects.filter(purchase=purchase)
    release_ids = sorted(set(rows.values_list("release_id", flat=True)))
    return _grouped(rows, release_ids)


def _grouped(rows: QuerySet[LockerTrack], release_ids: list[int]) -> list[LockerRelease]:
    by_release: dict[int, list[LockerTrack]] = {release_id: [] for release_id in release_ids}
    for row in rows.select_related(*ROW_RELATED).order_by(*TRACK_ORDER):
        by_release[row.release_id].append(row)
    return [LockerRelease(tracks[0].release, tracks) for tracks in by_release.values() if tracks]
