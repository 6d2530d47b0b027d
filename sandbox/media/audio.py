"""Audio for the catalogue: 30-second previews and capped "full-length" downloads.

The music is synthesised (see synth.py), deterministic from the track id, in a
tempo that suits the genre. Previews are small MP3s. Downloads come in every format
the sandbox sells (WIRE-NOTES §6.3): MP3 320 (17), AAC 320 in M4A (33) and FLAC
16-bit 44.1 kHz (45), each with its container's tags and the sleeve as front cover
(encoders.py, tagging.py). Full-length files are capped at FULL_TRACK_CAP seconds (a
real track can run 20 minutes; the sandbox's files stay small and quick to make).
Everything is cached on disk, named by a fingerprint that is also its ETag.
"""

from collections.abc import Callable
from dataclasses import dataclass

from sandbox.generator.genres import genre_of
from sandbox.models import Track

from . import encoders, synth
from .art import render_cover
from .cache import cached, fingerprint
from .tagging import Tags, tag_flac, tag_m4a, tag_mp3

MPEG_TYPE = "audio/mpeg"
PREVIEW_SECONDS = 30
PREVIEW_SAMPLE_RATE = 22_050  # mono, 64 kbps: about 240 kB a clip
PREVIEW_BITRATE = 64
FULL_TRACK_CAP = 60  # seconds
SAMPLE_RATE = 44_100
RENDERER_VERSION = 1  # bump when the sound changes, so caches and ETags move on
COVER_SIZE = 350


@dataclass(frozen=True)
class AudioFormat:
    """How the sandbox makes one 7digital format id."""

    id: int
    extension: str
    content_type: str
    encode: Callable  # (samples, sample_rate) -> bytes
    tag: Callable[[bytes, Tags], bytes]


AUDIO_FORMATS = {
    fmt.id: fmt
    for fmt in (
        AudioFormat(17, "mp3", MPEG_TYPE, lambda s, r: encoders.encode_mp3(s, r, 320), tag_mp3),
        AudioFormat(33, "m4a", "audio/mp4", lambda s, r: encoders.encode_m4a(s, r, 320), tag_m4a),
        AudioFormat(45, "flac", "audio/flac", encoders.encode_flac, tag_flac),
    )
}


def track_for_audio(track_id: int) -> Track:
    """The track with what its tags need (raises Track.DoesNotExist)."""
    return Track.objects.select_related("release__artist", "release__label", "artist").get(
        pk=track_id
    )


def preview_etag(track: Track) -> str:
    return fingerprint("preview", RENDERER_VERSION, track.pk, *_labels(track))


def render_preview(track: Track) -> bytes:
    """A 30-second MP3 clip of the track, tagged with its title, artist and album."""

    def make() -> bytes:
        samples = _samples(track, PREVIEW_SECONDS, PREVIEW_SAMPLE_RATE)
        mp3 = encoders.encode_mp3(samples, PREVIEW_SAMPLE_RATE, PREVIEW_BITRATE)
        title, artist, album = _labels(track)
        return tag_mp3(mp3, Tags(title, artist, album))

    return cached("preview", f"{track.pk}-{preview_etag(track)}.mp3", make)


def track_seconds(track: Track) -> int:
    """How long the sandbox's "full" file of a track lasts."""
    return min(track.duration, FULL_TRACK_CAP)


def track_etag(track: Track, format_id: int) -> str:
    """The fingerprint of a track's file in a format: its cache name and ETag."""
    return fingerprint("track", RENDERER_VERSION, track.pk, format_id, track_seconds(track),
                       *_labels(track), track.isrc, track.release.cline)  # fmt: skip


def render_track(track: Track, format_id: int) -> bytes:
    """The "full" track in a format of AUDIO_FORMATS (KeyError for others), fully
    tagged with the sleeve as front cover."""
    fmt = AUDIO_FORMATS[format_id]

    def make() -> bytes:
        samples = _samples(track, track_seconds(track), SAMPLE_RATE)
        return fmt.tag(fmt.encode(samples, SAMPLE_RATE), track_tags(track))

    return cached("track", f"{track.pk}-{track_etag(track, format_id)}.{fmt.extension}", make)


def track_tags(track: Track) -> Tags:
    release = track.release
    title, artist, album = _labels(track)
    return Tags(
        title,
        artist,
        album,
        album_artist=release.artist.name,
        track_number=track.track_number,
        disc_number=track.disc_number,
        year=release.release_date.year,
        isrc=track.isrc,
        label=release.label.name,
        genre=_genre(track) or "",
        copyright=release.cline or "",
        cover=render_cover(release.pk, COVER_SIZE),
    )


def _labels(track: Track) -> tuple[str, str, str]:
    title = f"{track.title} ({track.version})" if track.version else track.title
    return title, track.artist.name, track.release.title


def _genre(track: Track) -> str | None:
    return genre_of(track.release.tags.values_list("id", flat=True))


def _samples(track: Track, seconds: float, sample_rate: int):
    return synth.render(synth.Song.from_seed(track.pk, _genre(track)), seconds, sample_rate)
