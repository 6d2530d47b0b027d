"""Template tags of the accounts app: `{% load accounts_tags %}`.

`{% wishlist_button release.id %}` renders the wishlist toggle for the signed-in
shopper (one query per page); `{{ amount|price_in:currency }}` formats a stored
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


@register.inclusion_tag("accounts/_wishlist_button.html", takes_context=True)
def wishlist_button(context: template.Context, release_id: int) -> dict[str, Any]:
    """The toggle for one release; whether it is wished comes from the page's context
    (accounts.context_processors.wishlist: one read per page), not from a query here."""
    request = context.get("request")
    user = getattr(request, "user", None)
    wished = release_id in context.get("wished_release_ids", frozenset())
    return {"request": request, "user": user, "release_id": release_id, "wished": wished}


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
