"""user/deliveritem and the signed downloads of owned music (tracks and release zips)."""

import io
import zipfile
from decimal import Decimal
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from lxml import etree
from mutagen.id3 import ID3

from sandbox.commerce import delivery
from sandbox.models import LockerTrack, Purchase, Sale, SandboxUser, Track
from sandbox.oauth import clock
from tests.sandbox.factories import error_of, payload
from tests.sandbox.oauth_support import SIGNATURE_TYPE_QUERY, signed
from tests.sandbox.shopper import call, make_shop, make_shopper

pytestmark = [pytest.mark.django_db, pytest.mark.urls("sandbox.urls")]


@pytest.fixture(autouse=True)
def short_tracks(settings, tmp_path):
    """Rendered media goes to a temporary cache; tracks last 2 s so they render fast."""
    settings.VAR_DIR = tmp_path


@pytest.fixture
def shop():
    shop = make_shop()
    Track.objects.update(duration=2)
    return shop


@pytest.fixture
def shopper(shop):
    return make_shopper()


def deliver(client, shopper, release, **params):
    return call(client, "GET", "user/deliveritem", shopper, releaseId=release.pk, **params)


def download_urls(answer) -> list[str]:
    return answer.xpath(".//downloadUrl/url/text()")


def local(url: str) -> str:
    """The path and query of an absolute URL, for the test client."""
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def remaining(user) -> list[int]:
    rows = LockerTrack.objects.filter(user=user).order_by("track__track_number")
    return list(rows.values_list("remaining_downloads", flat=True))


def test_deliveritem_credits_the_item_and_records_the_partner_sale(client, shopper, shop):
    """The partner's transaction and price are kept; no card is needed."""
    answer = payload(deliver(client, shopper, shop.album, transactionId="tx-1", retailPrice="5.00"))
    assert answer.tag == "purchase"
    purchase = Purchase.objects.get()
    assert answer.get("id") == str(purchase.pk)
    assert (purchase.method, purchase.transaction_id, purchase.total) == (
        "partner",
        "tx-1",
        Decimal("5.00"),
    )
    assert len(download_urls(answer)) == 6  # 3 tracks in MP3 320 and in AAC 320


def test_deliveritem_answers_xml_even_when_json_is_asked_for(client, shopper, shop):
    """deliveritem is XML-only on the real API."""
    response = deliver(client, shopper, shop.single, as_json=True)
    assert response["Content-Type"].startswith("text/xml")
    assert etree.fromstring(response.content).find("purchase") is not None


def test_deliveritem_is_not_idempotent(client, shopper, shop):
    """Each call logs a sale and a purchase; the locker holds the track once, restored."""
    deliver(client, shopper, shop.single)
    LockerTrack.objects.update(remaining_downloads=0)
    deliver(client, shopper, shop.single)
    assert Purchase.objects.count() == 2
    assert Sale.objects.count() == 2
    assert remaining(shopper.user) == [3]


def test_deliveritem_for_a_managed_user(client, shop):
    """A partner delivers 2-legged, naming its own user with userId."""
    shopper = make_shopper()
    managed = SandboxUser.objects.create_user(
        partner_user_id="partner-42", created_by=shopper.consumer
    )
    response = signed(
        client,
        "GET",
        "/1.2/user/deliveritem",
        shopper.consumer,
        params={"userId": "partner-42", "releaseId": shop.single.pk},
    )
    assert payload(response).tag == "purchase"
    assert LockerTrack.objects.get().user == managed


def test_deliveritem_needs_a_release(client, shopper, shop):
    """releaseId is required even to deliver a track (1001)."""
    assert error_of(call(client, "GET", "user/deliveritem", shopper))[1] == 1001


def test_a_signed_link_downloads_a_tagged_mp3(client, shopper, shop):
    """The locker's URL serves the MP3 as "Artist - Title.mp3" and counts a download."""
    url = download_urls(payload(deliver(client, shopper, shop.single)))[0]
    response = client.get(local(url))
    assert response.status_code == 200
    assert response["Content-Type"] == "audio/mpeg"
    assert response["Content-Disposition"] == 'attachment; filename="Aqua - Barbie Girl.mp3"'
    tags = ID3(io.BytesIO(response.content))
    assert str(tags["TIT2"]) == "Barbie Girl"
    assert remaining(shopper.user) == [2]


def test_no_downloads_left_is_a_2002(client, shopper, shop):
    """At zero remaining downloads the link answers 2002 with 403."""
    url = download_urls(payload(deliver(client, shopper, shop.single)))[0]
    LockerTrack.objects.update(remaining_downloads=0)
    response = client.get(local(url))
    assert error_of(response) == (403, 2002, "No downloads remaining")


def test_an_altered_link_is_refused(client, shopper, shop):
    """Changing any signed parameter breaks the signature (403, plain text)."""
    url = download_urls(payload(deliver(client, shopper, shop.album)))[0]
    query = dict(parse_qsl(urlsplit(url).query))
    query["trackid"] = str(shop.album.tracks.last().pk)
    response = client.get(f"/media/user/downloadtrack?{urlencode(query)}")
    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/plain")
    assert remaining(shopper.user) == [3, 3, 3]


def test_an_expired_link_is_refused(client, shopper, shop, monkeypatch):
    """A link is good for an hour."""
    url = download_urls(payload(deliver(client, shopper, shop.single)))[0]
    later = clock.now() + delivery.LINK_LIFETIME + 1
    monkeypatch.setattr(clock, "now", lambda: later)
    response = client.get(local(url))
    assert (response.status_code, response.content) == (403, b"Download link has expired")


def test_a_link_for_a_track_not_owned_is_a_2002(client, shopper, shop):
    """A correctly signed link for music the user does not own gives no music."""
    track = shop.single.tracks.get()
    query = delivery.signed_query(
        delivery.TRACK, user_id=shopper.user.pk, release_id=shop.single.pk, track_id=track.pk
    )
    response = client.get(f"/media/user/downloadtrack?{query}")
    assert error_of(response)[:2] == (403, 2002)


def test_a_format_not_bought_is_refused(client, shopper, shop):
    """A standard buyer asking for FLAC (premium) gets 2002, and nothing is counted."""
    deliver(client, shopper, shop.single)
    track = shop.single.tracks.get()
    query = delivery.signed_query(
        delivery.TRACK,
        user_id=shopper.user.pk,
        release_id=shop.single.pk,
        track_id=track.pk,
        format_id=45,
    )
    assert error_of(client.get(f"/media/user/downloadtrack?{query}"))[:2] == (403, 2002)
    assert remaining(shopper.user) == [3]


def test_ranges_are_served_and_a_resume_is_not_counted(client, shopper, shop):
    """bytes=0-99 is a 206 that counts; a resume from byte 100 is a 206 that does not."""
    url = local(download_urls(payload(deliver(client, shopper, shop.single)))[0])
    head = client.get(url, headers={"Range": "bytes=0-99"})
    assert head.status_code == 206
    assert len(head.content) == 100
    rest = client.get(url, headers={"Range": "bytes=100-"})
    assert rest.status_code == 206
    size = int(rest["Content-Range"].rsplit("/", 1)[1])
    assert rest["Content-Range"] == f"bytes 100-{size - 1}/{size}"
    assert remaining(shopper.user) == [2]
    assert client.get(url, headers={"Range": f"bytes={size}-"}).status_code == 416


def test_a_client_may_sign_the_link_with_oauth_once(client, shopper, shop):
    """An OAuth-presigned download URL (consumer + token in the query) works once."""
    deliver(client, shopper, shop.single)
    track = shop.single.tracks.get()
    params = {"trackid": track.pk, "releaseid": shop.single.pk, "formatid": 17}
    args = ("GET", "/media/user/downloadtrack", shopper.consumer)
    options = {
        "params": params,
        "token": shopper.token,
        "signature_type": SIGNATURE_TYPE_QUERY,
        "timestamp": int(clock.now()),
        "nonce": "fixednonce1",
    }
    response = signed(client, *args, **options)
    assert response.status_code == 200
    again = signed(client, *args, **options)  # the very same URL
    assert again.status_code == 401
    assert remaining(shopper.user) == [2]


def test_release_zip_holds_every_owned_track(client, shopper, shop):
    """The release download is a zip of the owned tracks; each counts a download."""
    payload(deliver(client, shopper, shop.album))
    query = delivery.signed_query(
        delivery.RELEASE, user_id=shopper.user.pk, release_id=shop.album.pk
    )
    response = client.get(f"/media/user/download/release?{query}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert names == [
        "Keane - Perfect Symmetry/01 Spiralling.mp3",
        "Keane - Perfect Symmetry/02 The Lovers Are Losing.mp3",
        "Keane - Perfect Symmetry/03 Better Than This.mp3",
        "Keane - Perfect Symmetry/cover.jpg",
    ]
    assert remaining(shopper.user) == [2, 2, 2]


def test_release_zip_is_all_or_nothing(client, shopper, shop):
    """If one track has no downloads left, the zip is refused and nothing is counted."""
    payload(deliver(client, shopper, shop.album))
    LockerTrack.objects.filter(track=shop.album.tracks.first()).update(remaining_downloads=0)
    query = delivery.signed_query(
        delivery.RELEASE, user_id=shopper.user.pk, release_id=shop.album.pk
    )
    response = client.get(f"/media/user/download/release?{query}")
    assert error_of(response) == (403, 2002, "No downloads remaining")
    assert remaining(shopper.user) == [0, 3, 3]


def test_locker_stream_plays_without_counting(client, shopper, shop):
    """The locker stream serves the MP3 inline to its owner and counts nothing."""
    deliver(client, shopper, shop.single)
    track = shop.single.tracks.get()
    query = delivery.signed_query(delivery.STREAM, user_id=shopper.user.pk, track_id=track.pk)
    response = client.get(f"/media/stream/locker?{query}")
    assert response.status_code == 200
    assert response["Content-Type"] == "audio/mpeg"
    assert "Content-Disposition" not in response
    assert remaining(shopper.user) == [3]


def test_a_download_link_does_not_open_the_stream(client, shopper, shop):
    """Links are signed for one route: a download signature is no stream signature."""
    url = download_urls(payload(deliver(client, shopper, shop.single)))[0]
    response = client.get(f"/media/stream/locker?{urlsplit(url).query}")
    assert response.status_code == 403
