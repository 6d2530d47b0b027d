"""Small, explicit catalogue rows for unit tests of the sandbox's catalogue API.

Every helper makes exactly the rows it says; names and titles are folded with
`sandbox.search.fold` like the generator does. Prices: standard tiers 1 (track) and
10 (album), their lossless tiers 101 and 110.
"""

from datetime import date
from decimal import Decimal
from itertools import count

from lxml import etree

from sandbox.models import (
    Artist,
    ArtistSimilarity,
    Country,
    Label,
    Licensor,
    PriceTier,
    Release,
    ReleaseRecommendation,
    Sale,
    Tag,
    Track,
)
from sandbox.search import fold
from tests.reference import RECORDINGS

_numbers = count(1)

GB_TIERS = {
    1: ("0.99", "0.99"),
    10: ("7.99", "9.99"),
    101: ("1.49", "1.49"),
    110: ("11.99", "11.99"),
}
FR_TIERS = {
    1: ("1.29", "1.29"),
    10: ("9.99", "9.99"),
    101: ("1.99", "1.99"),
    110: ("14.99", "14.99"),
}


def make_country(code: str = "GB", **fields) -> Country:
    """A territory priced like the UK shop (GBP) unless told otherwise."""
    defaults = {
        "GB": {"shop_id": 34, "name": "United Kingdom", "local_name": "United Kingdom"},
        "FR": {
            "shop_id": 25,
            "name": "France",
            "local_name": "France",
            "currency_code": "EUR",
            "currency_symbol": "€",
            "price_format": "{amount} {symbol}",
            "decimal_separator": ",",
            "languages": "fr",
        },
    }.get(code, {"shop_id": 900 + next(_numbers), "name": code, "local_name": code})
    values = {"currency_code": "GBP", "currency_symbol": "£", "languages": "en", **defaults}
    values.update(fields)
    tiers = values.pop("tiers", FR_TIERS if values["currency_code"] == "EUR" else GB_TIERS)
    country = Country.objects.create(code=code, **values)
    PriceTier.objects.bulk_create(
        PriceTier(country=country, tier=tier, price=Decimal(price), rrp=Decimal(rrp))
        for tier, (price, rrp) in tiers.items()
    )
    return country


def make_tag(tag_id: str, text: str | None = None, **fields) -> Tag:
    return Tag.objects.create(id=tag_id, text=text or tag_id.replace("-", " "), **fields)


def make_artist(name: str, *, popularity: float = 0.5, tags=(), **fields) -> Artist:
    number = next(_numbers)
    fields.setdefault("slug", f"{fold(name).replace(' ', '-') or 'artist'}-{number}")
    fields.setdefault("sort_name", name)
    artist = Artist.objects.create(
        name=name, search_name=fold(name), popularity=popularity, **fields
    )
    artist.tags.set(tags)
    return artist


def make_release(artist: Artist, title: str, *, tags=(), **fields) -> Release:
    number = next(_numbers)
    label = fields.pop("label", None) or Label.objects.create(name=f"Label {number}")
    licensor = fields.pop("licensor", None) or Licensor.objects.create(name="Licensor")
    values = {
        "barcode": f"{number:013d}",
        "slug": f"{fold(title).replace(' ', '-') or 'release'}",
        "release_date": date(2020, 1, 1),
        "added_date": "2020-01-01T00:00:00Z",
        "popularity": 0.5,
        "duration": 600,
        "track_count": 2,
    }
    values.update(fields)
    release = Release.objects.create(
        artist=artist,
        label=label,
        licensor=licensor,
        title=title,
        search_title=fold(title),
        **values,
    )
    release.tags.set(tags)
    return release


def make_track(release: Release, title: str, number: int = 1, **fields) -> Track:
    values = {
        "artist": release.artist,
        "track_number": number,
        "duration": 200,
        "isrc": f"GBAAA{next(_numbers):07d}",
        "popularity": 0.5,
    }
    values.update(fields)
    return Track.objects.create(release=release, title=title, search_title=fold(title), **values)


def sell(item: Release | Track, country: Country, day: date, quantity: int = 1) -> Sale:
    """A sale of a release (a whole album) or of a track, on day."""
    if isinstance(item, Track):
        return Sale.objects.create(
            release=item.release, track=item, country=country, sold_on=day, quantity=quantity
        )
    return Sale.objects.create(release=item, country=country, sold_on=day, quantity=quantity)


def make_similar(artist: Artist, similar: Artist, score: float) -> ArtistSimilarity:
    return ArtistSimilarity.objects.create(artist=artist, similar=similar, score=score)


def make_recommendation(release: Release, recommended: Release, score: float):
    return ReleaseRecommendation.objects.create(
        release=release, recommended=recommended, score=score
    )


# --- Calling the API in-process, reading answers, comparing with recordings -------------


def get(client, path: str, consumer, *, as_json: bool = False, **params):
    """GET /1.2/<path> with the consumer's key in the query (key-level auth)."""
    headers = {"HTTP_ACCEPT": "application/json"} if as_json else {}
    query = {"oauth_consumer_key": consumer.key, **params}
    return client.get(f"/1.2/{path}", query, **headers)


def payload(response) -> etree._Element:
    """The payload element of an ok XML answer."""
    assert response.status_code == 200, response.content
    root = etree.fromstring(response.content)
    assert root.get("status") == "ok", response.content
    return root[0]


def error_of(response) -> tuple[int, int, str]:
    """(HTTP status, 7digital code, message) of an error answer."""
    root = etree.fromstring(response.content)
    assert root.get("status") == "error", response.content
    error = root.find("error")
    return response.status_code, int(error.get("code")), error.findtext("errorMessage")


def children(element) -> list[str]:
    return [child.tag for child in element if isinstance(child.tag, str)]


def recorded_orders(patterns: str | tuple[str, ...], xpath: str) -> list[list[str]]:
    """The child-tag sequences of the elements at xpath in the recordings matching patterns."""
    if isinstance(patterns, str):
        patterns = (patterns,)
    orders = []
    for path in sorted(p for pattern in patterns for p in RECORDINGS.glob(pattern)):
        try:
            tree = etree.parse(str(path))
        except etree.XMLSyntaxError:  # a few recordings are deliberately broken
            continue
        orders.extend(children(found) for found in tree.xpath(xpath))
    assert orders, f"no {xpath} in {patterns}"
    return orders


def _runs(tags: list[str]) -> list[str]:
    """tags with repeats collapsed: a list's items count once."""
    return [tag for index, tag in enumerate(tags) if index == 0 or tags[index - 1] != tag]


def assert_shape_recorded(element, patterns: str | tuple[str, ...], xpath: str) -> None:
    """element's children are recorded ones, in orders the recordings show.

    patterns: globs under the recordings folder, e.g. "release/details/*.xml".
    Every child tag must appear in a recording of that element, and for every two
    of our tags, some recording has both in our order. (Recordings of one endpoint
    differ in which optional children they have and, for a few, where.)
    """
    ours = _runs(children(element))
    orders = [_runs(order) for order in recorded_orders(patterns, xpath)]
    known = {tag for order in orders for tag in order}
    assert set(ours) <= known, f"not in any recording: {set(ours) - known}"
    for index, first in enumerate(ours):
        for second in ours[index + 1 :]:
            assert any(
                first in order and second in order and order.index(first) < order.index(second)
                for order in orders
            ), f"no recording has {first} before {second}: {ours}"
