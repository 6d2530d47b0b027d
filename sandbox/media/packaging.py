"""A release as one zip: "Artist - Release/NN Title.ext" (disc-NN on multi-disc
releases) and the sleeve as "Artist - Release/cover.jpg", in the format chosen.

Entries are stored, not deflated: MP3, AAC and FLAC do not compress. Entry dates
are the release's, so the bytes are the same every time and a Range request can
resume an earlier download.
"""

import io
import re
import zipfile
from collections.abc import Sequence

from sandbox.models import Track

from . import audio
from .art import render_cover
from .cache import fingerprint

UNSAFE_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
COVER_SIZE = 800
ZIP_TYPE = "application/zip"


def safe_name(name: str) -> str:
    """name fit for a file system: no separators or reserved characters."""
    return UNSAFE_IN_NAMES.sub("_", name).strip(" .") or "download"


def track_file_name(track: Track, format_id: int) -> str:
    """ "Artist - Title.ext", for a single track's download."""
    extension = audio.AUDIO_FORMATS[format_id].extension
    return safe_name(f"{track.artist.name} - {track.title}") + f".{extension}"


def release_folder(tracks: Sequence[Track]) -> str:
    release = tracks[0].release
    return safe_name(f"{release.artist.name} - {release.title}")


def release_zip_etag(tracks: Sequence[Track], format_id: int) -> str:
    parts = [audio.track_etag(track, format_id) for track in tracks]
    return fingerprint("release-zip", format_id, COVER_SIZE, *parts)


def release_zip(tracks: Sequence[Track], format_id: int) -> bytes:
    """The tracks (of one release, in disc and track order) in the format, and the cover."""
    release = tracks[0].release
    folder = release_folder(tracks)
    discs = {track.disc_number for track in tracks}
    extension = audio.AUDIO_FORMATS[format_id].extension
    released = max(release.release_date.timetuple()[:6], (1980, 1, 1, 0, 0, 0))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for track in tracks:
            number = f"{track.track_number:02d}"
            if len(discs) > 1:
                number = f"{track.disc_number}-{number}"
            name = safe_name(f"{number} {track.title}") + f".{extension}"
            entry = zipfile.ZipInfo(f"{folder}/{name}", released)
            archive.writestr(entry, audio.render_track(track, format_id))
        cover = zipfile.ZipInfo(f"{folder}/cover.jpg", released)
        archive.writestr(cover, render_cover(release.pk, COVER_SIZE))
    return buffer.getvalue()
