"""The file is the format sold: MP3 320, AAC 320 in M4A and FLAC 16-bit, each a real,
tagged, playable file, delivered only to those who bought the package holding it."""

import io
import zipfile
from urllib.parse import urlsplit

import av
import pytest
import soundfile
from mutagen.flac import FLAC
from mutagen.id3 import ID3
from mutagen.mp4 import MP4
from PIL import Image

from sandbox.commerce import delivery
from sandbox.media import audio
from sandbox.models import LockerTrack, Track
from tests.sandbox.factories import error_of, payload
from tests.sandbox.shopper import call, make_shop, make_shopper

pytestmark = [pytest.mark.django_db, pytest.mark.urls("sandbox.urls")]
SECONDS = 3


@pytest.fixture(autouse=True)
def media_cache(settings, tmp_path):
    settings.VAR_DIR = tmp_path


@pytest.fixture
def shop():
    shop = make_shop()
    Track.objects.update(duration=SECONDS)
    return shop


@pytest.fixture
def shopper(shop):
    return make_shopper()


def links(client, shopper, release, package_id: int) -> dict[int, list[str]]:
    """Deliver release in the package; {format id: its tracks' download URLs}."""
    answer = payload(
        call(client, "GET", "user/deliveritem", shopper, releaseId=release.pk, packageId=package_id)
    )
    found: dict[int, list[str]] = {}
    for link in answer.iter("downloadUrl"):
        found.setdefault(int(link.find("format").get("id")), []).append(link.findtext("url"))
    return found


def fetch(client, url: str, **headers):
    parts = urlsplit(url)
    return client.get(f"{parts.path}?{parts.query}", headers=headers)


def test_a_premium_buyer_downloads_flac_that_plays(client, shopper, shop):
    """fLaC magic, Vorbis TITLE of the track, a front cover, and it decodes to the
    track's length at 16-bit 44.1 kHz."""
    urls = links(client, shopper, shop.album, 9)
    assert set(urls) == {45}
    response = fetch(client, urls[45][0])
    assert response.status_code == 200 and response["Content-Type"] == "audio/flac"
    assert response.content[:4] == b"fLaC"
    assert response["Content-Disposition"].endswith('"Keane - Spiralling.flac"')
    tags = FLAC(io.BytesIO(response.content))
    assert tags["TITLE"] == ["Spiralling"] and tags["ALBUM"] == ["Perfect Symmetry"]
    assert tags.pictures[0].type == 3
    assert Image.open(io.BytesIO(tags.pictures[0].data)).size == (350, 350)
    samples, rate = soundfile.read(io.BytesIO(response.content), dtype="int16")
    assert rate == 44_100 and abs(len(samples) / rate - SECONDS) < 0.01
    assert soundfile.info(io.BytesIO(response.content)).subtype == "PCM_16"
    assert abs(samples).max() > 1000  # music, not silence


def test_a_standard_buyer_downloads_m4a_that_plays(client, shopper, shop):
    """An MP4 container (ftyp M4A), iTunes title and cover, AAC that decodes to the
    track's length."""
    urls = links(client, shopper, shop.album, 2)
    response = fetch(client, urls[33][1])
    assert response.status_code == 200 and response["Content-Type"] == "audio/mp4"
    assert response.content[4:11] == b"ftypM4A"
    tags = MP4(io.BytesIO(response.content))
    assert tags["\xa9nam"] == ["The Lovers Are Losing"] and tags["trkn"] == [(2, 0)]
    assert Image.open(io.BytesIO(bytes(tags["covr"][0]))).format == "JPEG"
    with av.open(io.BytesIO(response.content)) as container:
        stream = container.streams.audio[0]
        assert stream.codec_context.name == "aac"
        decoded = sum(frame.samples for frame in container.decode(stream))
    assert abs(decoded / 44_100 - SECONDS) < 0.1


def test_a_standard_buyer_gets_mp3_and_aac_links_and_no_flac(client, shopper, shop):
    urls = links(client, shopper, shop.album, 2)
    assert set(urls) == {17, 33}
    forged = fetch(client, urls[17][0].replace("formatid=17", "formatid=45"))
    assert forged.status_code == 403 and b"signature" in forged.content
    track = shop.album.tracks.first()
    query = delivery.signed_query(
        delivery.TRACK, user_id=shopper.user.pk, track_id=track.pk, format_id=45
    )
    assert error_of(client.get(f"/media/user/downloadtrack?{query}"))[:2] == (403, 2002)
    mp3 = fetch(client, urls[17][0])
    assert mp3.content[:3] == b"ID3" and str(ID3(io.BytesIO(mp3.content))["TIT2"]) == "Spiralling"


def test_a_download_counts_against_the_package_of_its_format(client, shopper, shop):
    """Owning both packages, a FLAC download uses a premium download, not a standard one."""
    links(client, shopper, shop.single, 2)
    shop.single.has_lossless = True
    shop.single.save()
    flac = links(client, shopper, shop.single, 9)[45][0]
    assert fetch(client, flac).status_code == 200
    left = dict(LockerTrack.objects.values_list("package_id", "remaining_downloads"))
    assert left == {2: 3, 9: 2}


def test_each_format_renders_the_same_bytes_every_time(shop, settings, tmp_path):
    """Deterministic: a fresh cache renders identical files, so ETags and resumes hold."""
    track = audio.track_for_audio(shop.album.tracks.first().pk)
    first = {fmt: audio.render_track(track, fmt) for fmt in audio.AUDIO_FORMATS}
    settings.VAR_DIR = tmp_path / "again"
    assert {fmt: audio.render_track(track, fmt) for fmt in audio.AUDIO_FORMATS} == first


def test_the_release_zip_comes_in_the_format_asked_for(client, shopper, shop):
    links(client, shopper, shop.album, 9)
    query = delivery.signed_query(
        delivery.RELEASE, user_id=shopper.user.pk, release_id=shop.album.pk, format_id=45
    )
    response = client.get(f"/media/user/download/release?{query}")
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert archive.namelist() == [
        "Keane - Perfect Symmetry/01 Spiralling.flac",
        "Keane - Perfect Symmetry/02 The Lovers Are Losing.flac",
        "Keane - Perfect Symmetry/03 Better Than This.flac",
        "Keane - Perfect Symmetry/cover.jpg",
    ]
    assert archive.read(archive.namelist()[0])[:4] == b"fLaC"
    assert response["Content-Disposition"].endswith('"Keane - Perfect Symmetry.zip"')


def test_a_resume_with_a_stale_if_range_gets_the_whole_file(client, shopper, shop):
    """ETag and If-Range: a resume of another rendering gets everything, fresh."""
    url = links(client, shopper, shop.album, 9)[45][0]
    whole = fetch(client, url)
    etag = whole["ETag"]
    part = fetch(client, url, Range="bytes=100-199", **{"If-Range": etag})
    assert part.status_code == 206 and part.content == whole.content[100:200]
    stale = fetch(client, url, Range="bytes=100-199", **{"If-Range": '"other"'})
    assert stale.status_code == 200 and stale.content == whole.content
