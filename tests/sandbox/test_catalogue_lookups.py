"""tag, editorial/list, catalogue/*-byurl, */match/byId and the details batches."""

import pytest

from sandbox.models import EditorialList, EditorialListItem
from sandbox.queries.matching import ARTIST, RELEASE, id_of_mbid, mbid_of
from tests.sandbox.factories import (
    assert_shape_recorded,
    children,
    error_of,
    get,
    make_artist,
    make_country,
    make_release,
    make_tag,
    make_track,
    payload,
)
from tests.sandbox.oauth_support import make_consumer, signed

pytestmark = [pytest.mark.django_db, pytest.mark.urls("sandbox.urls")]


@pytest.fixture
def gb():
    make_country("FR")
    return make_country("GB")


@pytest.fixture
def consumer(gb):
    return make_consumer()


@pytest.fixture
def keane():
    return make_artist("Keane", slug="keane")


def test_tag_lists_tags_most_used_first_with_counts(client, consumer):
    make_tag("jazz", count=5)
    make_tag("rock", count=50)
    make_tag("indie-rock", "indie rock", count=20)
    tags = payload(get(client, "tag", consumer, pageSize=2))
    assert tags.findtext("totalItems") == "3"
    assert [(t.get("id"), t.findtext("count")) for t in tags.findall("tag")] == [
        ("rock", "50"),
        ("indie-rock", "20"),
    ]
    assert_shape_recorded(tags.find("tag"), "tag/*.xml", "//tag")


def test_editorial_list_of_the_shop(client, consumer, gb, keane):
    """editorial/list: `list @id` -> `key`, `listItems/listItem[]` in position order."""
    first, second = make_release(keane, "First"), make_release(keane, "Second")
    banned = make_release(keane, "Not in GB", unavailable_in="GB")
    home = EditorialList.objects.create(key="home1", country=gb)
    for position, release in ((2, first), (1, second), (3, banned)):
        EditorialListItem.objects.create(editorial_list=home, release=release, position=position)
    found = payload(get(client, "editorial/list", consumer, key="home1"))
    assert (found.get("id"), found.findtext("key")) == (str(home.pk), "home1")
    items = found.findall("listItems/listItem")
    assert [i.findtext("release/title") for i in items] == ["Second", "First"]
    assert children(items[0]) == ["type", "release"]
    assert items[0].findtext("type") == "release"
    assert_shape_recorded(found, "merchandising/list/details/*/*.xml", "/response/list")


def test_editorial_list_is_per_shop(client, consumer, gb):
    EditorialList.objects.create(key="home1", country=gb)
    status, code, _ = error_of(get(client, "editorial/list", consumer, key="home1", country="FR"))
    assert (status, code) == (404, 2001)


def test_editorial_list_needs_a_key(client, consumer):
    assert error_of(get(client, "editorial/list", consumer))[:2] == (400, 1001)


def test_artist_by_url_reads_the_slug_from_a_web_url(client, consumer, keane):
    """catalogue/artist-byurl: `artist @id @key`, `name`, `sortname`, `url`, `image`."""
    url = "https://uk.7digital.com/artist/Keane/?partner=1"
    artist = payload(get(client, "catalogue/artist-byurl", consumer, url=url))
    assert (artist.get("id"), artist.get("key")) == (str(keane.pk), "keane")
    assert children(artist) == ["name", "sortname", "url", "image"]
    assert artist.findtext("url") == "http://www.7digital.com/artist/keane/"


def test_artist_by_slug_and_not_found(client, consumer, keane):
    found = payload(get(client, "catalogue/artist-byurl", consumer, artistSlug="keane"))
    assert found.get("id") == str(keane.pk)
    response = get(client, "catalogue/artist-byurl", consumer, artistSlug="mumbojumbo")
    assert error_of(response) == (404, 2001, "Artist not found")


def test_release_by_url_round_trips_the_release_url(client, consumer, keane):
    """The `url` a release-byurl answer carries finds that same release again."""
    release = make_release(keane, "Perfect Symmetry", slug="perfect-symmetry-1")
    url = "http://www.7digital.com/artist/keane/release/perfect-symmetry-1/"
    found = payload(get(client, "catalogue/release-byurl", consumer, url=url))
    assert found.get("id") == str(release.pk)
    assert children(found) == ["title", "type", "artist", "url"]
    assert found.findtext("url") == url
    again = payload(get(client, "catalogue/release-byurl", consumer, url=found.findtext("url")))
    assert again.get("id") == str(release.pk)


def test_release_by_slugs_of_another_artist_is_not_found(client, consumer, keane):
    """As recorded (catalogue/artist/keane/notkeane.xml): "Release not found"."""
    make_release(make_artist("Muse", slug="muse"), "Drones", slug="drones")
    response = get(
        client, "catalogue/release-byurl", consumer, artistSlug="keane", releaseSlug="drones"
    )
    assert error_of(response) == (404, 2001, "Release not found")


def test_by_url_without_url_or_slug_is_1001(client, consumer):
    assert error_of(get(client, "catalogue/release-byurl", consumer))[:2] == (400, 1001)


def test_mbids_are_fixed_and_reversible():
    assert mbid_of(ARTIST, 1) == "7d000001-0000-4000-8000-000000000001"
    assert id_of_mbid(RELEASE, mbid_of(RELEASE, 4256606)) == 4256606
    assert id_of_mbid(ARTIST, mbid_of(RELEASE, 5)) is None


def test_match_by_seven_digital_ids_is_two_legged(client, consumer, keane):
    """release/match/byId answers a signed request, one `releases` per id asked."""
    release = make_release(keane, "Hopes and Fears")
    query = {"sevenDigitalIds": f"{release.pk},987654"}
    matches = payload(signed(client, "GET", "/1.2/release/match/byId", consumer, params=query))
    found, missing = matches.findall("releases")
    assert found.get("sevenDigitalId") == str(release.pk)
    assert found.findtext("release/mbId") == mbid_of(RELEASE, release.pk)
    assert missing.find("matchError").get("code") == "2001"


def test_match_by_mbids(client, consumer, keane):
    query = {"mbIds": mbid_of(ARTIST, keane.pk)}
    matches = payload(signed(client, "GET", "/1.2/artist/match/byId", consumer, params=query))
    assert matches.findtext("artists/artist/sevenDigitalId") == str(keane.pk)
    assert matches.find("artists").get("mbId") == mbid_of(ARTIST, keane.pk)


def test_match_unsigned_is_an_oauth_error(client, consumer):
    response = get(client, "track/match/byId", consumer, sevenDigitalIds="1")
    assert response.status_code == 401
    assert response.content.startswith(b"OAuth authentication error")


def test_release_batch_in_asked_order_with_errors_on_request(client, consumer, keane):
    """release/details/batch: known ids in order; errors listed when showErrors=true."""
    first, second = make_release(keane, "First"), make_release(keane, "Second")
    ids = f"{second.pk},424242,{first.pk},abc"
    quiet = payload(get(client, "release/details/batch", consumer, releaseIds=ids))
    loud = payload(
        get(client, "release/details/batch", consumer, releaseIds=ids, showErrors="true")
    )
    assert [r.findtext("title") for r in quiet.iterfind("releases/release")] == ["Second", "First"]
    assert quiet.find("errors") is None
    errors = [(e.get("itemId"), e.get("code")) for e in loud.iterfind("errors/error")]
    assert errors == [("424242", "2001"), ("abc", "1002")]


def test_track_batch_marks_tracks_not_sold_there(client, consumer, keane):
    track = make_track(make_release(keane, "UK only", unavailable_in="FR"), "Song")
    batch = payload(
        get(client, "track/details/batch", consumer, trackIds=track.pk, country="FR", showErrors=1)
    )
    assert batch.find("tracks/track") is None
    assert batch.find("errors/error").get("code") == "2002"
