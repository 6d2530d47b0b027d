"""Media routes: cover art, artist pictures and preview clips, and the URL helpers."""

import io

import pytest
from django.test import RequestFactory
from mutagen.mp3 import MP3
from PIL import Image

from sandbox.media import art
from sandbox.media.audio import FULL_TRACK_CAP, render_track
from sandbox.media.urls import artist_image_url, preview_url, release_image_url

from .factories import make_artist, make_release, make_tag, make_track

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_cache(settings, tmp_path):
    """Each test renders into its own cache."""
    settings.VAR_DIR = tmp_path
    return tmp_path / "media-cache"


@pytest.fixture
def track():
    rock = make_tag("rock")
    indie = make_tag("indie-rock", parent=rock)
    artist = make_artist("Björk", tags=[indie, rock])
    release = make_release(artist, "Hopes and Fears", tags=[indie, rock], cline="2004 Island")
    return make_track(release, "Somewhere Only We Know", 3, duration=237, version="Radio Edit")


def jpeg(response) -> Image.Image:
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    image = Image.open(io.BytesIO(response.content))
    assert image.format == "JPEG"
    return image


@pytest.mark.parametrize("size", [33, 182, 800])
def test_cover_is_a_jpeg_of_the_requested_size(client, track, size):
    response = client.get(f"/media/art/release/{track.release_id}_{size}.jpg")
    assert jpeg(response).size == (size, size)
    assert "max-age" in response["Cache-Control"] and response["ETag"].startswith('"')


def test_artist_picture_is_a_jpeg_at_the_default_size(client, track):
    response = client.get(f"/media/art/artist/{track.release.artist_id}_150.jpg")
    assert jpeg(response).size == (150, 150)


def test_sizes_the_cdn_does_not_serve_are_not_found(client, track):
    assert client.get(f"/media/art/release/{track.release_id}_64.jpg").status_code == 404


def test_unknown_items_are_not_found(client, track):
    assert client.get(f"/media/art/release/{track.release_id + 999}_50.jpg").status_code == 404
    assert (
        client.get(f"/media/art/artist/{track.release.artist_id + 999}_50.jpg").status_code == 404
    )
    assert client.get(f"/media/preview/{track.id + 999}.mp3").status_code == 404


def test_the_same_item_renders_to_the_same_bytes(client, track, settings, tmp_path):
    """Rendering is deterministic: an empty cache produces identical bytes."""
    first = client.get(f"/media/art/release/{track.release_id}_200.jpg").content
    settings.VAR_DIR = tmp_path / "elsewhere"
    assert client.get(f"/media/art/release/{track.release_id}_200.jpg").content == first
    clip = client.get(f"/media/preview/{track.id}.mp3").content
    settings.VAR_DIR = tmp_path / "again"
    assert client.get(f"/media/preview/{track.id}.mp3").content == clip


def test_renderings_are_cached_on_disk(client, track, media_cache):
    client.get(f"/media/art/release/{track.release_id}_50.jpg")
    assert [p.name.split("-")[0] for p in (media_cache / "art" / "release").iterdir()] == [
        f"{track.release_id}_50"
    ]


def test_preview_is_a_thirty_second_tagged_mp3(client, track):
    response = client.get(f"/media/preview/{track.id}.mp3")
    assert response.status_code == 200 and response["Content-Type"] == "audio/mpeg"
    clip = MP3(io.BytesIO(response.content))
    assert 29.5 <= clip.info.length <= 30.5
    assert str(clip.tags["TIT2"]) == "Somewhere Only We Know (Radio Edit)"
    assert str(clip.tags["TPE1"]) == "Björk"
    assert str(clip.tags["TALB"]) == "Hopes and Fears"


def test_a_byte_range_gets_206_and_exactly_those_bytes(client, track):
    whole = client.get(f"/media/preview/{track.id}.mp3").content
    part = client.get(f"/media/preview/{track.id}.mp3", HTTP_RANGE="bytes=1000-1999")
    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 1000-1999/{len(whole)}"
    assert part.content == whole[1000:2000]
    tail = client.get(f"/media/preview/{track.id}.mp3", HTTP_RANGE="bytes=-500")
    assert tail.status_code == 206 and tail.content == whole[-500:]


def test_a_range_past_the_end_is_unsatisfiable(client, track):
    whole = client.get(f"/media/preview/{track.id}.mp3").content
    response = client.get(f"/media/preview/{track.id}.mp3", HTTP_RANGE=f"bytes={len(whole)}-")
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(whole)}"


def test_a_matching_etag_gets_304(client, track):
    etag = client.get(f"/media/preview/{track.id}.mp3")["ETag"]
    again = client.get(f"/media/preview/{track.id}.mp3", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""


def test_full_track_is_capped_and_fully_tagged(track):
    """Downloads last the track's length up to the cap and carry the sleeve."""
    tags = MP3(io.BytesIO(render_track(track, 17)))
    assert abs(tags.info.length - min(track.duration, FULL_TRACK_CAP)) < 0.5
    assert str(tags.tags["TRCK"]) == "3" and str(tags.tags["TSRC"]) == track.isrc
    cover = tags.tags.getall("APIC")[0]
    assert Image.open(io.BytesIO(cover.data)).size == (350, 350)


def test_render_cover_refuses_unknown_sizes(track):
    with pytest.raises(ValueError):
        art.render_cover(track.release_id, 64)


def test_url_helpers_follow_the_host_the_client_used(client, track):
    request = RequestFactory().get("/", HTTP_HOST="localhost:8001")
    url = release_image_url(request, track.release_id, 300)
    assert url == f"http://localhost:8001/media/art/release/{track.release_id}_350.jpg"
    assert artist_image_url(request, 7).endswith("/media/art/artist/7_150.jpg")
    assert preview_url(request, track.id) == (f"http://localhost:8001/media/preview/{track.id}.mp3")
    assert client.get(url.removeprefix("http://localhost:8001")).status_code == 200
