"""Signed media for owners: track downloads, release zips and locker streams.

- `GET /media/user/downloadtrack?trackid=&releaseid=&formatid=...` -> the track in
  that format (MP3 17, M4A 33, FLAC 45; tags and cover) as an attachment
  "Artist - Title.ext"; counts a download of the package that holds the format.
- `GET /media/user/download/release?releaseid=&formatid=...` -> a zip of every owned
  track of the release in the format (sandbox.media.packaging); counts a download of
  each, all or none.
- `GET /media/stream/locker?trackid=...` -> the MP3 inline, for a player; counts nothing.

A link is either signed by the sandbox (`signature`, in locker and purchase answers)
or OAuth-signed by the client (`sandbox.commerce.delivery` says why both). Byte
`Range` requests are served (with ETag and If-Range); one that resumes past the first
byte counts no download, so a broken download can be finished. Errors: a bad or
expired sandbox signature 403 and an OAuth failure 401 (plain text); a format not
sold, not owned, or no downloads left 2002 (an XML error with 403).
"""

import re

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from sandbox import oauth
from sandbox.commerce import delivery
from sandbox.media import audio, packaging
from sandbox.media.http import media_response
from sandbox.models import SandboxUser
from sandbox.queries.pricing import MP3_320
from sandbox.wire import THREE_LEGGED, ApiError, OAuthFailure, Params
from sandbox.wire.xml import render_error


@require_GET
def download_track(request: HttpRequest) -> HttpResponse:
    def serve(user: SandboxUser, params: Params) -> HttpResponse:
        track_id, release_id = params.id("trackId"), params.id("releaseId", required=False)
        format_id = _format_asked(params)
        claim = delivery.owned_track if _resuming(request) else delivery.download_track_claim
        row = claim(user=user, track_id=track_id, release_id=release_id, format_id=format_id)
        format_id = delivery.served_format(row, format_id)
        track = audio.track_for_audio(row.track_id)
        return media_response(
            request,
            audio.track_etag(track, format_id),
            audio.AUDIO_FORMATS[format_id].content_type,
            lambda: audio.render_track(track, format_id),
            attachment=packaging.track_file_name(track, format_id),
            private=True,
        )

    return _guarded(request, delivery.TRACK, serve)


@require_GET
def download_release(request: HttpRequest) -> HttpResponse:
    def serve(user: SandboxUser, params: Params) -> HttpResponse:
        release_id, format_id = params.id("releaseId"), _format_asked(params)
        if format_id is None:  # the first format of the first package owned
            first = delivery.owned_release_tracks(user=user, release_id=release_id)[0]
            format_id = delivery.served_format(first, None)
        if _resuming(request):
            claim = delivery.owned_release_tracks
        else:
            claim = delivery.download_release_claim
        rows = claim(user=user, release_id=release_id, format_id=format_id)
        tracks = [audio.track_for_audio(row.track_id) for row in rows]
        return media_response(
            request,
            packaging.release_zip_etag(tracks, format_id),
            packaging.ZIP_TYPE,
            lambda: packaging.release_zip(tracks, format_id),
            attachment=f"{packaging.release_folder(tracks)}.zip",
            private=True,
        )

    return _guarded(request, delivery.RELEASE, serve)


@require_GET
def stream_locker(request: HttpRequest) -> HttpResponse:
    def serve(user: SandboxUser, params: Params) -> HttpResponse:
        if params.int("formatId", default=MP3_320.id) != MP3_320.id:
            raise _not_sold(params.int("formatId"), "streams are MP3 320 (17)")
        row = delivery.owned_track(user=user, track_id=params.id("trackId"))
        track = audio.track_for_audio(row.track_id)
        return media_response(
            request,
            audio.track_etag(track, MP3_320.id),
            audio.MPEG_TYPE,
            lambda: audio.render_track(track, MP3_320.id),
            private=True,
        )

    return _guarded(request, delivery.STREAM, serve)


def _guarded(request: HttpRequest, kind: str, serve) -> HttpResponse:
    """serve(user, params) for the link's user, or the error the link deserves."""
    params = Params(request)
    try:
        user = _link_user(request, kind)
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


def _format_asked(params: Params) -> int | None:
    """The `formatId` of a download, None if not given; 2002 for one not sold here."""
    format_id = params.int("formatId")
    if format_id is not None and format_id not in audio.AUDIO_FORMATS:
        sold = ", ".join(str(known) for known in audio.AUDIO_FORMATS)
        raise _not_sold(format_id, f"the sandbox delivers formats {sold}")
    return format_id


def _not_sold(format_id: int | None, why: str) -> ApiError:
    return ApiError(2002, f"Format {format_id} is not available: {why}", status=403)


def _resuming(request: HttpRequest) -> bool:
    match = re.fullmatch(r"bytes=(\d+)-\d*", request.headers.get("Range", "").strip())
    return bool(match) and int(match.group(1)) > 0
