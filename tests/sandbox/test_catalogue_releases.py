"""Release operations of the sandbox API, through the in-process dispatcher."""

import json
from datetime import date, timedelta

import pytest
from django.test import RequestFactory

from sandbox.media.urls import release_image_url
from sandbox.queries import catalogue as catalogue_queries
from tests.sandbox.factories import (
    assert_shape_recorded,
    children,
    error_of,
    get,
    make_artist,
    make_recommendation,
    make_release,
    make_tag,
    make_track,
    payload,
)

pytestmark = [pytest.mark.django_db, pytest.mark.urls("sandbox.urls")]


@pytest.fixture
def keane():
    return make_artist("Keane", popularity=0.8)


@pytest.fixture
def album(keane):
    return make_release(keane, "Perfect Symmetry", has_lossless=True, price_tier=10)


def test_details_has_the_recorded_element_order(client, consumer, album):
    """release/details lists its children in the order of the real recordings."""
    release = payload(get(client, "release/details", consumer, releaseId=album.pk))
    assert_shape_recorded(release, "release/details/*.xml", "/response/release")
    assert_shape_recorded(release.find("artist"), "release/details/*.xml", "//release/artist")
    assert_shape_recorded(release.find("download"), "release/details/*.xml", "//download")
    assert_shape_recorded(release.find(".//package"), "release/details/*.xml", "//package")


def test_details_in_json_carries_the_same_release(client, consumer, album):
    """Accept: application/json answers the same release as a JSON object."""
    response = get(client, "release/details", consumer, as_json=True, releaseId=album.pk)
    body = json.loads(response.content)
    assert body["status"] == "ok"
    assert body["release"]["id"] == str(album.pk)
    assert body["release"]["title"] == "Perfect Symmetry"
    packages = body["release"]["download"]["packages"]["package"]
    assert [p["id"] for p in packages] == ["2", "9"]


def test_parameters_are_case_insensitive(client, consumer, album):
    """releaseid works as well as releaseId."""
    release = payload(get(client, "release/details", consumer, releaseid=album.pk))
    assert release.get("id") == str(album.pk)


def test_missing_release_id_is_1001(client, consumer):
    """No releaseId is error 1001 with HTTP 400."""
    status, code, message = error_of(get(client, "release/details", consumer))
    assert (status, code) == (400, 1001)
    assert "releaseId" in message


def test_non_numeric_release_id_is_1002(client, consumer):
    """A releaseId that is not a number is error 1002."""
    status, code, _ = error_of(get(client, "release/details", consumer, releaseId="abc"))
    assert (status, code) == (400, 1002)


def test_unknown_release_is_2001_with_the_recorded_message(client, consumer):
    """An unknown id is 2001, HTTP 404, "No releases found with id: X"."""
    status, code, message = error_of(get(client, "release/details", consumer, releaseId=99999))
    assert (status, code, message) == (404, 2001, "No releases found with id: 99999")


def test_release_not_sold_in_the_territory_is_2002(client, consumer, keane):
    """A release unavailable in the requested country is 2002 there, fine elsewhere."""
    release = make_release(keane, "Hopes and Fears", unavailable_in="FR")
    status, code, _ = error_of(
        get(client, "release/details", consumer, releaseId=release.pk, country="FR")
    )
    assert (status, code) == (400, 2002)
    assert payload(get(client, "release/details", consumer, releaseId=release.pk)) is not None


def test_prices_are_in_the_territory_currency(client, consumer, album):
    """country=FR prices the release in euros from the FR price tiers."""
    release = payload(get(client, "release/details", consumer, releaseId=album.pk, country="FR"))
    standard, premium = release.findall("download/packages/package")
    assert standard.findtext("price/currencyCode") == "EUR"
    assert standard.findtext("price/sevendigitalPrice") == "9.99"
    assert premium.findtext("price/sevendigitalPrice") == "14.99"


def test_lossless_releases_add_the_premium_flac_package(client, consumer, album, keane):
    """Package 9 (FLAC 16-bit) only for lossless releases; package 2 has MP3 and AAC."""
    lossy = make_release(keane, "Under the Iron Sea", has_lossless=False)
    with_flac = payload(get(client, "release/details", consumer, releaseId=album.pk))
    without = payload(get(client, "release/details", consumer, releaseId=lossy.pk))
    assert [p.get("id") for p in with_flac.iterfind(".//package")] == ["2", "9"]
    assert [p.get("id") for p in without.iterfind(".//package")] == ["2"]
    assert [f.get("id") for f in without.iterfind(".//package/formats/format")] == ["17", "33"]
    assert with_flac.findtext(".//package[@id='9']/formats/format/description") == (
        "FLAC 16-bit 44.1kHz"
    )


def test_image_size_replaces_the_default_size(client, consumer, album):
    """imageSize=350 asks for the 350-pixel artwork instead of the 50-pixel default."""
    request = RequestFactory().get("/")
    default = payload(get(client, "release/details", consumer, releaseId=album.pk))
    sized = payload(get(client, "release/details", consumer, releaseId=album.pk, imageSize=350))
    assert default.findtext("image") == release_image_url(request, album.pk, 50)
    assert sized.findtext("image") == release_image_url(request, album.pk, 350)


def test_unsupported_image_size_is_1002(client, consumer, album):
    """imageSize outside the artwork sizes is 1002."""
    response = get(client, "release/details", consumer, releaseId=album.pk, imageSize=51)
    assert error_of(response)[:2] == (400, 1002)


def test_tracks_come_in_disc_order_with_the_recorded_shape(client, consumer, album):
    """release/tracks: all tracks by disc and number; legacy trackNumber adds 100 per disc."""
    make_track(album, "Bedshaped", 1, disc_number=2)
    make_track(album, "Spiralling", 1)
    tracks = payload(get(client, "release/tracks", consumer, releaseId=album.pk))
    assert [tracks.findtext(tag) for tag in ("page", "pageSize", "totalItems")] == ["1", "2", "2"]
    first, second = tracks.findall("track")
    assert (first.findtext("title"), second.findtext("title")) == ("Spiralling", "Bedshaped")
    assert second.findtext("trackNumber") == "201"
    assert second.findtext("number") == "1"
    assert_shape_recorded(first, "release/tracks/*.xml", "//tracks/track")
    assert_shape_recorded(first.find("release"), "release/tracks/*.xml", "//track/release")


def test_tracks_paging(client, consumer, album):
    """pageSize and page slice the track list; totalItems counts them all."""
    for number in range(1, 6):
        make_track(album, f"Track {number}", number)
    tracks = payload(
        get(client, "release/tracks", consumer, releaseId=album.pk, pageSize=2, page=3)
    )
    assert tracks.findtext("totalItems") == "5"
    assert [t.findtext("title") for t in tracks.findall("track")] == ["Track 5"]


def test_page_size_over_100_is_1003(client, consumer, album):
    response = get(client, "release/tracks", consumer, releaseId=album.pk, pageSize=101)
    assert error_of(response)[:2] == (400, 1003)


def test_tags_of_a_release(client, consumer, keane):
    """release/tags: paging then `tag @id` with `text` and `url`."""
    release = make_release(keane, "Strangeland", tags=[make_tag("rock"), make_tag("indie-rock")])
    tags = payload(get(client, "release/tags", consumer, releaseId=release.pk))
    assert tags.findtext("totalItems") == "2"
    assert sorted(t.get("id") for t in tags.findall("tag")) == ["indie-rock", "rock"]
    assert_shape_recorded(tags.find("tag"), "release/tags/*.xml", "//tag")


def test_editorial_has_review_and_promotional_text(client, consumer, keane):
    release = make_release(keane, "Night Train", review="A fine EP.", promotional_text="Out now")
    editorial = payload(get(client, "release/editorial", consumer, releaseId=release.pk))
    assert editorial.findtext("review/text") == "A fine EP."
    assert editorial.findtext("promotionalText/text") == "Out now"


def test_editorial_of_a_release_without_any_is_empty(client, consumer, album):
    editorial = payload(get(client, "release/editorial", consumer, releaseId=album.pk))
    assert editorial.tag == "editorial"
    assert children(editorial) == []


def test_recommendations_best_first_and_sold_in_the_territory(client, consumer, album, keane):
    """release/recommend orders by score and leaves out releases not sold there."""
    weak = make_release(keane, "Weak")
    strong = make_release(keane, "Strong")
    not_in_fr = make_release(keane, "Not in France", unavailable_in="FR")
    make_recommendation(album, weak, 0.2)
    make_recommendation(album, strong, 0.9)
    make_recommendation(album, not_in_fr, 0.5)
    gb = payload(get(client, "release/recommend", consumer, releaseId=album.pk))
    fr = payload(get(client, "release/recommend", consumer, releaseId=album.pk, country="FR"))
    titles = [r.findtext("title") for r in gb.iterfind("recommendedItem/release")]
    assert titles == ["Strong", "Not in France", "Weak"]
    assert fr.findtext("totalItems") == "2"
    # The recommend recordings are older; the search ones show the current release.
    recordings = ("release/recommend/*.xml", "release/search/*.xml")
    assert_shape_recorded(gb.find("recommendedItem/release"), recordings, "//release")


def test_by_date_lists_the_window_newest_first(client, consumer, keane):
    """release/byDate takes fromDate/toDate (yyyyMMdd) inclusive, newest first."""
    make_release(keane, "Before", release_date=date(2019, 12, 31))
    make_release(keane, "First", release_date=date(2020, 1, 1))
    make_release(keane, "Last", release_date=date(2020, 1, 31))
    releases = payload(
        get(client, "release/byDate", consumer, fromDate="20200101", toDate="20200131")
    )
    assert [r.findtext("title") for r in releases.findall("release")] == ["Last", "First"]


def test_by_date_rejects_a_malformed_date(client, consumer):
    response = get(client, "release/byDate", consumer, fromDate="2020-01-01")
    assert error_of(response)[:2] == (400, 1002)


def test_bytag_new_needs_every_tag_and_skips_future_releases(client, consumer, keane, monkeypatch):
    """release/bytag/new: releases with ALL tags, released already, newest first."""
    monkeypatch.setattr(catalogue_queries, "today", lambda: date(2024, 6, 1))
    rock, pop = make_tag("rock"), make_tag("pop")
    make_release(keane, "Old", tags=[rock, pop], release_date=date(2010, 1, 1))
    make_release(keane, "New", tags=[rock, pop], release_date=date(2024, 5, 1))
    make_release(keane, "Rock only", tags=[rock], release_date=date(2024, 5, 2))
    make_release(keane, "Pre-order", tags=[rock, pop], release_date=date(2024, 6, 2))
    tagged = payload(get(client, "release/bytag/new", consumer, tags="rock,pop"))
    assert tagged.findtext("type") == "release"
    assert [r.findtext("title") for r in tagged.iterfind("taggedItem/release")] == ["New", "Old"]
    assert_shape_recorded(tagged, "release/bytag/new/*.xml", "/response/taggedResults")


def test_bytag_top_orders_by_popularity(client, consumer, keane):
    rock = make_tag("rock")
    make_release(keane, "Niche", tags=[rock], popularity=0.1)
    make_release(keane, "Hit", tags=[rock], popularity=0.9)
    tagged = payload(get(client, "release/bytag/top", consumer, tags="ROCK"))
    assert [r.findtext("title") for r in tagged.iterfind("taggedItem/release")] == ["Hit", "Niche"]


def test_bytag_with_an_unknown_tag_is_2001(client, consumer):
    make_tag("rock")
    status, code, message = error_of(get(client, "release/bytag/top", consumer, tags="rock,zydeco"))
    assert (status, code) == (404, 2001)
    assert "zydeco" in message


def test_bytag_without_tags_is_1001(client, consumer):
    assert error_of(get(client, "release/bytag/new", consumer))[:2] == (400, 1001)


def test_by_date_defaults_to_the_last_week(client, consumer, keane, monkeypatch):
    """Without dates, release/byDate covers the week up to today."""
    monkeypatch.setattr(catalogue_queries, "today", lambda: date(2024, 6, 10))
    make_release(keane, "This week", release_date=date(2024, 6, 5))
    make_release(keane, "Last month", release_date=date(2024, 6, 10) - timedelta(days=30))
    releases = payload(get(client, "release/byDate", consumer))
    assert [r.findtext("title") for r in releases.findall("release")] == ["This week"]
