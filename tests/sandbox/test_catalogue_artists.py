"""Artist operations of the sandbox API, through the in-process dispatcher."""

import json
from datetime import date

import pytest
from django.test import RequestFactory

from sandbox.media.urls import artist_image_url
from tests.sandbox.factories import (
    assert_shape_recorded,
    error_of,
    get,
    make_artist,
    make_release,
    make_similar,
    make_tag,
    make_track,
    payload,
)

pytestmark = [pytest.mark.django_db, pytest.mark.urls("sandbox.urls")]


@pytest.fixture
def keane():
    return make_artist("Keane", popularity=0.8, bio="From Battle.")


def test_details_has_the_recorded_shape(client, consumer, keane):
    """artist/details: `name`, `sortName`, `slug`, `image`, `bio/text`."""
    artist = payload(get(client, "artist/details", consumer, artistId=keane.pk))
    assert_shape_recorded(artist, "artist/details/*.xml", "/response/artist")
    assert artist.findtext("bio/text") == "From Battle."
    assert artist.findtext("image") == artist_image_url(RequestFactory().get("/"), keane.pk, 150)


def test_details_in_json(client, consumer, keane):
    body = json.loads(
        get(client, "artist/details", consumer, as_json=True, artistid=keane.pk).content
    )
    assert body["artist"]["id"] == str(keane.pk)
    assert body["artist"]["bio"]["text"] == "From Battle."


def test_unknown_artist_is_2001(client, consumer):
    status, code, message = error_of(get(client, "artist/details", consumer, artistId=424242))
    assert (status, code, message) == (404, 2001, "Artist not found")


def test_missing_and_invalid_artist_ids(client, consumer):
    assert error_of(get(client, "artist/details", consumer))[:2] == (400, 1001)
    assert error_of(get(client, "artist/details", consumer, artistId="x1"))[:2] == (400, 1002)


def test_releases_newest_first_filtered_by_type(client, consumer, keane):
    """artist/releases: newest first; `type` (any case) keeps one release type."""
    make_release(keane, "Hopes and Fears", release_date=date(2004, 5, 10))
    make_release(keane, "Strangeland", release_date=date(2012, 5, 7))
    make_release(keane, "Silenced by the Night", type="Single", release_date=date(2012, 3, 1))
    everything = payload(get(client, "artist/releases", consumer, artistId=keane.pk))
    albums = payload(get(client, "artist/releases", consumer, artistId=keane.pk, type="album"))
    assert [r.findtext("title") for r in everything.findall("release")] == [
        "Strangeland",
        "Silenced by the Night",
        "Hopes and Fears",
    ]
    assert [r.findtext("title") for r in albums.findall("release")] == [
        "Strangeland",
        "Hopes and Fears",
    ]
    # One release element everywhere: its search recordings are the most complete.
    recordings = ("artist/releases/*.xml", "release/search/*.xml")
    assert_shape_recorded(everything.find("release"), recordings, "//release")


def test_releases_with_an_unknown_type_is_1002(client, consumer, keane):
    response = get(client, "artist/releases", consumer, artistId=keane.pk, type="ep")
    assert error_of(response)[:2] == (400, 1002)


def test_releases_of_an_unknown_artist_is_an_empty_list(client, consumer):
    """As recorded (artist/releases/notfound.xml): an empty list, not an error."""
    releases = payload(get(client, "artist/releases", consumer, artistId=424242))
    assert releases.findtext("totalItems") == "0"


def test_releases_leave_out_what_the_territory_does_not_sell(client, consumer, keane):
    make_release(keane, "Everywhere")
    make_release(keane, "Not in France", unavailable_in="FR,DE")
    releases = payload(get(client, "artist/releases", consumer, artistId=keane.pk, country="FR"))
    assert [r.findtext("title") for r in releases.findall("release")] == ["Everywhere"]


def test_similar_artists_most_similar_first(client, consumer, keane):
    """artist/similar: from ArtistSimilarity by score, in the recorded legacy shape."""
    coldplay, travis = make_artist("Coldplay"), make_artist("Travis")
    make_similar(keane, travis, 0.4)
    make_similar(keane, coldplay, 0.9)
    artists = payload(get(client, "artist/similar", consumer, artistId=keane.pk))
    assert [a.findtext("name") for a in artists.findall("artist")] == ["Coldplay", "Travis"]
    assert_shape_recorded(artists.find("artist"), "artist/similar/*.xml", "//artists/artist")


def test_top_tracks_by_popularity(client, consumer, keane):
    """artist/topTracks: the artist's tracks, most popular first, with popularity."""
    release = make_release(keane, "Hopes and Fears")
    make_track(release, "Bedshaped", 1, popularity=0.3)
    make_track(release, "Somewhere Only We Know", 2, popularity=0.9)
    tracks = payload(get(client, "artist/topTracks", consumer, artistId=keane.pk, pageSize=1))
    assert tracks.findtext("totalItems") == "2"
    (top,) = tracks.findall("track")
    assert top.findtext("title") == "Somewhere Only We Know"
    assert top.findtext("popularity") == "0.9"
    assert_shape_recorded(top, "artist/toptracks/*.xml", "//tracks/track")


def test_path_is_case_insensitive(client, consumer, keane):
    """artist/toptracks answers like artist/topTracks."""
    tracks = payload(get(client, "artist/toptracks", consumer, artistId=keane.pk))
    assert tracks.tag == "tracks"


def test_tags_of_an_artist(client, consumer):
    artist = make_artist("Opeth", tags=[make_tag("metal"), make_tag("progressive")])
    tags = payload(get(client, "artist/tags", consumer, artistId=artist.pk))
    assert sorted(t.get("id") for t in tags.findall("tag")) == ["metal", "progressive"]
    assert_shape_recorded(tags, "artist/tags/*.xml", "/response/tags")


def test_browse_by_letter_folds_accents_and_case(client, consumer, keane):
    """artist/browse?letter=b finds "Björk"; letters may be several ("Bj")."""
    make_artist("Björk")
    make_artist("Blur")
    by_b = payload(get(client, "artist/browse", consumer, letter="B"))
    by_bj = payload(get(client, "artist/browse", consumer, letter="bj"))
    assert [a.findtext("name") for a in by_b.findall("artist")] == ["Björk", "Blur"]
    assert [a.findtext("name") for a in by_bj.findall("artist")] == ["Björk"]


def test_browse_digits(client, consumer):
    make_artist("2Pac")
    make_artist("Abba")
    found = payload(get(client, "artist/browse", consumer, letter="#"))
    assert [a.findtext("name") for a in found.findall("artist")] == ["2Pac"]


def test_browse_needs_a_letter(client, consumer):
    assert error_of(get(client, "artist/browse", consumer))[:2] == (400, 1001)


def test_bytag_top_artists_have_every_tag(client, consumer):
    """artist/bytag/top: artists having all tags, most popular first."""
    rock, indie = make_tag("rock"), make_tag("indie")
    make_artist("Small", tags=[rock, indie], popularity=0.1)
    make_artist("Big", tags=[rock, indie], popularity=0.9)
    make_artist("Rock only", tags=[rock], popularity=1.0)
    tagged = payload(get(client, "artist/bytag/top", consumer, tags="rock,indie"))
    assert tagged.findtext("type") == "artist"
    assert [a.findtext("name") for a in tagged.iterfind("taggedItem/artist")] == ["Big", "Small"]
    assert_shape_recorded(tagged.find("taggedItem/artist"), "artist/bytag/top/*.xml", "//artist")
