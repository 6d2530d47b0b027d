"""Delivering owned music: signed media links, counting downloads, the release zip.

Two kinds of link open the media routes (`sandbox.web.downloads`):

- Links the sandbox signs itself, embedded in locker and purchase answers
  (`downloadUrl/url`): the query names the user, release, track and format, an
  `expires` time (epoch seconds, an hour ahead) and a `signature`, an HMAC-SHA256
  with the SECRET_KEY over all of them. Chosen over OAuth presigning because such a
  link may be fetched more than once within its hour (a resumed download sends a
  `Range` request; a player re-buffers), which OAuth's once-only nonces would refuse,
  and because only the sandbox can make it, so no client secret is involved.
- Links a client signs with OAuth 1.0 (consumer + the user's token, or 2-legged with
  `userid` for a managed user), as 7digital clients sign media URLs; they are
  verified by the OAuth provider with a one-hour timestamp window, and work once.

A locker row holds a track in one package; its links are one per format of that
package (standard: MP3 320 and AAC 320; premium: FLAC 16-bit), as on the real API,
and a download in a format names the package it counts against. Asked for no
format, a download gets the first format of the package (MP3 for standard).
"""

import hmac
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db import transaction
from django.db.models import F, QuerySet
from django.utils.crypto import salted_hmac

from sandbox.models import LockerTrack, SandboxUser
from sandbox.oauth import clock
from sandbox.queries.pricing import MP3_320, PACKAGES, Format
from sandbox.wire import ApiError

LINK_LIFETIME = 3600  # seconds
TRACK, RELEASE, STREAM = "downloadtrack", "downloadrelease", "streamlocker"
FORBIDDEN = 403


class LinkRefused(Exception):
    """A sandbox-signed link that is forged, altered or expired."""


@dataclass(frozen=True)
class MediaLink:
    kind: str  # TRACK, RELEASE or STREAM
    user_id: int
    release_id: int | None
    track_id: int | None
    format_id: int
    expires: int

    def query(self) -> dict[str, str]:
        """The link's query parameters, its signature last."""
        values = {
            "releaseid": self.release_id,
            "trackid": self.track_id,
            "formatid": self.format_id,
            "userid": self.user_id,
            "expires": self.expires,
        }
        query = {name: str(value) for name, value in values.items() if value is not None}
        return {**query, "signature": _signature(self.kind, query)}


def signed_query(
    kind: str,
    *,
    user_id: int,
    release_id: int | None = None,
    track_id: int | None = None,
    format_id: int = MP3_320.id,
) -> str:
    """The query string of a new link of kind for the user, valid for LINK_LIFETIME."""
    expires = int(clock.now()) + LINK_LIFETIME
    link = MediaLink(kind, user_id, release_id, track_id, format_id, expires)
    return urlencode(link.query())


def verify_link(kind: str, query: dict[str, str]) -> int:
    """The user id a sandbox-signed link of kind was made for; LinkRefused otherwise.

    query: the request's parameters, names lower-cased."""
    signed = {
        name: query[name]
        for name in ("releaseid", "trackid", "formatid", "userid", "expires")
        if name in query
    }
    expected = _signature(kind, signed)
    if not hmac.compare_digest(expected, query.get("signature", "")):
        raise LinkRefused("Download link signature is not valid")
    if int(signed.get("expires", "0")) < clock.now():
        raise LinkRefused("Download link has expired")
    return int(signed["userid"])


def _signature(kind: str, query: dict[str, str]) -> str:
    message = "&".join(f"{name}={value}" for name, value in sorted(query.items()))
    return salted_hmac(f"sandbox.media.{kind}", message, algorithm="sha256").hexdigest()


# --- Counting downloads --------------------------------------------------------------


def no_licence(what: str) -> ApiError:
    return ApiError(2002, f"No licence for {what} for this user", status=FORBIDDEN)


def no_downloads_left() -> ApiError:
    return ApiError(2002, "No downloads remaining", status=FORBIDDEN)


def package_formats(package_id: int) -> tuple[Format, ...]:
    """The formats a package delivers (MP3 320 for a package the sandbox does not know)."""
    package = PACKAGES.get(package_id)
    return package.formats if package else (MP3_320,)


def served_format(row: LockerTrack, format_id: int | None) -> int:
    """The format a download of row delivers: the one asked for, else the package's first."""
    return package_formats(row.package_id)[0].id if format_id is None else format_id


def _in_format(rows: QuerySet[LockerTrack], format_id: int | None) -> QuerySet[LockerTrack]:
    if format_id is None:
        return rows
    packages = [pid for pid in PACKAGES if format_id in {f.id for f in package_formats(pid)}]
    return rows.filter(package_id__in=packages)


def owned_track(
    *,
    user: SandboxUser,
    track_id: int,
    release_id: int | None = None,
    format_id: int | None = None,
) -> LockerTrack:
    """The user's locker row of the track in a package with the format (any package if
    None; to stream it, nothing is counted); 2002 if none."""
    rows = LockerTrack.objects.filter(user=user, track_id=track_id)
    if release_id is not None:
        rows = rows.filter(release_id=release_id)
    rows = _in_format(rows, format_id)
    row = rows.select_related("track__artist", "release__artist").order_by("package_id").first()
    if row is None:
        raise no_licence(f"track {track_id}" + (f" in format {format_id}" if format_id else ""))
    return row


def download_track_claim(
    *,
    user: SandboxUser,
    track_id: int,
    release_id: int | None = None,
    format_id: int | None = None,
) -> LockerTrack:
    """Count one download of an owned track in a package with the format (atomically);
    2002 if none are left."""
    row = owned_track(user=user, track_id=track_id, release_id=release_id, format_id=format_id)
    rows = LockerTrack.objects.filter(user=user, track_id=track_id, release_id=row.release_id)
    rows = _in_format(rows, served_format(row, format_id))
    for candidate in rows.order_by("package_id").values_list("pk", flat=True):
        # The conditional update is the guard: two requests cannot both take the last one.
        taken = LockerTrack.objects.filter(pk=candidate, remaining_downloads__gt=0).update(
            remaining_downloads=F("remaining_downloads") - 1
        )
        if taken:
            return row
    raise no_downloads_left()


def owned_release_tracks(
    *, user: SandboxUser, release_id: int, format_id: int | None = None, lock: bool = False
):
    """One locker row per owned track of the release in a package with the format
    (the package with the most downloads left), in disc and track order; 2002 if the
    user owns none of it in that format."""
    rows = _in_format(LockerTrack.objects.filter(user=user, release_id=release_id), format_id)
    if lock:
        rows = rows.select_for_update(of=("self",))
    rows = rows.select_related("track__artist", "release__artist").order_by(
        "track__disc_number", "track__track_number", "track_id", "-remaining_downloads"
    )
    chosen: dict[int, LockerTrack] = {}
    for row in rows:
        chosen.setdefault(row.track_id, row)
    if not chosen:
        raise no_licence(f"release {release_id}")
    return list(chosen.values())


def download_release_claim(
    *, user: SandboxUser, release_id: int, format_id: int | None = None
) -> list[LockerTrack]:
    """Count one download of every owned track of the release in the format, all or
    none; 2002 if the user owns none of it so, or any of them has no downloads left."""
    with transaction.atomic():
        rows = owned_release_tracks(
            user=user, release_id=release_id, format_id=format_id, lock=True
        )
        taken = LockerTrack.objects.filter(
            pk__in=[row.pk for row in rows], remaining_downloads__gt=0
        ).update(remaining_downloads=F("remaining_downloads") - 1)
        if taken != len(rows):
            raise no_downloads_left()  # leaving the block this way undoes the decrements
        return rows
