"""Template tags of the accounts app: `{% load accounts_tags %}`.

`{{ release_id|among:wished_release_ids }}` says whether a release is wished for (the
wishlist button's state); `{{ amount|price_in:currency }}` formats a stored
amount the shop's one way (`storefront.money.format_money`);
`{{ format|format_label:seconds }}` says what a download format is (accounts.formats).
"""

from decimal import Decimal
from typing import Any

from django import template

from accounts.formats import format_label
from sevendigital import Money
from storefront.money import format_money

register = template.Library()


@register.filter
def among(value: Any, values: Any) -> bool:
    """`{{ release_id|among:wished_release_ids }}`: whether it is one of them."""
    return value in values


@register.filter
def price_in(amount: Decimal | None, currency: str) -> str:
    """A stored amount and currency as shoppers read it; "" when there is none."""
    if amount is None or not currency:
        return ""
    return format_money(Money(Decimal(amount), currency))


@register.filter(name="format_label")
def format_label_filter(fmt, seconds: int | None = None) -> str:
    """`{{ link.format|format_label:track.duration }}`: "FLAC, lossless, about 30 MB"."""
    return format_label(fmt, seconds)
