"""The shop's template filters: prices, durations, art sizes, links, paging."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.urls import clear_script_prefix, set_script_prefix

from catalogue.templatetags import store
from catalogue.terms import Terms
from sevendigital import (
    Artist,
    Download,
    Format,
    Money,
    Package,
    PackagePrice,
    Page,
    Price,
    Release,
    Tag,
    Track,
)
from tests.catalogue import page_fakes as fakes


@pytest.mark.parametrize(
    ("amount", "currency", "shown"),
    [
        ("0.99", "GBP", "£0.99"),
        ("9.99", "USD", "$9.99"),
        ("1.29", "EUR", "€1.29"),
        ("250", "JPY", "¥250"),
        ("1.5", "CHF", "CHF\xa01.50"),  # a no-break space between letters and digits
        ("12.99", "AUD", "A$12.99"),
        ("1299.00", "GBP", "£1,299.00"),
        ("-2.50", "GBP", "-£2.50"),
    ],
)
def test_money_shows_symbol_and_decimals(amount, currency, shown):
    """Each currency with its symbol (or code) and its number of decimals."""
    assert store.money(Money(Decimal(amount), currency)) == shown


def test_money_zero_is_free():
    """A price of nothing reads as "Free"."""
    assert store.money(Money(Decimal("0.00"), "GBP")) == "Free"


def test_money_reads_legacy_and_package_prices():
    """The legacy price block and a package's price give the same format."""
    money = Money(Decimal("7.99"), "GBP")
    legacy = Price(currency="GBP", currency_symbol="£", value=money, formatted_price="£7.99")
    package = PackagePrice(currency="GBP", sevendigital_price=money, recommended_retail_price=None)
    assert store.money(legacy) == store.money(package) == "£7.99"


def test_money_without_a_price_is_blank():
    """No price (not sold here, or unknown) renders nothing."""
    unsold = Price(currency="GBP", currency_symbol="£", value=None, formatted_price="N/A")
    assert store.money(unsold) == ""
    assert store.money(None) == ""


@pytest.mark.parametrize(
    ("seconds", "shown"), [(0, "0:00"), (7, "0:07"), (197, "3:17"), (3725, "1:02:05"), (None, "")]
)
def test_duration_is_minutes_and_seconds(seconds, shown):
    """m:ss, with hours only for long albums; unknown is blank."""
    assert store.duration(seconds) == shown


def test_art_swaps_the_size_suffix():
    """`_50.jpg` becomes the asked size."""
    assert store.art("http://x/art/300_50.jpg", 350) == "http://x/art/300_350.jpg"


def test_art_rounds_up_to_a_rendered_size():
    """Sizes the art server lacks become the next one it has (artist 150 -> 180)."""
    assert store.art("http://x/artist/10_150.jpg", 150) == "http://x/artist/10_180.jpg"
    assert store.art("http://x/a_50.jpg", 5000) == "http://x/a_800.jpg"


def test_art_without_an_image_is_blank():
    """No image URL stays blank rather than becoming a broken URL."""
    assert store.art(None, 350) == ""


def test_art_srcset_offers_double_density():
    """The srcset pairs the size with twice it, for HiDPI screens."""
    assert (
        store.art_srcset("http://x/a_50.jpg", 200) == "http://x/a_200.jpg 1x, http://x/a_500.jpg 2x"
    )


def test_detail_url_uses_the_slug_when_there_is_one():
    """Releases, artists and tracks link to their pages, slug optional."""
    assert store.detail_url(Release(id=3, title="Moon", slug="moon")) == "/release/3/moon/"
    assert store.detail_url(Artist(id=4, name="Ghost")) == "/artist/4/"
    assert store.detail_url(Track(id=5, title="Song", slug="song")) == "/track/5/song/"
    assert store.detail_url(None) == ""


def test_detail_url_follows_the_script_prefix():
    """Links are kept per script prefix: a shop served below /shop/ links below it."""
    release = Release(id=3, title="Moon", slug="moon")
    assert store.detail_url(release) == "/release/3/moon/"
    set_script_prefix("/shop/")
    try:
        assert store.detail_url(release) == "/shop/release/3/moon/"
    finally:
        clear_script_prefix()
    assert store.detail_url(release) == "/release/3/moon/"


def test_price_of_prefers_the_standard_package():
    """A current-shape item costs its standard package; a legacy one its price block."""
    assert store.price_of(fakes.release()) == Money(Decimal("7.99"), "GBP")
    money = Money(Decimal("0.79"), "USD")
    legacy = Track(
        id=1,
        title="x",
        price=Price(currency="USD", currency_symbol="$", value=money, formatted_price="$0.79"),
    )
    assert store.price_of(legacy) == money
    assert store.price_of(Track(id=2, title="y", download=Download(release_date=None))) is None


def test_url_known_tells_routed_names():
    """Optional features render only when their URL exists."""
    assert store.url_known("release-detail") is True
    assert store.url_known("no-such-page") is False


def test_paging_stops_at_the_last_page():
    """Previous/next links and the page count of a list."""
    first = store.paging(Page(items=(), page=1, page_size=20, total_items=45))
    last = store.paging(Page(items=(), page=3, page_size=20, total_items=45))
    assert (first.count, first.previous, first.next) == (3, None, 2)
    assert (last.previous, last.next) == (2, None)


def test_paging_never_links_past_the_deepest_page():
    """Huge lists offer no page the views would refuse to fetch."""
    deep = store.paging(Page(items=(), page=50, page_size=10, total_items=100_000))
    assert deep.count == 50
    assert deep.next is None


def test_disc_count_and_helpers():
    """Discs of a tracklist; tag lists without one tag; slugs as words."""
    tracks = [Track(id=1, title="a", disc_number=1), Track(id=2, title="b", disc_number=2)]
    assert store.disc_count(tracks) == 2
    assert store.disc_count([Track(id=3, title="c")]) == 1
    assert store.without(["rock", "pop"], "rock") == ["pop"]
    assert store.unslug("staff-picks") == "staff picks"


def test_filters_load_in_templates():
    """`{% load store %}` exposes the filters to templates."""
    template = Template("{% load store %}{{ price|money }} {{ secs|duration }} {{ url|art:500 }}")
    context = Context({"price": Money(Decimal("1"), "EUR"), "secs": 61, "url": "h/a_50.jpg"})
    assert template.render(context) == "€1.00 1:01 h/a_500.jpg"


def test_term_renders_catalogue_words_in_the_shoppers_language():
    terms = Terms(
        "fr",
        {
            "tag_electronic": "Électronique",
            "package_9": "Premium (FLAC)",
            "format_17": "MP3 320 kbit/s",
            "releasetype_single": "Single",
            "chart_week": "Top de la semaine",
        },
    )
    template = Template(
        "{% load store %}{{ tag|term:terms }}|{{ 'electronic'|term:terms }}|"
        "{{ package|term:terms }}|{{ format|term:terms }}|{{ type|term:terms }}|"
        "{{ 'chart_week'|term:terms }}|{{ other|term:terms }}|{{ none|term:terms }}"
    )
    context = Context(
        {
            "terms": terms,
            "tag": Tag(id="electronic", text="electronic"),
            "package": Package(id=9, description="premium", price=None),
            "format": Format(id=17, description="MP3 320"),
            "type": "Single",
            "other": Tag(id="bebop", text="bebop"),
            "none": None,
        }
    )
    assert template.render(context) == (
        "Électronique|Électronique|Premium (FLAC)|MP3 320 kbit/s|Single|Top de la semaine|bebop|"
    )


def test_term_without_terms_is_the_apis_text():
    """A view that has no terms (the API failed before any copy) passes None."""
    template = Template("{% load store %}{{ tag|term:terms }}|{{ package|term:terms }}")
    context = Context(
        {
            "terms": None,
            "tag": Tag(id="electronic", text="electronic"),
            "package": Package(id=9, description="premium", price=None),
        }
    )
    assert template.render(context) == "electronic|premium"
