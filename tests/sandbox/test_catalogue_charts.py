"""release/chart, track/chart, artist/chart: ranked from sales, with changes, cached."""

from datetime import date, timedelta

import pytest
from django.core.cache import cache

from tests.sandbox.factories import (
    assert_shape_recorded,
    error_of,
    get,
    make_artist,
    make_country,
    make_release,
    make_track,
    payload,
    sell,
)
from tests.sandbox.oauth_support import make_consumer

pytestmark = [pytest.mark.django_db, pytest.mark.urls("sandbox.urls")]

LAST_DAY = date(2024, 3, 10)
PREVIOUS_WEEK = LAST_DAY - timedelta(days=7)


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


@pytest.fixture
def gb():
    make_country("FR")
    return make_country("GB")


@pytest.fixture
def consumer(gb):
    return make_consumer()


@pytest.fixture
def albums(gb):
    """This week A sells 5, B 3, C 2, D 1; last week B 9, A 4, E 2, D 1 (C none)."""
    artist = make_artist("Keane")
    a, b, c, d, e = (make_release(artist, title) for title in "ABCDE")
    for album, units in ((a, 5), (b, 3), (c, 2), (d, 1)):
        sell(album, gb, LAST_DAY, units)
    for album, units in ((b, 9), (a, 4), (e, 2), (d, 1)):
        sell(album, gb, PREVIOUS_WEEK, units)
    return a, b, c, d


def _items(chart):
    return [
        (item.findtext("position"), item.findtext("change"), item[2].findtext("title"))
        for item in chart.iterfind("chartItem")
    ]


def test_release_chart_ranks_the_week_and_compares_with_the_week_before(client, consumer, albums):
    """The default chart is the week up to the last day with sales; change vs last week."""
    chart = payload(get(client, "release/chart", consumer))
    assert chart.findtext("type") == "album"
    assert chart.findtext("fromDate") == "2024-03-04T00:00:00Z"
    assert chart.findtext("toDate") == "2024-03-10T00:00:00Z"
    assert _items(chart) == [
        ("1", "Up", "A"),
        ("2", "Down", "B"),
        ("3", "New", "C"),
        ("4", "Same", "D"),
    ]


def test_chart_shape_follows_the_recording(client, consumer, albums):
    chart = payload(get(client, "release/chart", consumer))
    assert_shape_recorded(chart, "release/chart/*.xml", "/response/chart")
    assert_shape_recorded(chart.find("chartItem"), "release/chart/*.xml", "//chartItem")


def test_chart_paging(client, consumer, albums):
    """totalItems counts the whole chart; a page shows its slice with true positions."""
    chart = payload(get(client, "release/chart", consumer, pageSize=2, page=2))
    assert chart.findtext("totalItems") == "4"
    assert [p for p, _, _ in _items(chart)] == ["3", "4"]


def test_day_period_and_explicit_to_date(client, consumer, albums):
    """period=day&toDate=yyyyMMdd charts that single day."""
    chart = payload(
        get(
            client, "release/chart", consumer, period="day", toDate=PREVIOUS_WEEK.strftime("%Y%m%d")
        )
    )
    assert chart.findtext("fromDate") == chart.findtext("toDate") == "2024-03-03T00:00:00Z"
    assert [title for _, _, title in _items(chart)] == ["B", "A", "E", "D"]


def test_month_period_covers_thirty_days(client, consumer, albums):
    chart = payload(get(client, "release/chart", consumer, period="MONTH"))
    assert chart.findtext("fromDate") == "2024-02-10T00:00:00Z"
    # Ties (C, D and E sold 2 each) go by id.
    assert [title for _, _, title in _items(chart)] == ["B", "A", "C", "D", "E"]


def test_unknown_period_is_1002(client, consumer, albums):
    assert error_of(get(client, "release/chart", consumer, period="year"))[:2] == (400, 1002)


def test_chart_is_per_territory_and_skips_what_it_does_not_sell(client, consumer, gb, albums):
    """Sales elsewhere do not count; releases not sold in the territory are left out."""
    france = make_country("DE")
    artist = make_artist("Rammstein")
    sell(make_release(artist, "Elsewhere"), france, LAST_DAY, 50)
    sell(make_release(artist, "Banned", unavailable_in="GB"), gb, LAST_DAY, 50)
    chart = payload(get(client, "release/chart", consumer))
    assert [title for _, _, title in _items(chart)] == ["A", "B", "C", "D"]


def test_track_chart_counts_track_sales(client, consumer, gb):
    release = make_release(make_artist("Keane"), "Hopes and Fears")
    hit, other = make_track(release, "Hit", 1), make_track(release, "Other", 2)
    sell(hit, gb, LAST_DAY, 4)
    sell(other, gb, LAST_DAY, 2)
    sell(release, gb, LAST_DAY, 10)  # an album sale is not a track sale
    chart = payload(get(client, "track/chart", consumer))
    assert chart.findtext("type") == "track"
    assert [item.findtext("track/title") for item in chart.iterfind("chartItem")] == [
        "Hit",
        "Other",
    ]
    # The track chart recording is older; release/tracks shows the current track.
    recordings = ("track/chart/*.xml", "release/tracks/*.xml")
    assert_shape_recorded(chart.find("chartItem/track"), recordings, "//track")


def test_artist_chart_adds_up_every_sale_of_the_artist(client, consumer, gb):
    keane, muse = make_artist("Keane"), make_artist("Muse")
    keane_album = make_release(keane, "Hopes and Fears")
    sell(keane_album, gb, LAST_DAY, 2)
    sell(make_track(keane_album, "Bedshaped"), gb, LAST_DAY, 2)
    sell(make_release(muse, "Drones"), gb, LAST_DAY, 3)
    chart = payload(get(client, "artist/chart", consumer))
    assert [item.findtext("artist/name") for item in chart.iterfind("chartItem")] == [
        "Keane",
        "Muse",
    ]
    assert_shape_recorded(
        chart.find("chartItem/artist"), "artist/chart/*.xml", "//chartItem/artist"
    )


def test_charts_are_cached(client, consumer, gb, albums):
    """A computed chart is served from the cache: new sales show once it expires."""
    first = _items(payload(get(client, "release/chart", consumer)))
    sell(albums[3], gb, LAST_DAY, 100)
    assert _items(payload(get(client, "release/chart", consumer))) == first
    cache.clear()
    assert _items(payload(get(client, "release/chart", consumer)))[0][2] == "D"
