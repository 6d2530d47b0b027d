"""Signed media for owners: track downloads, release zips and locker streams.

- `GET /media/user/downloadtrack?trackid=&releaseid=&formatid=...` -> the track's MP3
  (full ID3 tags and cover) as an attachment "Artist - Title.mp3"; counts a download.
- `GET /media/user/download/release?releaseid=...` -> a zip of every owned track of
  the release; counts a download of each, all or none.
- `GET /media/stream/locker?trackid=...` -> the MP3 inline, for a player; counts nothing.

A link is either signed by the sandbox (`signature`, in locker and purchase answers)
or OAuth-signed by the client (`sandbox.commerce.delivery` says why both). Byte
`Range` requests are served; one that resumes past the first byte counts no
download, so a broken download can be finished. Errors: a bad or expired sandbox
signature 403 and an OAuth failure 401 (plain text); not owned or no downloads left
2002 (an XML error with 403).
"""

import io
import re
import zipfile

from django.http import HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from sandbox import oauth
from sandbox.commerce import delivery
from sandbox.media.audio import render_track_mp3, track_for_audio
from sandbox.models import LockerTrack, SandboxUser
from sandbox.wire import THREE_LEGGED, ApiError, OAuthFailure, Params
from sandbox.wire.xml import render_error

MP3 = "audio/mpeg"
ZIP = "application/zip"
UNSAFE_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


@require_GET
def download_track(request: HttpRequest) -> HttpResponse:
    def serve(user: SandboxUser, params: Params) -> HttpResponse:
        track_id, release_id = params.id("trackId"), params.id("releaseId", required=False)
        if _resuming(request):
            row = delivery.owned_track(user=user, track_id=track_id, release_id=release_id)
        else:
            row = delivery.download_track_claim(user=user, track_id=track_id, release_id=release_id)
        return _bytes(request, _mp3(row), MP3, attachment=f"{_title(row)}.mp3")

    return _guarded(request, delivery.TRACK, serve)


@require_GET
def download_release(request: HttpRequest) -> HttpResponse:
    def serve(user: SandboxUser, params: Params) -> HttpResponse:
        release_id = params.id("releaseId")
        if _resuming(request):
            rows = delivery.owned_release_tracks(user=user, release_id=release_id)
        else:
            rows = delivery.download_release_claim(user=user, release_id=release_id)
        release = rows[0].release
        name = f"{release.artist.name} - {release.title}.zip"
        return _bytes(request, _zip(rows), ZIP, attachment=name)

    return _guarded(request, delivery.RELEASE, serve)


@require_GET
def stream_locker(request: HttpRequest) -> HttpResponse:
    def serve(user: SandboxUser, params: Params) -> HttpResponse:
        row = delivery.owned_track(user=user, track_id=params.id("trackId"))
        return _bytes(request, _mp3(row), MP3)

    return _guarded(request, delivery.STREAM, serve)


def _guarded(request: HttpRequest, kind: str, serve) -> HttpResponse:
    """serve(user, params) for the link's user, or the error the link deserves."""
    params = Params(request)
    try:
        user = _link_user(request, kind)
        _check_format(params)
        return serve(user, params)
    except delivery.LinkRefused as refused:
        return HttpResponse(str(refused), status=403, content_type="text/plain; charset=utf-8")
    except OAuthFailure as failure:
        body = f"OAuth authentication error: {failure.reason}"
        return HttpResponse(body, status=failure.status, content_type="text/plain; charset=utf-8")
    except ApiError as error:
        return render_error(request, error.code, error.message, error.status)


def _link_user(request: HttpRequest, kind: str) -> SandboxUser:
    query = {name.lower(): value for name, value in request.GET.items()}
    if "signature" not in query:  # signed by the client: OAuth, a one-hour window
        caller = oauth.authenticate(request, THREE_LEGGED, timestamp_window=delivery.LINK_LIFETIME)
        return caller.user
    user = SandboxUser.objects.filter(pk=delivery.verify_link(kind, query), is_active=True).first()
    if user is None:
        raise delivery.LinkRefused("The account of this link is closed")
    return user


def _check_format(params: Params) -> None:
    format_id = params.int("formatId", default=delivery.DOWNLOAD_FORMATS[0].id)
    if format_id not in {fmt.id for fmt in delivery.DOWNLOAD_FORMATS}:
        raise ApiError(
            2002, f"Format {format_id} is not available: the sandbox serves MP3 320 (17)", 403
        )


def _mp3(row: LockerTrack) -> bytes:
    return render_track_mp3(track_for_audio(row.track_id))


def _title(row: LockerTrack) -> str:
    return _safe_name(f"{row.track.artist.name} - {row.track.title}")


def _safe_name(name: str) -> str:
    return UNSAFE_IN_NAMES.sub("_", name).strip(" .") or "download"


def _zip(rows: list[LockerTrack]) -> bytes:
    """The tracks as "NN Artist - Title.mp3" (disc-NN on multi-disc releases), stored:
    MP3 does not compress. Entry dates are the release's, so the bytes are the same
    every time and a Range request can resume an earlier download."""
    discs = {row.track.disc_number for row in rows}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for row in rows:
            track = row.track
            number = f"{track.track_number:02d}"
            if len(discs) > 1:
                number = f"{track.disc_number}-{number}"
            released = max(row.release.release_date.timetuple()[:6], (1980, 1, 1, 0, 0, 0))
            entry = zipfile.ZipInfo(_safe_name(f"{number} {_title(row)}.mp3"), released)
            archive.writestr(entry, _mp3(row))
    return buffer.getvalue()


# --- Byte ranges ---------------------------------------------------------------------


def _requested_range(request: HttpRequest, size: int) -> tuple[int, int] | None:
    """(first, last) byte of a single `Range: bytes=` request; None for the whole body.

    Several ranges, or a header that does not parse, get the whole body (RFC 9110
    lets a server ignore Range). Raises ValueError when the range starts past the end."""
    match = re.fullmatch(r"bytes=(\d*)-(\d*)", request.headers.get("Range", "").strip())
    if not match or match.groups() == ("", ""):
        return None
    first, last = match.groups()
    if first == "":  # the last N bytes
        if int(last) == 0:
            raise ValueError("range not satisfiable")
        return max(size - int(last), 0), size - 1
    start = int(first)
    if start >= size:
        raise ValueError("range not satisfiable")
    end = min(int(last), size - 1) if last else size - 1
    return (start, end) if end >= start else None


def _resuming(request: HttpRequest) -> bool:
    match = re.fullmatch(r"bytes=(\d+)-\d*", request.headers.get("Range", "").strip())
    return bool(match) and int(match.group(1)) > 0


def _bytes(
    request: HttpRequest, body: bytes, content_type: str, *, attachment: str | None = None
) -> HttpResponse:
    try:
        wanted = _requested_range(request, len(body))
    except ValueError:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{len(body)}"
        return response
    if wanted is None:
        response = HttpResponse(body, content_type=content_type)
    else:
        first, last = wanted
        response = HttpResponse(body[first : last + 1], content_type=content_type, status=206)
        response["Content-Range"] = f"bytes {first}-{last}/{len(body)}"
    response["Accept-Ranges"] = "bytes"
    response["Cache-Control"] = "private, no-store"
    if attachment:
        response["Content-Disposition"] = content_disposition_header(True, attachment)
    return response
