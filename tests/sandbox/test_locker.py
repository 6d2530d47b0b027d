"""user/locker: the recorded shape, paging, sorting and filters."""

import json
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from sandbox.commerce import purchases
from sandbox.models import Country, Purchase, Release
from tests.sandbox.factories import (
    assert_shape_recorded,
    error_of,
    make_artist,
    make_release,
    make_track,
    payload,
)
from tests.sandbox.shopper import Shopper, call, make_shop, make_shopper

pytestmark = [pytest.mark.django_db, pytest.mark.urls("sandbox.urls")]

RECORDED = "user/locker/**/*.xml"


@pytest.fixture
def shop():
    return make_shop()


@pytest.fixture
def shopper(shop):
    return make_shopper()


def own(shopper: Shopper, release: Release, *, days_ago: int = 0, track=None) -> Purchase:
    """Deliver release (or one track of it) to the shopper, bought days_ago."""
    gb = Country.objects.get(code="GB")
    line = purchases.item_line(
        country=gb,
        release_id=release.pk,
        track_id=track.pk if track else None,
    )
    purchase = purchases.purchase_item(
        user=shopper.user,
        consumer=shopper.consumer,
        country=gb,
        line=line,
        method=Purchase.Method.PARTNER,
    )
    Purchase.objects.filter(pk=purchase.pk).update(
        purchased_at=timezone.now() - timedelta(days=days_ago)
    )
    return purchase


def locker(client, shopper, **params):
    return payload(call(client, "GET", "user/locker", shopper, **params))


def titles(locker_element) -> list[str]:
    return locker_element.xpath("lockerReleases/lockerRelease/release/title/text()")


def test_locker_has_the_recorded_shape(client, shopper, shop):
    """locker -> lockerReleases -> lockerRelease -> release, lockerTracks, available."""
    own(shopper, shop.album)
    answer = locker(client, shopper)
    assert answer.tag == "locker"
    assert_shape_recorded(answer.find("lockerReleases"), RECORDED, "//lockerReleases")
    assert_shape_recorded(answer.find(".//lockerRelease"), RECORDED, "//lockerRelease")
    assert_shape_recorded(
        answer.find(".//lockerRelease/release"), RECORDED, "//lockerRelease/release"
    )
    assert_shape_recorded(answer.find(".//lockerTrack"), RECORDED, "//lockerTrack")
    assert_shape_recorded(answer.find(".//lockerTrack/track"), RECORDED, "//lockerTrack/track")


def test_locker_tracks_carry_purchase_and_download_details(client, shopper, shop):
    """Each locker track names its purchase, date, downloads left and one URL per format
    of the standard package: MP3 320 and AAC 320."""
    purchase = own(shopper, shop.album)
    track = locker(client, shopper).find(".//lockerTrack")
    assert track.findtext("purchaseId") == str(purchase.pk)
    assert track.findtext("remainingDownloads") == "3"
    assert track.findtext("completeAlbumPurchase") == "true"
    formats = track.findall("downloadUrls/downloadUrl/format")
    assert [(f.get("id"), f.findtext("description")) for f in formats] == [
        ("17", "MP3 320"),
        ("33", "AAC 320"),
    ]
    url = urlsplit(track.findtext("downloadUrls/downloadUrl/url"))
    assert url.path == "/media/user/downloadtrack"
    assert {"signature", "expires", "trackid", "releaseid", "formatid"} <= set(parse_qs(url.query))


def test_an_empty_locker(client, shopper):
    """No purchases: the paging block with totalItems 0 and no releases."""
    answer = locker(client, shopper)
    assert answer.findtext("lockerReleases/totalItems") == "0"
    assert answer.find(".//lockerRelease") is None


def test_locker_pages_by_release(client, shopper, shop):
    """Paging counts releases, not tracks."""
    own(shopper, shop.album)
    own(shopper, shop.single)
    first = locker(client, shopper, pageSize=1)
    assert first.findtext("lockerReleases/totalItems") == "2"
    assert len(first.findall(".//lockerRelease")) == 1
    second = locker(client, shopper, pageSize=1, page=2)
    assert titles(first) != titles(second)


def test_page_size_is_at_most_fifty(client, shopper):
    """pageSize 51 is out of range (1003); the default is 10."""
    assert error_of(call(client, "GET", "user/locker", shopper, pageSize=51))[1] == 1003
    assert locker(client, shopper).findtext("lockerReleases/pageSize") == "10"


def test_default_sort_is_newest_purchase_first(client, shopper, shop):
    """Without `sort`, the most recently bought release comes first."""
    own(shopper, shop.album, days_ago=5)
    own(shopper, shop.single, days_ago=1)
    assert titles(locker(client, shopper)) == ["Barbie Girl", "Perfect Symmetry"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("purchaseDate asc", ["Perfect Symmetry", "Barbie Girl", "Zebra"]),
        ("artistName asc", ["Barbie Girl", "Perfect Symmetry", "Zebra"]),
        ("ARTISTNAME DESC", ["Zebra", "Perfect Symmetry", "Barbie Girl"]),
        ("releaseTitle asc", ["Barbie Girl", "Perfect Symmetry", "Zebra"]),
        ("releasetitle desc", ["Zebra", "Perfect Symmetry", "Barbie Girl"]),
    ],
)
def test_locker_sorts_case_insensitively(client, shopper, shop, sort, expected):
    """sort is "<column> <order>" in any case."""
    zebra = make_release(make_artist("Zz Top"), "Zebra", price_tier=1)
    make_track(zebra, "Stripes", 1)
    own(shopper, shop.album, days_ago=9)
    own(shopper, shop.single, days_ago=5)
    own(shopper, zebra, days_ago=1)
    assert titles(locker(client, shopper, sort=sort)) == expected


@pytest.mark.parametrize("sort", ["price asc", "purchaseDate sideways", "a b c"])
def test_an_unknown_sort_is_a_1002(client, shopper, sort):
    """Columns and orders other than the documented ones are invalid."""
    assert error_of(call(client, "GET", "user/locker", shopper, sort=sort))[1] == 1002


def test_filters_by_release_and_track(client, shopper, shop):
    """releaseId keeps that release; trackId keeps only that track; no match is empty."""
    own(shopper, shop.album)
    own(shopper, shop.single)
    assert titles(locker(client, shopper, releaseId=shop.album.pk)) == ["Perfect Symmetry"]
    second = shop.album.tracks.all()[1]
    tracks = locker(client, shopper, trackId=second.pk).findall(".//lockerTrack")
    assert [t.find("track").get("id") for t in tracks] == [str(second.pk)]
    assert titles(locker(client, shopper, releaseId=999999)) == []


def test_filters_by_purchase(client, shopper, shop):
    """purchaseId keeps what that purchase delivered; another user's purchase is 2001."""
    own(shopper, shop.album)
    single = own(shopper, shop.single)
    assert titles(locker(client, shopper, purchaseId=single.pk)) == ["Barbie Girl"]
    stranger = make_shopper("stranger@example.com", consumer=shopper.consumer)
    theirs = own(stranger, shop.album)
    assert error_of(call(client, "GET", "user/locker", shopper, purchaseId=theirs.pk))[1] == 2001


def test_available_says_whether_the_release_is_still_sold_there(client, shopper, shop):
    """`available` is false in a territory where the release is not sold."""
    own(shopper, shop.album)
    assert locker(client, shopper).findtext(".//available") == "true"
    assert locker(client, shopper, country="FR").findtext(".//available") == "false"


def test_locker_in_json_makes_lists_of_repeats(client, shopper, shop):
    """JSON mirrors the recordings: several releases are an array, one track an object."""
    own(shopper, shop.album)
    own(shopper, shop.single)
    response = call(client, "GET", "user/locker", shopper, as_json=True)
    releases = json.loads(response.content)["locker"]["lockerReleases"]
    assert releases["totalItems"] == "2"
    assert isinstance(releases["lockerRelease"], list)
    single = next(r for r in releases["lockerRelease"] if r["release"]["title"] == "Barbie Girl")
    links = single["lockerTracks"]["lockerTrack"]["downloadUrls"]["downloadUrl"]
    assert [link["format"]["id"] for link in links] == ["17", "33"]
