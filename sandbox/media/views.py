"""Media routes a browser or player fetches directly: cover art, artist pictures and
30-second previews.

They need no OAuth: the storefront puts these URLs in <img> and <audio> elements,
which cannot sign requests (the real previews host also serves clips to any
signed-or-not player link the API handed out). Unknown items and sizes are 404.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from sandbox.models import Artist, Release, Track

from . import art, audio
from .http import media_response


@require_safe
def release_art(request: HttpRequest, release_id: int, size: int) -> HttpResponse:
    subject = _subject(art.release_subject, Release.DoesNotExist, release_id, size)
    return media_response(
        request,
        art.art_etag("release", subject, size),
        art.JPEG_TYPE,
        lambda: art.cover_bytes(subject, size),
    )


@require_safe
def artist_art(request: HttpRequest, artist_id: int, size: int) -> HttpResponse:
    subject = _subject(art.artist_subject, Artist.DoesNotExist, artist_id, size)
    return media_response(
        request,
        art.art_etag("artist", subject, size),
        art.JPEG_TYPE,
        lambda: art.portrait_bytes(subject, size),
    )


@require_safe
def preview(request: HttpRequest, track_id: int) -> HttpResponse:
    try:
        track = audio.track_for_audio(track_id)
    except Track.DoesNotExist:
        raise Http404("No such track") from None
    return media_response(
        request, audio.preview_etag(track), audio.MPEG_TYPE, lambda: audio.render_preview(track)
    )


def _subject(lookup, missing: type[Exception], item_id: int, size: int):
    if size not in art.IMAGE_SIZES:
        raise Http404("No artwork at that size")
    try:
        return lookup(item_id)
    except missing:
        raise Http404("No such item") from None
