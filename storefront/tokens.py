"""One-time tokens for forms whose double submit must not act twice."""

import secrets


def new_submit_token() -> str:
    """A one-time token for a payment form: resubmitting the form shows what it did."""
    return secrets.token_urlsafe(18)
