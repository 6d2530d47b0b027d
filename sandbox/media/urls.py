"""Absolute URLs of the sandbox's media, on its public origin.

The catalogue views put these in `image` elements and preview links; they start
with `sandbox.wire.origin.public_origin`, so a client gets URLs it can fetch
whatever Host it sent (SANDBOX_PUBLIC_URL, or the request's forwarded origin).
"""

from django.http import HttpRequest
from django.urls import reverse

from sandbox.wire.origin import public_url

from .art import nearest_image_size

_ROUTES = {
    "release-art": "sandbox-media-release-art",
    "artist-art": "sandbox-media-artist-art",
    "preview": "sandbox-media-preview",
}


def media_url(request: HttpRequest, kind: str, **kwargs: int) -> str:
    """The absolute URL of one piece of media: kind is "release-art", "artist-art"
    or "preview"; kwargs are the route's (release_id/artist_id + size, track_id)."""
    return public_url(request, reverse(_ROUTES[kind], kwargs=kwargs))


def release_image_url(request: HttpRequest, release_id: int, size: int = 50) -> str:
    """A sleeve at `size` px (rounded to the nearest size served; the API default 50)."""
    return media_url(request, "release-art", release_id=release_id, size=nearest_image_size(size))


def artist_image_url(request: HttpRequest, artist_id: int, size: int = 150) -> str:
    """An artist picture at `size` px (the API's default for artists is 150)."""
    return media_url(request, "artist-art", artist_id=artist_id, size=nearest_image_size(size))


def preview_url(request: HttpRequest, track_id: int) -> str:
    """The 30-second MP3 clip of a track (no OAuth needed to fetch it)."""
    return media_url(request, "preview", track_id=track_id)
