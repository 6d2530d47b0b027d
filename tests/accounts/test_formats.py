"""My music offers the formats bought, says what each is, and delivers that format:
a premium (FLAC) buyer gets FLAC through the store, end to end over HTTP."""

import io
import re

import av
import pytest
import requests
import soundfile
from django.urls import reverse
from mutagen.flac import FLAC
from mutagen.mp4 import MP4

from accounts import selectors
from accounts.formats import best_first, format_label
from sevendigital import DownloadUrl, Format, Release
from storefront.api import get_client
from tests.accounts.conftest import deliver

PREMIUM = 9
SANDBOX_CAP = 60  # seconds: the sandbox's files last the track's length up to this


def test_labels_say_what_a_format_is_and_how_big_a_track_is():
    assert format_label(Format(id=45, description="FLAC 16-bit 44.1kHz"), 270) == (
        "FLAC, lossless, about 30 MB"
    )
    assert format_label(Format(id=17), 200) == "MP3, 320 kbps, about 8.0 MB"
    assert format_label(Format(id=33)) == "AAC, 320 kbps"
    assert format_label(Format(id=87, description="FLAC 24-bit MQA")) == "FLAC 24-bit MQA"


def test_the_best_format_comes_first_once():
    mp3, aac, flac = (DownloadUrl(url=f"u{i}", format=Format(id=i)) for i in (17, 33, 45))
    assert best_first((mp3, aac, flac, mp3)) == (flac, aac, mp3)


@pytest.fixture
def lossless_release(live_api) -> Release:
    """A release on sale in GB in the premium (FLAC) package too."""
    client = get_client()
    for entry in client.get_release_chart(page_size=50, country="GB"):
        release = client.get_release_details(release_id=entry.release.id, country="GB")
        if any(package.id == PREMIUM and package.price for package in release.packages):
            return release
    raise AssertionError("the sandbox catalogue has no FLAC release in GB")


def _locker_page(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("locker")).content.decode()


def _download(client, owned, format_id: int | None) -> requests.Response:
    form = {"release_id": owned.release.id, "track_id": owned.track_ids[0]}
    if format_id:
        form["format_id"] = format_id
    response = client.post(reverse("locker-download"), form)
    assert response.status_code == 302, response.content
    media = requests.get(response["Location"], timeout=60)
    assert media.status_code == 200
    return media


def _track_choices(page: str) -> list[list[str]]:
    """The format ids of each track's picker, in order; the first must be selected."""
    choices = []
    for picker in re.findall(
        r'<select id="format-[^"]+" name="format_id">(.*?)</select>', page, re.S
    ):
        values = re.findall(r'<option value="(\d+)"( selected)?', picker)
        assert values[0][1] == " selected"
        choices.append([value for value, _ in values])
    return choices


def _first_track(user, owned):
    return selectors.locker_entry(
        user=user, country="GB", release_id=owned.release.id, track_id=owned.track_ids[0]
    ).track


@pytest.mark.django_db
@pytest.mark.live_sandbox
def test_a_premium_buyer_downloads_flac_through_the_store(client, linked_shopper, lossless_release):
    owned = deliver(linked_shopper, lossless_release, package_id=PREMIUM)
    page = _locker_page(client, linked_shopper)
    assert "FLAC, lossless, about" in page and "MP3, 320 kbps" not in page
    media = _download(client, owned, None)  # the only format: no choice to make
    assert media.content[:4] == b"fLaC"
    track = _first_track(linked_shopper, owned)
    assert FLAC(io.BytesIO(media.content))["TITLE"][0].startswith(track.title)
    samples, rate = soundfile.read(io.BytesIO(media.content))
    assert abs(len(samples) / rate - min(track.duration, SANDBOX_CAP)) < 0.05


@pytest.mark.django_db
@pytest.mark.live_sandbox
def test_a_standard_buyer_chooses_mp3_or_aac_and_gets_no_flac(client, linked_shopper, sold_release):
    owned = deliver(linked_shopper, sold_release)
    page = _locker_page(client, linked_shopper)
    assert "AAC, 320 kbps, about" in page and "MP3, 320 kbps, about" in page
    assert "FLAC, lossless" not in page and 'value="45"' not in page
    assert _track_choices(page)[0] == ["33", "17"]  # AAC, the best, first and selected
    media = _download(client, owned, 33)
    assert media.content[4:11] == b"ftypM4A"
    track = _first_track(linked_shopper, owned)
    assert MP4(io.BytesIO(media.content))["\xa9nam"][0].startswith(track.title)
    with av.open(io.BytesIO(media.content)) as container:
        seconds = float(container.duration) / av.time_base
    assert abs(seconds - min(track.duration, SANDBOX_CAP)) < 0.1
    asked_flac = client.post(
        reverse("locker-download"),
        {"release_id": owned.release.id, "track_id": owned.track_ids[0], "format_id": 45},
    )
    assert requests.get(asked_flac["Location"], timeout=60).content[4:11] == b"ftypM4A"


@pytest.mark.django_db
@pytest.mark.live_sandbox
def test_a_track_bought_in_both_packages_shows_once_with_flac_first(
    client, linked_shopper, lossless_release
):
    deliver(linked_shopper, lossless_release)
    owned = deliver(linked_shopper, lossless_release, package_id=PREMIUM)
    page = _locker_page(client, linked_shopper)
    track = _first_track(linked_shopper, owned)
    assert page.count(f'name="track_id" value="{track.id}"') == 1
    assert _track_choices(page) == [["45", "33", "17"]] * len(owned.track_ids)
    assert re.search(r'name="format_id">\s*<option value="45">FLAC', page)  # the zip too
    assert _download(client, owned, 45).content[:4] == b"fLaC"
    assert _download(client, owned, 17).content[:3] == b"ID3"
    zip_form = {"release_id": owned.release.id, "format_id": 45}
    response = client.post(reverse("locker-download-release"), zip_form)
    archive = requests.get(response["Location"], timeout=120).content
    assert b".flac" in archive and b"cover.jpg" in archive
