"""Tags and front cover in each container's own way: ID3v2 for MP3, MP4 atoms for
M4A, Vorbis comments and a PICTURE block for FLAC (mutagen writes all three)."""

import io
from dataclasses import dataclass

from mutagen.flac import FLAC, Picture
from mutagen.id3 import APIC, ID3, TALB, TCON, TCOP, TDRC, TIT2, TPE1, TPE2, TPOS, TPUB, TRCK, TSRC
from mutagen.mp4 import MP4, MP4Cover

FRONT_COVER = 3  # the picture type of ID3 APIC and FLAC PICTURE


@dataclass(frozen=True)
class Tags:
    title: str
    artist: str
    album: str
    album_artist: str = ""
    track_number: int | None = None
    disc_number: int | None = None
    year: int | None = None
    isrc: str = ""
    label: str = ""
    genre: str = ""
    copyright: str = ""
    cover: bytes = b""  # JPEG


def tag_mp3(data: bytes, tags: Tags) -> bytes:
    frames = [
        TIT2(encoding=3, text=tags.title),
        TPE1(encoding=3, text=tags.artist),
        TALB(encoding=3, text=tags.album),
    ]
    optional = {
        TPE2: tags.album_artist,
        TRCK: tags.track_number,
        TPOS: tags.disc_number,
        TDRC: tags.year,
        TSRC: tags.isrc,
        TPUB: tags.label,
        TCON: tags.genre,
        TCOP: tags.copyright,
    }
    frames += [frame(encoding=3, text=str(value)) for frame, value in optional.items() if value]
    if tags.cover:
        frames.append(
            APIC(encoding=3, mime="image/jpeg", type=FRONT_COVER, desc="Cover", data=tags.cover)
        )
    id3 = ID3()
    for frame in frames:
        id3.add(frame)
    return _saved(data, id3.save)


def tag_m4a(data: bytes, tags: Tags) -> bytes:
    def save(buffer: io.BytesIO) -> None:
        mp4 = MP4(buffer)
        values = {
            "\xa9nam": tags.title,
            "\xa9ART": tags.artist,
            "\xa9alb": tags.album,
            "aART": tags.album_artist,
            "\xa9day": str(tags.year or ""),
            "\xa9gen": tags.genre,
            "cprt": tags.copyright,
        }
        mp4.update({key: [value] for key, value in values.items() if value})
        if tags.track_number:
            mp4["trkn"] = [(tags.track_number, 0)]
        if tags.disc_number:
            mp4["disk"] = [(tags.disc_number, 0)]
        if tags.isrc:
            mp4["----:com.apple.iTunes:ISRC"] = [tags.isrc.encode()]
        if tags.cover:
            mp4["covr"] = [MP4Cover(tags.cover, imageformat=MP4Cover.FORMAT_JPEG)]
        buffer.seek(0)
        mp4.save(buffer)

    return _saved(data, save)


def tag_flac(data: bytes, tags: Tags) -> bytes:
    def save(buffer: io.BytesIO) -> None:
        flac = FLAC(buffer)
        values = {
            "TITLE": tags.title,
            "ARTIST": tags.artist,
            "ALBUM": tags.album,
            "ALBUMARTIST": tags.album_artist,
            "TRACKNUMBER": tags.track_number,
            "DISCNUMBER": tags.disc_number,
            "DATE": tags.year,
            "ISRC": tags.isrc,
            "ORGANIZATION": tags.label,
            "GENRE": tags.genre,
            "COPYRIGHT": tags.copyright,
        }
        for name, value in values.items():
            if value:
                flac[name] = str(value)
        if tags.cover:
            flac.add_picture(_flac_picture(tags.cover))
        buffer.seek(0)
        flac.save(buffer)

    return _saved(data, save)


def _flac_picture(jpeg: bytes) -> Picture:
    picture = Picture()
    picture.type, picture.mime, picture.desc = FRONT_COVER, "image/jpeg", "Cover"
    picture.data = jpeg
    return picture


def _saved(data: bytes, save) -> bytes:
    buffer = io.BytesIO(data)
    save(buffer)
    return buffer.getvalue()
