"""Rows from the plan, table by table: (model, tuple) in the order of COLUMNS."""

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta

from sandbox import models as m

from . import texts
from .genres import all_tags
from .labels import LICENSORS
from .plan import RELEASE_ID_BASE, CataloguePlan, ReleasePlan, item_rng
from .releases import ALBUM, EXCLUSIVE
from .territories import TERRITORIES, ip_ranges, tier_prices
from .text import fold, sort_name
from .tracks import TrackSpec, lead_track_index, make_tracks
from .translations import translation_rows

ArtistTag = m.Artist.tags.through
ReleaseTag = m.Release.tags.through
# fmt: off
COLUMNS = {
    m.Country: ("code", "shop_id", "name", "local_name", "currency_code", "currency_symbol",
                "price_format", "decimal_separator", "currency_decimals", "languages",
                "ip_ranges"),
    m.PriceTier: ("id", "country_id", "tier", "price", "rrp"),
    m.Translation: ("id", "language", "key", "text"),
    m.Tag: ("id", "text", "parent_id", "count"),
    m.Licensor: ("id", "name"),
    m.Label: ("id", "name"),
    m.Artist: ("id", "name", "sort_name", "slug", "search_name", "bio", "popularity"),
    ArtistTag: ("id", "artist_id", "tag_id"),
    m.Release: ("id", "title", "version", "type", "barcode", "artist_id", "label_id",
                "licensor_id", "slug", "search_title", "release_date", "added_date",
                "explicit_content", "duration", "track_count", "price_tier", "has_lossless",
                "popularity", "unavailable_in", "cline", "pline", "review", "promotional_text"),
    ReleaseTag: ("id", "release_id", "tag_id"),
    m.Track: ("id", "title", "version", "release_id", "artist_id", "track_number",
              "disc_number", "duration", "isrc", "explicit_content", "search_title",
              "price_tier", "popularity"),
    m.Sale: ("id", "release_id", "track_id", "country_id", "sold_on", "quantity"),
    m.ArtistSimilarity: ("id", "artist_id", "similar_id", "score"),
    m.ReleaseRecommendation: ("id", "release_id", "recommended_id", "score"),
    m.EditorialList: ("id", "key", "country_id"),
    m.EditorialListItem: ("id", "editorial_list_id", "release_id", "position"),
}
# fmt: on
_DIGITAL_SHELF_OPENED = date(2006, 1, 1)  # when old records were first added to the shop


def reference_rows(tag_counts) -> Iterator:
    """Territories and their prices, the translation bundles, tags, licensors."""
    tier_id = 0
    for t in TERRITORIES:
        yield m.Country, (
            t.code, t.shop_id, t.name, t.local_name, t.currency, t.symbol, t.price_format,
            t.decimal_separator, t.currency_decimals, t.languages, ip_ranges(t),
        )  # fmt: skip
        for tier, (price, rrp) in sorted(tier_prices(t.currency).items()):
            tier_id += 1
            yield m.PriceTier, (tier_id, t.code, tier, price, rrp)
    for translation_id, row in enumerate(translation_rows(), start=1):
        yield m.Translation, (translation_id, *row)
    for tag_id, text, parent in all_tags():
        yield m.Tag, (tag_id, text, parent, tag_counts.get(tag_id, 0))
    for licensor_id, (name, _) in enumerate(LICENSORS, start=1):
        yield m.Licensor, (licensor_id, name)


def label_rows(plan: CataloguePlan) -> Iterator:
    for label in plan.labels:
        yield m.Label, (label.id, label.name)


def artist_rows(plan: CataloguePlan, popularity: dict[int, float]) -> Iterator:
    link_id = 0
    for artist in plan.artists:
        rng = item_rng(plan.seed, "artist", artist.id)
        bio = ""
        if rng.random() < 0.45:
            releases = [plan.releases[i - RELEASE_ID_BASE - 1] for i in artist.release_ids]
            first = min(releases, key=lambda r: (r.release_date, r.id)).title
            best = max(releases, key=lambda r: (r.appeal, -r.id)).title
            bio = texts.artist_bio(rng, artist, first, best)
        name = artist.name
        yield m.Artist, (
            artist.id, name, sort_name(name), artist.slug, fold(name), bio,
            popularity[artist.id],
        )  # fmt: skip
        for tag in artist.tags:
            link_id += 1
            yield ArtistTag, (link_id, artist.id, tag)


def release_rows(
    plan: CataloguePlan, release_popularity: dict[int, float], track_popularity: dict[int, float]
) -> Iterator:
    """Each release, its tag links and its tracks (made here, per release)."""
    link_id = 0
    for release in plan.releases:
        tracks = make_tracks(plan.seed, release)
        yield m.Release, _release(plan, release, tracks, release_popularity[release.id])
        for tag in release.tags:
            link_id += 1
            yield ReleaseTag, (link_id, release.id, tag)
        artist_id = release.artist.id
        for spec in tracks:
            yield m.Track, (
                spec.id, spec.title, spec.version, release.id, artist_id, spec.track_number,
                spec.disc_number, spec.duration, spec.isrc, spec.explicit, fold(spec.title),
                spec.price_tier, track_popularity[spec.id],
            )  # fmt: skip


def _release(plan: CataloguePlan, release: ReleasePlan, tracks: list[TrackSpec], popularity):
    rng = item_rng(plan.seed, "release", release.id)
    shape, year, label = release.shape, release.release_date.year, release.label
    lead = tracks[lead_track_index(release)].title
    upcoming = release.release_date > plan.today
    review = ""
    if shape.type in (ALBUM, EXCLUSIVE) and rng.random() < 0.25:
        review = texts.release_review(rng, release, lead)
    promo = ""
    if upcoming or (plan.today - release.release_date).days < 90 or rng.random() < 0.2:
        promo = texts.promotional_text(rng, release, lead, upcoming)
    notices = rng.random() < 0.85
    return (
        release.id, release.title, shape.version, shape.type, release.barcode,
        release.artist.id, label.id, label.licensor_id, release.slug, fold(release.title),
        release.release_date, _added(rng, release.release_date, plan.today), shape.explicit,
        sum(spec.duration for spec in tracks), len(tracks), shape.price_tier,
        shape.has_lossless, popularity, release.unavailable_in,
        label.notice(year, phonographic=False) if notices else "",
        label.notice(year, phonographic=True) if notices else "",
        review, promo,
    )  # fmt: skip


def _added(rng, release_date: date, today: date) -> datetime:
    """When the shop listed it: pre-orders weeks ahead, old records when shops opened."""
    if release_date > today:
        day = today - timedelta(days=rng.randint(1, 45))
    elif release_date < _DIGITAL_SHELF_OPENED:
        day = _DIGITAL_SHELF_OPENED + timedelta(days=rng.randint(0, 6 * 365))
    else:
        day = release_date - timedelta(days=rng.randint(0, 21))
    return datetime.combine(min(day, today), time(rng.randrange(24)), tzinfo=UTC)


def numbered(model, rows) -> Iterator:
    """Derived rows (sales, similarities, recommendations) with ids from 1."""
    for row_id, row in enumerate(rows, start=1):
        yield model, (row_id, *row)


def editorial_rows(lists: dict[tuple[str, str], list[int]]) -> Iterator:
    item_id = 0
    for list_id, ((key, country), release_ids) in enumerate(sorted(lists.items()), start=1):
        yield m.EditorialList, (list_id, key, country)
        for position, release_id in enumerate(release_ids, start=1):
            item_id += 1
            yield m.EditorialListItem, (item_id, list_id, release_id, position)
