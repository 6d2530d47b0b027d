"""Money, numbers and dates as shoppers read them, in the active language (Babel's
CLDR data): the shop's one format for each, for templates (the `money`, `number` and
`local_date` filters of `{% load store %}`) and for services that put a price into a
message (render those under `translation.override(shopper's language)`).

    en: £7.99  $7.99  €7.99  ¥1,500      de: 7,99 €  1.500 ¥
    fr: 7,99 €                            ja: ￥1,500  (CLDR's full-width yen)

The separators between amount and symbol are CLDR's no-break spaces (U+00A0; French
groups thousands with U+202F), so a price never breaks across lines. Amounts are
rounded half up to the currency's digits (none for JPY) before formatting.
"""

import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, get_currency_precision
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import translation

from sevendigital import Money

DATE_FORMATS = ("short", "medium", "long", "full")
# CLDR's currency spacing, which Babel leaves out: a symbol of letters (CHF, US$) and
# the digits it touches get a no-break space between them (`CHF 1.50`).
_LETTERS_THEN_DIGIT = re.compile(r"(?<=[^\W\d_])(?=\d)")
_DIGIT_THEN_LETTERS = re.compile(r"(?<=\d)(?=[^\W\d_])")


def current_locale() -> Locale:
    """Babel's locale of the active language (settings.LANGUAGE_CODE outside one)."""
    return locale_of(translation.get_language())


@receiver(setting_changed)
def _forget_locales(*, setting: str, **kwargs: object) -> None:
    if setting == "LANGUAGE_CODE":
        locale_of.cache_clear()


@lru_cache(maxsize=32)
def locale_of(language: str | None) -> Locale:
    """Babel's locale of a Django language code; settings.LANGUAGE_CODE's for none or
    one Babel does not know. Parsed once per code (every price on a page asks)."""
    try:
        return Locale.parse(translation.to_locale(language or settings.LANGUAGE_CODE))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(translation.to_locale(settings.LANGUAGE_CODE))


def format_money(money: Money, locale: Locale | str | None = None) -> str:
    """`£7.99` (en), `7,99 €` (de, fr), `￥1,500` (ja): the shop's one price format."""
    places = get_currency_precision(money.currency)
    amount = money.amount.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    shown = format_currency(amount, money.currency, locale=locale or current_locale())
    return _DIGIT_THEN_LETTERS.sub("\xa0", _LETTERS_THEN_DIGIT.sub("\xa0", shown))


def format_number(value: int | float | Decimal, locale: Locale | str | None = None) -> str:
    """`1,234` (en), `1.234` (de), `1 234` (fr, with U+202F): counts in running text."""
    return format_decimal(value, locale=locale or current_locale())


def format_local_date(
    value: date | datetime, form: str = "medium", locale: Locale | str | None = None
) -> str:
    """A date in the language's own style: medium `5 Mar 2024`-like (`Mar 5, 2024` en,
    `05.03.2024` de, `5 mars 2024` fr, `2024/03/05` ja) or long (`5. März 2024`)."""
    if form not in DATE_FORMATS:
        raise ValueError(f"date format {form!r} is not one of {', '.join(DATE_FORMATS)}")
    if isinstance(value, datetime):
        value = value.date()
    return format_date(value, format=form, locale=locale or current_locale())
