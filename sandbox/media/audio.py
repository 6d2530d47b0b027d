"""Audio for the catalogue: 30-second previews and capped "full-length" downloads.

The music is synthesised (see synth.py), deterministic from the track id, in a
tempo that suits the genre, and encoded to MP3 with lameenc; ID3 tags come from the
catalogue. Full-length files are capped at FULL_TRACK_CAP seconds (a real track can
run 20 minutes; the sandbox's files stay small and quick to make). Both are cached.
"""

import io

import lameenc
from mutagen.id3 import APIC, ID3, TALB, TCON, TCOP, TDRC, TIT2, TPE1, TPE2, TPOS, TPUB, TRCK, TSRC

from sandbox.generator.genres import genre_of
from sandbox.models import Track

from . import synth
from .art import render_cover
from .cache import cached, fingerprint

MPEG_TYPE = "audio/mpeg"
PREVIEW_SECONDS = 30
PREVIEW_SAMPLE_RATE = 22_050  # mono, 64 kbps: about 240 kB a clip
PREVIEW_BITRATE = 64
FULL_TRACK_CAP = 60  # seconds
RENDERER_VERSION = 1  # bump when the sound changes, so caches and ETags move on


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
        mp3 = _encode(track, PREVIEW_SECONDS, PREVIEW_BITRATE, PREVIEW_SAMPLE_RATE)
        return _tagged(mp3, _basic_frames(track))

    return cached("preview", f"{track.pk}-{preview_etag(track)}.mp3", make)


def render_track_mp3(
    track: Track, *, seconds: float | None = None, bitrate: int = 320, sample_rate: int = 44_100
) -> bytes:
    """The "full" track as an MP3 with complete ID3 tags and the sleeve as cover art.

    Length: `seconds`, by default the track's duration capped at FULL_TRACK_CAP.
    """
    length = min(track.duration, FULL_TRACK_CAP) if seconds is None else seconds
    key = fingerprint("track", RENDERER_VERSION, track.pk, length, bitrate, sample_rate,
                      *_labels(track), track.isrc, track.release.cline)  # fmt: skip

    def make() -> bytes:
        frames = [*_basic_frames(track), *_full_frames(track)]
        return _tagged(_encode(track, length, bitrate, sample_rate), frames)

    return cached("track", f"{track.pk}-{key}.mp3", make)


def _labels(track: Track) -> tuple[str, str, str]:
    title = f"{track.title} ({track.version})" if track.version else track.title
    return title, track.artist.name, track.release.title


def _encode(track: Track, seconds: float, bitrate: int, sample_rate: int) -> bytes:
    genre = genre_of(track.release.tags.values_list("id", flat=True))
    samples = synth.render(synth.Song.from_seed(track.pk, genre), seconds, sample_rate)
    encoder = _encoder(bitrate, sample_rate)
    return bytes(encoder.encode(samples.tobytes()) + encoder.flush())


def _encoder(bitrate: int, sample_rate: int) -> lameenc.Encoder:
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(bitrate)
    encoder.set_in_sample_rate(sample_rate)
    encoder.set_channels(1)
    encoder.set_quality(7)  # fast: the source is simple synthesis
    return encoder


def _basic_frames(track: Track) -> list:
    title, artist, album = _labels(track)
    return [
        TIT2(encoding=3, text=title),
        TPE1(encoding=3, text=artist),
        TALB(encoding=3, text=album),
    ]


def _full_frames(track: Track) -> list:
    release = track.release
    frames = [
        TPE2(encoding=3, text=release.artist.name),
        TRCK(encoding=3, text=str(track.track_number)),
        TPOS(encoding=3, text=str(track.disc_number)),
        TDRC(encoding=3, text=str(release.release_date.year)),
        TSRC(encoding=3, text=track.isrc),
        TPUB(encoding=3, text=release.label.name),
        APIC(
            encoding=3, mime="image/jpeg", type=3, desc="Cover", data=render_cover(release.pk, 350)
        ),
    ]
    genre = genre_of(release.tags.values_list("id", flat=True))
    if genre:
        frames.append(TCON(encoding=3, text=genre))
    if release.cline:
        frames.append(TCOP(encoding=3, text=release.cline))
    return frames


def _tagged(mp3: bytes, frames: list) -> bytes:
    tags = ID3()
    for frame in frames:
        tags.add(frame)
    buffer = io.BytesIO(mp3)
    tags.save(buffer)
    return buffer.getvalue()
