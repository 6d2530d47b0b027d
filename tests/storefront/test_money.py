"""Money, numbers and dates in each of the shop's languages (storefront.money, Babel)."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from sevendigital import Money
from storefront import money
from storefront.money import format_local_date, format_money, format_number

NBSP, NNBSP = "\xa0", "\u202f"


@pytest.mark.parametrize(
    ("language", "amount", "currency", "shown"),
    [
        ("en", "7.99", "GBP", "£7.99"),
        ("en", "7.99", "USD", "$7.99"),
        ("en", "7.99", "EUR", "€7.99"),
        ("en", "1500", "JPY", "¥1,500"),
        ("en", "1299", "GBP", "£1,299.00"),
        ("en", "-2.5", "GBP", "-£2.50"),
        ("en", "1.5", "CHF", f"CHF{NBSP}1.50"),
        ("de", "7.99", "EUR", f"7,99{NBSP}€"),
        ("de", "1299", "EUR", f"1.299,00{NBSP}€"),
        ("de", "7.99", "GBP", f"7,99{NBSP}£"),
        ("de", "1500", "JPY", f"1.500{NBSP}¥"),
        ("fr", "7.99", "EUR", f"7,99{NBSP}€"),
        ("fr", "1299", "EUR", f"1{NNBSP}299,00{NBSP}€"),
        ("fr", "-1.29", "EUR", f"-1,29{NBSP}€"),
        ("ja", "1500", "JPY", "￥1,500"),  # CLDR's Japanese yen sign is the full-width one
        ("ja", "7.99", "USD", "$7.99"),
    ],
)
def test_prices_in_each_language(language, amount, currency, shown):
    with translation.override(language):
        assert format_money(Money(Decimal(amount), currency)) == shown


def test_yen_have_no_decimals_and_round_half_up():
    with translation.override("en"):
        assert format_money(Money(Decimal("1500.5"), "JPY")) == "¥1,501"
        assert format_money(Money(Decimal("0.125"), "GBP")) == "£0.13"


def test_the_money_filter_follows_the_active_language():
    template = Template("{% load store %}{{ price|money }}|{{ free|money }}")
    context = Context({"price": Money(Decimal("7.99"), "EUR"), "free": Money(Decimal(0), "EUR")})
    with translation.override("de"):
        assert template.render(context) == f"7,99{NBSP}€|Kostenlos"  # the German catalogue's word
    with translation.override("en"):
        assert template.render(context) == "€7.99|Free"


@pytest.mark.parametrize(
    ("language", "medium", "long"),
    [
        ("en", "Mar 5, 2024", "March 5, 2024"),
        ("de", "05.03.2024", "5. März 2024"),
        ("fr", "5 mars 2024", "5 mars 2024"),
        ("ja", "2024/03/05", "2024年3月5日"),
    ],
)
def test_dates_in_each_language(language, medium, long):
    day = date(2024, 3, 5)
    with translation.override(language):
        assert format_local_date(day) == medium
        assert format_local_date(day, "long") == long
        assert format_local_date(datetime(2024, 3, 5, 23, 0, tzinfo=UTC)) == medium
    template = Template('{% load store %}{{ day|local_date }}/{{ day|local_date:"long" }}')
    with translation.override(language):
        assert template.render(Context({"day": day})) == f"{medium}/{long}"


def test_a_date_format_must_be_one_babel_knows():
    with pytest.raises(ValueError, match="not one of"):
        format_local_date(date(2024, 3, 5), "j F Y")


def test_no_date_renders_nothing():
    assert Template("{% load store %}[{{ day|local_date }}]").render(Context({"day": None})) == "[]"


@pytest.mark.parametrize(
    ("language", "shown"),
    [
        ("en", "1,234,567"),
        ("de", "1.234.567"),
        ("fr", f"1{NNBSP}234{NNBSP}567"),
        ("ja", "1,234,567"),
    ],
)
def test_numbers_in_each_language(language, shown):
    with translation.override(language):
        assert format_number(1234567) == shown
        assert Template("{% load store %}{{ n|number }}").render(Context({"n": 1234567})) == shown


def test_counts_take_the_languages_plural_forms():
    """Counts in sentences are {% blocktranslate count %}: Django picks the plural form."""
    template = Template(
        "{% load i18n %}{% blocktranslate count n=n %}{{ n }} track{% plural %}{{ n }} tracks"
        "{% endblocktranslate %}"
    )
    assert template.render(Context({"n": 1})) == "1 track"
    assert template.render(Context({"n": 12})) == "12 tracks"


def test_a_language_babel_does_not_know_falls_back_to_the_shops(settings):
    assert str(money.locale_of("xx-yy")) == "en"
    assert str(money.locale_of(None)) == "en"
    settings.LANGUAGE_CODE = "de"
    assert str(money.locale_of(None)) == "de"  # parsed once per code, until it changes
    assert str(money.locale_of("xx-yy")) == "de"
