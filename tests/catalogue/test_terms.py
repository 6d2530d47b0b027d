"""Terms: one language's catalogue words, with lookups that fall back to the API's text;
and catalogue_terms read from the real sandbox."""

import pickle

import pytest

from catalogue import selectors
from catalogue.terms import Terms, shop_language, tag_id
from sevendigital import Format, Package, Tag, Translation
from tests.catalogue.slot_support import live_store  # noqa: F401  # a fixture

GERMAN = Terms(
    "de",
    {
        "tag_electronic": "Elektronisch",
        "tag_r-and-b": "R&B",
        "tag_indie-rock": "Indie-Rock",
        "format_17": "MP3 (320 kbit/s)",
        "package_9": "Premium (FLAC)",
        "releasetype_album": "Album",
        "releasetype_exclusive": "Exklusiv",
        "chart_week": "Wochencharts",
    },
)


def test_a_tag_by_its_tag_its_id_or_its_text():
    assert GERMAN.tag(Tag(id="electronic", text="electronic")) == "Elektronisch"
    assert GERMAN.tag("indie-rock") == GERMAN.tag("Indie Rock") == "Indie-Rock"
    assert GERMAN.tag("r&b") == "R&B"


def test_a_missing_word_is_the_apis_text():
    assert GERMAN.tag(Tag(id="bebop", text="bebop")) == "bebop"
    assert GERMAN.tag("Some New Genre") == "Some New Genre"
    assert GERMAN.format(Format(id=99, description="WAV")) == "WAV"
    assert GERMAN.package(Package(id=2, description="standard", price=None)) == "standard"
    assert GERMAN.release_type("Single") == "Single"
    assert GERMAN.chart("month") == "This month"


def test_formats_and_packages_by_object_or_id():
    assert GERMAN.format(Format(id=17, description="MP3 320")) == "MP3 (320 kbit/s)"
    assert GERMAN.format(17) == GERMAN.format("17") == "MP3 (320 kbit/s)"
    assert GERMAN.format("MP3 320") == "MP3 320"  # a description alone has no key
    assert GERMAN.package(Package(id=9, description="premium", price=None)) == "Premium (FLAC)"
    assert GERMAN.package(9) == "Premium (FLAC)"


def test_release_types_and_charts():
    assert GERMAN.release_type("Exclusive") == "Exklusiv"
    assert GERMAN.chart("week") == "Wochencharts"


def test_terms_are_an_immutable_mapping_that_pickles():
    assert GERMAN["chart_week"] == "Wochencharts" and len(GERMAN) == 8
    with pytest.raises(TypeError):
        GERMAN["chart_week"] = "x"  # type: ignore[index]
    with pytest.raises(AttributeError):
        GERMAN.language = "fr"  # type: ignore[misc]
    copy = pickle.loads(pickle.dumps(GERMAN))  # our own object
    assert copy == GERMAN and copy.language == "de"


def test_empty_texts_count_as_missing():
    terms = Terms.of(
        "fr",
        [
            Translation(key="tag_jazz", translated_text=""),
            Translation(key="tag_pop", translated_text="Pop"),
        ],
    )
    assert dict(terms) == {"tag_pop": "Pop"}
    assert terms.tag(Tag(id="jazz", text="jazz")) == "jazz"


@pytest.mark.parametrize(
    ("code", "language"), [("de", "de"), ("de-AT", "de"), ("fr_FR", "fr"), ("JA", "ja")]
)
def test_shop_language(code, language):
    assert shop_language(code) == language


@pytest.mark.parametrize("code", ["es", "xx-XX", ""])
def test_another_language_is_a_clear_error(code):
    with pytest.raises(ValueError, match="not a shop language"):
        shop_language(code)


def test_tag_id_of_texts():
    assert [tag_id(t) for t in ("Drum and Bass", "r&b", "80s", "alt-country")] == [
        "drum-and-bass",
        "r-and-b",
        "80s",
        "alt-country",
    ]


@pytest.mark.live_sandbox
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "country", "electronic", "week", "premium"),
    [
        ("en", "GB", "Electronic", "This Week's Top Sellers", "Premium (FLAC)"),
        ("de", "GB", "Elektronisch", "Wochencharts", "Premium (FLAC)"),
        ("fr-FR", "FR", "Électronique", "Top de la semaine", "Premium (FLAC)"),
        ("ja", "JP", "エレクトロニック", "週間ランキング", "プレミアム (FLAC)"),
    ],
)
def test_catalogue_terms_from_the_sandbox(live_store, language, country, electronic, week, premium):  # noqa: F811
    """Every word the sandbox's catalogue shows, in the shopper's language."""
    got = selectors.catalogue_terms(language=language, country=country)
    terms = got.value
    assert got.stale is False and terms.language == language[:2]
    assert terms.tag(Tag(id="electronic", text="electronic")) == electronic
    assert terms.chart("week") == week
    assert terms.package(9) == premium
    assert terms.tag("80s") in {"80s", "80er", "Années 80", "80年代"}
    assert len(terms) > 70  # every tag, format, package, type and chart period
