"""track/details and the track element, through the in-process dispatcher."""

import json

import pytest

from tests.sandbox.factories import (
    assert_shape_recorded,
    error_of,
    get,
    make_artist,
    make_release,
    make_track,
    payload,
)

pytestmark = [pytest.mark.django_db, pytest.mark.urls("sandbox.urls")]


@pytest.fixture
def song():
    release = make_release(make_artist("Keane"), "Hopes and Fears", pline="(P) 2004 Island")
    return make_track(release, "Somewhere Only We Know", 2, price_tier=1)


def test_details_has_the_recorded_shape(client, consumer, song):
    """track/details: the recorded children, legacy `price` and `formats` included."""
    track = payload(get(client, "track/details", consumer, trackId=song.pk))
    assert_shape_recorded(track, "track/details/*.xml", "/response/track")
    assert_shape_recorded(track.find("release"), "track/details/*.xml", "//track/release")
    assert_shape_recorded(track.find("price"), "track/details/*.xml", "//track/price")
    assert_shape_recorded(track.find("download"), "track/details/*.xml", "//track/download")
    assert track.findtext("pline") == "(P) 2004 Island"


def test_legacy_price_is_formatted_for_the_territory(client, consumer, song):
    """The legacy price writes the amount the territory's way ("1,29 €")."""
    uk = payload(get(client, "track/details", consumer, trackId=song.pk)).find("price")
    fr = payload(get(client, "track/details", consumer, trackId=song.pk, country="FR")).find(
        "price"
    )
    assert (uk.find("currency").get("code"), uk.findtext("currency")) == ("GBP", "£")
    assert uk.findtext("formattedPrice") == "£0.99"
    assert fr.findtext("value") == "1.29"
    assert fr.findtext("formattedPrice") == "1,29 €"
    assert uk.findtext("onSale") == "false"


def test_details_carry_no_preview_url(client, consumer, song):
    """The real API has no preview element in a track; the sandbox invents none."""
    track = payload(get(client, "track/details", consumer, trackId=song.pk))
    assert not [
        node
        for node in track.iter()
        if "preview" in str(node.tag).lower() and node.tag != "previewDate"
    ]


def test_details_in_json(client, consumer, song):
    body = json.loads(get(client, "track/details", consumer, as_json=True, trackid=song.pk).content)
    assert body["track"]["id"] == str(song.pk)
    assert body["track"]["release"]["title"] == "Hopes and Fears"
    assert body["track"]["download"]["packages"]["package"]["id"] == "2"


def test_unknown_track_is_2001(client, consumer):
    status, code, message = error_of(get(client, "track/details", consumer, trackId=777))
    assert (status, code, message) == (404, 2001, "No tracks found with id: 777")


def test_track_of_a_release_not_sold_there_is_2002(client, consumer):
    release = make_release(make_artist("Keane"), "Japan only", unavailable_in="GB")
    track = make_track(release, "Bonus")
    status, code, _ = error_of(get(client, "track/details", consumer, trackId=track.pk))
    assert (status, code) == (400, 2002)


def test_missing_track_id_is_1001(client, consumer):
    assert error_of(get(client, "track/details", consumer))[:2] == (400, 1001)
