"""`{% load checkout_tags %}`: `{% submit_token %}` for payment forms."""

from django import template

from storefront.tokens import new_submit_token

register = template.Library()


@register.simple_tag
def submit_token() -> str:
    """A fresh one-time token: submitting the same form twice makes one purchase."""
    return new_submit_token()
