"""The catalogue generator: deterministic, sized, realistic, derived from sales."""

import ipaddress
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, Max, Min, Sum

from sandbox.generator import clear_catalogue
from sandbox.generator.codes import gtin_check_digit, is_valid_gtin, is_valid_isrc
from sandbox.generator.plan import plan_catalogue
from sandbox.generator.territories import TERRITORIES, ip_ranges, tier_prices
from sandbox.generator.text import SlugAllocator, sort_name
from sandbox.generator.tracks import make_tracks
from sandbox.generator.translations import BUNDLES, FULL_LANGUAGES, catalogue_keys
from sandbox.models import (
    Artist,
    ArtistSimilarity,
    Basket,
    BasketItem,
    Consumer,
    Country,
    EditorialList,
    Release,
    Sale,
    SearchWord,
    Tag,
    Track,
    Translation,
)

TODAY = date(2025, 6, 15)


def _is_japanese(text: str) -> bool:
    """Whether text has kana or kanji."""
    return any("\u3040" <= char <= "\u30ff" or "\u4e00" <= char <= "\u9fff" for char in text)


def generate(*args: str) -> None:
    call_command("generate_catalogue", "--today", TODAY.isoformat(), *args)


def snapshot() -> dict:
    return {
        "artists": list(Artist.objects.order_by("id").values_list("id", "name", "slug")),
        "releases": list(Release.objects.order_by("id").values_list("id", "title", "barcode")),
        "tracks": list(Track.objects.order_by("id").values_list("id", "title", "isrc")),
    }


# --- Pure helpers ----------------------------------------------------------------------


def test_gtin_check_digit_matches_published_examples():
    """The GS1 check digit agrees with well-known UPC-A and EAN-13 codes."""
    assert gtin_check_digit("03600029145") == "2"  # UPC-A 036000291452
    assert gtin_check_digit("400638133393") == "1"  # EAN-13 4006381333931
    assert not is_valid_gtin("036000291453")


def test_sort_name_moves_the_article_to_the_end():
    """ "The Charlatans" is filed as "Charlatans, The"; other names are unchanged."""
    assert sort_name("The Charlatans") == "Charlatans, The"
    assert sort_name("Theatre of Hate") == "Theatre of Hate"


def test_slugs_stay_unique_within_a_scope():
    """A repeated title gets -2, -3... and accents are folded away."""
    slugs = SlugAllocator()
    assert [slugs.allocate(t) for t in ("Björk", "Bjork", "Björk")] == [
        "bjork",
        "bjork-2",
        "bjork-3",
    ]


def test_recorded_ip_addresses_resolve_to_their_recorded_countries():
    """The IPs of the country/resolve recordings fall in their territory's ranges."""
    expected = {"62.64.31.123": "GB", "84.45.95.241": "GB", "62.129.31.254": "FR",
                "50.125.24.25": "US"}  # fmt: skip
    networks = {
        t.code: [ipaddress.ip_network(cidr) for cidr in ip_ranges(t).split(",")]
        for t in TERRITORIES
    }
    for ip, code in expected.items():
        owners = [
            c for c, nets in networks.items() if any(ipaddress.ip_address(ip) in n for n in nets)
        ]
        assert owners == [code], ip


def test_yen_prices_are_whole_and_sale_prices_are_below_their_rrp():
    """JPY has no minor unit; every tier's price is at most its recommended price."""
    assert all(price == price.to_integral() for price, _ in tier_prices("JPY").values())
    for territory in TERRITORIES:
        assert all(price <= rrp for price, rrp in tier_prices(territory.currency).values())


def test_track_numbers_restart_on_each_disc():
    """A multi-disc album numbers each disc's tracks from 1."""
    plan = plan_catalogue(seed=3, tracks=5_000, today=TODAY)
    release = next(r for r in plan.releases if len(r.shape.discs) > 1)
    tracks = make_tracks(plan.seed, release)
    for disc, count in enumerate(release.shape.discs, start=1):
        numbers = [t.track_number for t in tracks if t.disc_number == disc]
        assert numbers == list(range(1, count + 1))


# --- The command -----------------------------------------------------------------------


@pytest.mark.django_db
def test_same_seed_gives_the_same_catalogue():
    """Regenerating with the same seed reproduces names, ids, barcodes and ISRCs."""
    generate("--tracks", "300", "--seed", "11", "--quiet")
    first = snapshot()
    generate("--tracks", "300", "--seed", "11", "--quiet", "--replace")
    assert snapshot() == first


@pytest.mark.django_db
def test_a_different_seed_gives_a_different_catalogue():
    generate("--tracks", "300", "--seed", "11", "--quiet")
    first = snapshot()
    generate("--tracks", "300", "--seed", "12", "--quiet", "--replace")
    second = snapshot()
    assert first["artists"] != second["artists"]
    assert first["releases"] != second["releases"]


@pytest.mark.django_db
def test_progress_bar_goes_to_stderr_unless_quiet(capsys):
    generate("--tracks", "200")
    shown = capsys.readouterr()
    assert "Planning" in shown.err and "Writing" in shown.err and "100%" in shown.err
    generate("--tracks", "200", "--replace", "--quiet")
    hidden = capsys.readouterr()
    assert hidden.err == "" and hidden.out == ""


@pytest.mark.django_db
def test_if_empty_leaves_an_existing_catalogue_alone():
    generate("--tracks", "200", "--seed", "5", "--quiet")
    before = snapshot()
    generate("--size", "tiny", "--seed", "6", "--if-empty", "--quiet")
    assert snapshot() == before


@pytest.mark.django_db
def test_refuses_to_overwrite_a_catalogue_without_replace():
    generate("--tracks", "200", "--quiet")
    with pytest.raises(CommandError, match="--replace"):
        generate("--tracks", "200", "--quiet")


@pytest.mark.django_db
def test_replace_also_removes_baskets_that_point_into_the_old_catalogue():
    """Rows of other areas that refer to the catalogue (PROTECTed) do not block --replace."""
    generate("--tracks", "200", "--quiet")
    consumer = Consumer.objects.create(key="7dtestkey001", secret="s")
    basket = Basket.objects.create(consumer=consumer, country_id="GB")
    release = Release.objects.first()
    BasketItem.objects.create(basket=basket, release=release, price=Decimal(1), rrp=Decimal(1))
    generate("--tracks", "200", "--quiet", "--replace")
    assert not Basket.objects.exists() and Consumer.objects.exists()
    assert Track.objects.count() == 200


# --- A tiny catalogue, generated once for the checks below ------------------------------


@pytest.fixture(scope="class")
def tiny(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        generate("--size", "tiny", "--seed", "7", "--quiet")
        yield
        clear_catalogue()
        SearchWord.objects.all().delete()


@pytest.mark.django_db
@pytest.mark.usefixtures("tiny")
class TestTinyCatalogue:
    def test_has_the_documented_size(self):
        """tiny: exactly 1,000 tracks, roughly 40 artists and 120 releases."""
        assert Track.objects.count() == 1_000
        assert 20 <= Artist.objects.count() <= 70
        assert 70 <= Release.objects.count() <= 180

    def test_every_release_has_tracks_and_tags(self):
        releases = Release.objects.annotate(n=Count("tracks", distinct=True),
                                            t=Count("tags", distinct=True))  # fmt: skip
        for release in releases:
            assert release.n == release.track_count > 0
            assert 1 <= release.t <= 4

    def test_japan_has_japanese_acts_with_japanese_titles_on_sale_there(self):
        """Some acts are Japanese: names and titles in kana and kanji, romanised slugs,
        every release sold in Japan."""
        acts = [a for a in Artist.objects.all() if _is_japanese(a.name)]
        assert len(acts) >= 2
        releases = Release.objects.filter(artist__in=acts)
        titled = [r for r in releases if _is_japanese(r.title)]
        assert titled and all(r.is_available_in("JP") for r in releases)
        assert all(a.slug.isascii() and a.slug != "untitled" for a in acts)
        assert all(r.slug.isascii() and not r.slug.startswith("untitled") for r in titled)
        tracks = Track.objects.filter(release__in=titled).values_list("title", flat=True)
        assert all(_is_japanese(title) for title in tracks)

    def test_release_durations_add_up_their_tracks(self):
        totals = dict(Track.objects.values_list("release").annotate(Sum("duration")))
        assert all(r.duration == totals[r.id] for r in Release.objects.all())

    def test_barcodes_are_valid_upc_or_ean(self):
        for barcode in Release.objects.values_list("barcode", flat=True):
            assert len(barcode) in (12, 13) and is_valid_gtin(barcode), barcode

    def test_isrcs_are_well_formed(self):
        assert all(is_valid_isrc(code) for code in Track.objects.values_list("isrc", flat=True))

    def test_the_best_selling_release_is_the_most_popular(self):
        units = Sale.objects.values("release").annotate(q=Sum("quantity")).order_by("-q")
        best = units[0]["release"]
        assert Release.objects.order_by("-popularity").first().id == best
        assert Release.objects.get(id=best).popularity == 1.0

    def test_sales_run_for_twelve_weeks_up_to_today(self):
        span = Sale.objects.aggregate(first=Min("sold_on"), last=Max("sold_on"))
        assert span == {"first": TODAY - timedelta(days=83), "last": TODAY}

    def test_similar_artists_share_a_tag(self):
        links = ArtistSimilarity.objects.select_related("artist", "similar")
        assert links.exists()
        for link in links:
            mine = set(link.artist.tags.values_list("id", flat=True))
            theirs = set(link.similar.tags.values_list("id", flat=True))
            assert mine & theirs and link.artist_id != link.similar_id

    def test_artist_and_release_tags_agree(self):
        """A release's genre tags are its artist's (era tags like "90s" aside)."""
        for release in Release.objects.prefetch_related("tags", "artist__tags"):
            artist_tags = {t.id for t in release.artist.tags.all()}
            genres = {t.id for t in release.tags.all() if not t.id[0].isdigit()}
            assert genres <= artist_tags

    def test_territories_include_the_uk_shop(self):
        gb = Country.objects.get(code="GB")
        assert (gb.shop_id, gb.currency_code, gb.currency_symbol) == (34, "GBP", "£")
        assert Counter(Country.objects.values_list("currency_decimals", flat=True))[0] == 1

    def test_every_shop_has_its_editorial_lists(self):
        """home, new-releases and staff-picks: 6-12 releases, all sold in that shop."""
        for country in Country.objects.all():
            lists = EditorialList.objects.filter(country=country).prefetch_related("items")
            assert {x.key for x in lists} == {"home", "new-releases", "staff-picks"}
            for editorial in lists:
                items = list(editorial.items.select_related("release"))
                assert 6 <= len(items) <= 12, (country.code, editorial.key)
                assert all(item.release.is_available_in(country.code) for item in items)

    def test_translations_name_the_formats(self):
        english = Translation.objects.filter(language="en")
        assert english.get(key="format_17").text == "320kbps MP3"
        german = Translation.objects.filter(language="de")
        assert german.get(key="price_free").text == "Kostenlos"

    def test_every_full_bundle_names_everything_the_catalogue_shows(self):
        """en, de, fr and ja have a word for every tag of the catalogue, every format and
        package it sells in and every chart period, and nothing else is missing."""
        used = {f"tag_{tag_id}" for tag_id in Tag.objects.values_list("id", flat=True)}
        assert used <= catalogue_keys()
        for language in FULL_LANGUAGES:
            bundle = dict(Translation.objects.filter(language=language).values_list("key", "text"))
            assert catalogue_keys() <= bundle.keys(), language
            assert bundle.keys() == BUNDLES["en"].keys(), language
            assert all(text.strip() for text in bundle.values()), language
