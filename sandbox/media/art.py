"""Cover art and artist pictures, made on demand from the catalogue and cached.

`render_cover(release_id, size)` and `render_artist_image(artist_id, size)` return
JPEG bytes; they raise `Release.DoesNotExist` / `Artist.DoesNotExist` for an unknown
id and `ValueError` for a size the real artwork CDN does not serve.
"""

import io

from sandbox.generator.genres import genre_of
from sandbox.models import Artist, Release

from .cache import cached, fingerprint
from .painting import Subject, paint_cover, paint_portrait

# The sizes 7digital's artwork CDN serves (`_50.jpg`, ...); 150 is the artist default.
IMAGE_SIZES = (33, 50, 75, 100, 150, 180, 182, 200, 350, 500, 800)
RENDERER_VERSION = 1  # bump when the pictures change, so caches and ETags move on
JPEG_TYPE = "image/jpeg"


def nearest_image_size(size: int) -> int:
    """The served size closest to `size` (for an `imageSize` parameter)."""
    return min(IMAGE_SIZES, key=lambda served: (abs(served - size), served))


def release_subject(release_id: int) -> Subject:
    release = (
        Release.objects.select_related("artist").only("title", "artist__name").get(pk=release_id)
    )
    tags = list(release.tags.order_by("id").values_list("id", flat=True))
    return Subject(release.pk, release.title, release.artist.name, genre_of(tags))


def artist_subject(artist_id: int) -> Subject:
    artist = Artist.objects.only("name").get(pk=artist_id)
    tags = list(artist.tags.order_by("id").values_list("id", flat=True))
    return Subject(artist.pk, artist.name, artist.name, genre_of(tags))


def art_etag(kind: str, subject: Subject, size: int) -> str:
    """The fingerprint of a picture: changes when anything it shows changes."""
    return fingerprint("art", RENDERER_VERSION, kind, subject, size)


def cover_bytes(subject: Subject, size: int) -> bytes:
    return _render("release", subject, size)


def portrait_bytes(subject: Subject, size: int) -> bytes:
    return _render("artist", subject, size)


def render_cover(release_id: int, size: int) -> bytes:
    """A release's sleeve as JPEG bytes (e.g. for an ID3 APIC frame)."""
    _check_size(size)
    return cover_bytes(release_subject(release_id), size)


def render_artist_image(artist_id: int, size: int) -> bytes:
    _check_size(size)
    return portrait_bytes(artist_subject(artist_id), size)


def _check_size(size: int) -> None:
    if size not in IMAGE_SIZES:
        raise ValueError(f"no artwork at {size} px; sizes are {IMAGE_SIZES}")


def _render(kind: str, subject: Subject, size: int) -> bytes:
    paint = paint_cover if kind == "release" else paint_portrait

    def make() -> bytes:
        buffer = io.BytesIO()
        paint(subject, size).save(buffer, "JPEG", quality=88, optimize=True, progressive=True)
        return buffer.getvalue()

    etag = art_etag(kind, subject, size)
    return cached(f"art/{kind}", f"{subject.id}_{size}-{etag}.jpg", make)
