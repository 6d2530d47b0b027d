"""Every catalogue operation, through the `sevendigital` client, over HTTP, against a
live sandbox process, in XML and in JSON; and the errors a real client meets."""

import time
from decimal import Decimal

import pytest
import requests
from oauthlib.oauth1 import Client as OAuthSigner

import sevendigital as sd

pytestmark = [pytest.mark.live_sandbox, pytest.mark.smoke]


@pytest.fixture(scope="module", params=["xml", "json"])
def client(request, sandbox_server) -> sd.Client:
    return sd.Client(
        base_url=sandbox_server.api_url,
        consumer_key=sandbox_server.consumer_key,
        consumer_secret=sandbox_server.consumer_secret,
        format=request.param,
        retries=0,
    )


@pytest.fixture(scope="module")
def known(sandbox_server):
    """Ids of real catalogue items, found through the API itself."""
    api = sd.Client(
        base_url=sandbox_server.api_url,
        consumer_key=sandbox_server.consumer_key,
        consumer_secret=sandbox_server.consumer_secret,
    )
    release = api.get_release_chart(period="month", country="GB").items[0].release
    tracks = api.get_release_tracks(release_id=release.id)
    tag = api.get_release_tags(release_id=release.id).items[0]
    return {"release": release, "track": tracks.items[0], "artist": release.artist, "tag": tag}


def test_release_details_match_the_chart_entry(client, known):
    """release/details returns the release the chart named, priced in pounds in GB."""
    release = client.get_release_details(release_id=known["release"].id, country="GB")
    assert release.id == known["release"].id
    assert release.title == known["release"].title
    package = release.packages[0]
    assert package.id == 2
    assert package.price.sevendigital_price.currency == "GBP"
    assert package.price.sevendigital_price.amount > Decimal("0")
    assert any(f.id == 17 for f in package.formats)


def test_prices_follow_the_territory(client, known):
    """The same release costs dollars in the US and yen in Japan."""
    us = client.get_release_details(release_id=known["release"].id, country="US")
    jp = client.get_release_details(release_id=known["release"].id, country="JP")
    assert us.packages[0].price.sevendigital_price.currency == "USD"
    assert jp.packages[0].price.sevendigital_price.currency == "JPY"


def test_release_tracks_editorial_tags_and_recommendations(client, known):
    """The release sub-resources answer with the release's own tracks and tags."""
    release_id = known["release"].id
    tracks = client.get_release_tracks(release_id=release_id)
    assert tracks.total_items == len(tracks.items) > 0
    assert all(t.release is None or t.release.id == release_id for t in tracks.items)
    assert client.get_release_tags(release_id=release_id).items
    client.get_release_editorial(release_id=release_id)
    recommendations = client.get_release_recommendations(release_id=release_id)
    assert all(r.release.id != release_id for r in recommendations.items)


def test_track_details(client, known):
    track = client.get_track_details(track_id=known["track"].id)
    assert track.id == known["track"].id
    assert track.title == known["track"].title
    assert track.duration > 0
    assert len(track.isrc) == 12


def test_artist_operations(client, known):
    """Artist details, releases, top tracks, similar artists and tags all answer."""
    artist_id = known["artist"].id
    artist = client.get_artist_details(artist_id=artist_id)
    assert artist.name == known["artist"].name
    releases = client.get_artist_releases(artist_id=artist_id)
    assert known["release"].id in {r.id for r in releases.items} or releases.has_next
    assert client.get_artist_top_tracks(artist_id=artist_id).items
    assert all(a.id != artist_id for a in client.get_similar_artists(artist_id=artist_id).items)
    assert client.get_artist_tags(artist_id=artist_id).items
    letter = artist.name[0].lower()
    browse = client.browse_artists(letter=letter)
    assert all(a.name.lower().startswith(letter) for a in browse.items)


@pytest.mark.parametrize("kind", ["release", "track", "artist"])
def test_charts(client, kind):
    """Charts are ranked 1..n with a change marker."""
    chart = getattr(client, f"get_{kind}_chart")(period="week", country="GB", page_size=5)
    assert [item.position for item in chart.items] == list(range(1, len(chart.items) + 1))
    assert all(item.change in {"Up", "Down", "Same", "New"} for item in chart.items)
    assert all(item.item is not None for item in chart.items)


def test_search_finds_a_release_by_its_title(client, known):
    results = client.search_releases(q=known["release"].title, page_size=5)
    assert results.total_items >= 1
    assert known["release"].id in {r.release.id for r in results.items}


def test_search_tracks_and_artists(client, known):
    assert known["track"].id in {
        r.track.id for r in client.search_tracks(q=known["track"].title, page_size=20).items
    }
    assert known["artist"].id in {
        r.artist.id for r in client.search_artists(q=known["artist"].name, page_size=10).items
    }


def test_tags_and_tagged_results(client, known):
    tag = known["tag"].id
    assert client.get_all_tags(page_size=50).total_items > 0
    assert client.get_new_releases_by_tags(tags=tag).items
    assert client.get_top_releases_by_tags(tags=tag).items
    assert client.get_top_artists_by_tags(tags=tag).items


def test_territories_translations_and_ip_resolution(client):
    codes = {c.code for c in client.get_countries()}
    assert {"GB", "US", "DE", "JP"} <= codes
    assert client.get_translations(country="GB").items
    assert client.resolve_country_for_ip(ip_address="62.64.31.123").country_code == "GB"


def test_editorial_byurl_card_types_and_releases_by_date(client, known):
    client.get_editorial_list(key="home", country="GB")
    assert client.get_payment_card_types()
    artist = known["artist"]
    found = client.get_artist_id_by_url(url=f"https://www.7digital.com/artist/{artist.slug}")
    assert found.id == artist.id
    client.get_releases_by_date(from_date="19600101", to_date="20991231")


def test_match_by_id_is_two_legged(client, known):
    matches = client.match_release_by_id(seven_digital_ids=[known["release"].id])
    assert matches.items


# --- errors -------------------------------------------------------------------------------


def test_unknown_release_is_not_found(client):
    with pytest.raises(sd.NotFoundError) as caught:
        client.get_release_details(release_id=987654321)
    assert caught.value.code == 2001
    assert caught.value.status == 404


def test_invalid_and_missing_parameters(client):
    with pytest.raises(sd.InputError) as invalid:
        client.get_release_details(release_id="not-a-number")
    assert invalid.value.code == 1002
    with pytest.raises(sd.InputError) as missing:
        client.search_releases(q="")
    assert missing.value.code == 1001


def test_unknown_consumer_key_and_bad_secret_are_refused(sandbox_server):
    for key, secret in [("unknownkey12", "x"), (sandbox_server.consumer_key, "wrong-secret")]:
        api = sd.Client(base_url=sandbox_server.api_url, consumer_key=key, consumer_secret=secret)
        with pytest.raises(sd.AuthError):
            api.get_release_chart()


def _signed(sandbox_server, url: str, *, timestamp: str | None = None, nonce: str | None = None):
    signer = OAuthSigner(sandbox_server.consumer_key, client_secret=sandbox_server.consumer_secret)
    if timestamp:
        signer.timestamp = timestamp
    if nonce:
        signer.nonce = nonce
    return signer.sign(url)


def test_replayed_nonce_is_refused(sandbox_server):
    """The same signed request sent twice: the second is a replay."""
    url, headers, _ = _signed(sandbox_server, f"{sandbox_server.api_url}/tag")
    assert requests.get(url, headers=headers, timeout=5).status_code == 200
    replay = requests.get(url, headers=headers, timeout=5)
    assert replay.status_code == 401
    assert replay.text == "OAuth authentication error: Nonce already used"


def test_stale_timestamp_is_refused(sandbox_server):
    stale = str(int(time.time()) - 3 * 3600)
    url, headers, _ = _signed(sandbox_server, f"{sandbox_server.api_url}/tag", timestamp=stale)
    response = requests.get(url, headers=headers, timeout=5)
    assert response.status_code == 401
    assert response.text.startswith("OAuth authentication error: Timestamp")


def test_rate_limit_exceeded(sandbox_server):
    """A key past its daily limit gets 429 with the limit headers; the client raises."""
    sandbox_server.manage(
        "shell",
        "-c",
        "from sandbox.models import Consumer; Consumer.objects.update_or_create("
        "key='7dlimited001', defaults={'secret': 'limited-secret', 'rate_limit': 3})",
    )
    api = sd.Client(
        base_url=sandbox_server.api_url,
        consumer_key="7dlimited001",
        consumer_secret="limited-secret",
        retries=0,
    )
    for _ in range(3):
        api.get_all_tags()
    with pytest.raises(sd.RateLimitedError) as caught:
        api.get_all_tags()
    assert caught.value.status == 429
    assert caught.value.retry_after is not None and caught.value.retry_after > 0
