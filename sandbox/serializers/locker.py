"""The locker's shapes: `lockerReleases` in `locker` and in `purchase` answers.

As the recordings of user/locker and user/purchase/basket show:
`lockerRelease` -> `release` (reduced: `title`, `version`, `type`, `barcode`,
`artist`, `slug`, `image`, `download/releaseDate`, `licensor @id`), `lockerTracks/
lockerTrack[]`, `available`; `lockerTrack` -> `track` (reduced: `title`, `version`,
`artist`, `trackNumber`, `duration`, `isrc`, `slug`, `discNumber`, `number`),
`remainingDownloads`, `purchaseId`, `purchaseDate`, `completeAlbumPurchase`,
`downloadUrls/downloadUrl[]` -> `url`, then `format @id` with `description`
(WIRE-NOTES §4.3.3: `url` a sibling of `format`, as current clients read it).
"""

from django.urls import reverse

from sandbox.commerce import delivery
from sandbox.commerce.locker import LockerRelease
from sandbox.models import LockerTrack, Purchase, Release
from sandbox.wire import el, paged, sub
from sandbox.wire.origin import public_url
from sandbox.wire.xml import Element

from .artists import artist_credit
from .context import Context
from .tracks import legacy_track_number


def purchase_date(row: LockerTrack | Purchase):
    """When it was bought, to the second (the wire shows no microseconds)."""
    purchase = row.purchase if isinstance(row, LockerTrack) else row
    return purchase.purchased_at.replace(microsecond=0)


def locker_release_element(group: LockerRelease, ctx: Context) -> Element:
    node = el("lockerRelease")
    node.append(_release(group.release, ctx))
    tracks = sub(node, "lockerTracks")
    tracks.extend(locker_track_element(row, ctx) for row in group.tracks)
    sub(node, "available", group.release.is_available_in(ctx.country.code))
    return node


def locker_track_element(row: LockerTrack, ctx: Context) -> Element:
    node = el("lockerTrack")
    node.append(_track(row))
    sub(node, "remainingDownloads", row.remaining_downloads)
    sub(node, "purchaseId", row.purchase_id)
    sub(node, "purchaseDate", purchase_date(row))
    sub(node, "completeAlbumPurchase", row.complete_album_purchase)
    urls = sub(node, "downloadUrls")
    for fmt in delivery.package_formats(row.package_id):
        query = delivery.signed_query(
            delivery.TRACK,
            user_id=row.user_id,
            release_id=row.release_id,
            track_id=row.track_id,
            format_id=fmt.id,
        )
        link = sub(urls, "downloadUrl")
        path = reverse("sandbox-media-download-track")
        sub(link, "url", public_url(ctx.request, f"{path}?{query}"))
        sub(sub(link, "format", id=fmt.id), "description", fmt.description)
    return node


def locker_releases_element(
    page: int, size: int, total: int, groups: list[LockerRelease], ctx: Context
) -> Element:
    """The paged `lockerReleases` list (its paging block inside, first)."""
    return paged(
        "lockerReleases", page, size, total, (locker_release_element(g, ctx) for g in groups)
    )


def locker_element(
    page: int, size: int, total: int, groups: list[LockerRelease], ctx: Context
) -> Element:
    node = el("locker")
    node.append(locker_releases_element(page, size, total, groups, ctx))
    return node


def purchase_element(purchase: Purchase, groups: list[LockerRelease], ctx: Context) -> Element:
    """`purchase @id` -> `purchaseDate`, `lockerReleases` (all of them, on one page)."""
    node = el("purchase", id=purchase.pk)
    sub(node, "purchaseDate", purchase_date(purchase))
    size = max(len(groups), 10)  # one page holds the whole purchase
    node.append(locker_releases_element(1, size, len(groups), groups, ctx))
    return node


def _release(release: Release, ctx: Context) -> Element:
    node = el("release", id=release.pk)
    sub(node, "title", release.title)
    sub(node, "version", release.version)
    sub(node, "type", release.type)
    sub(node, "barcode", release.barcode)
    node.append(artist_credit(release.artist))
    sub(node, "slug", release.slug)
    sub(node, "image", ctx.release_image(release.pk))
    sub(sub(node, "download"), "releaseDate", release.release_date)
    sub(node, "licensor", id=release.licensor_id)
    return node


def _track(row: LockerTrack) -> Element:
    track = row.track
    node = el("track", id=track.pk)
    sub(node, "title", track.title)
    sub(node, "version", track.version)
    node.append(artist_credit(track.artist))
    sub(node, "trackNumber", legacy_track_number(track))
    sub(node, "duration", track.duration)
    sub(node, "isrc", track.isrc)
    sub(node, "slug", row.release.slug)
    sub(node, "discNumber", track.disc_number)
    sub(node, "number", track.track_number)
    return node
