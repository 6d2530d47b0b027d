"""Tokens for forms: one-time tokens for forms whose double submit must not act twice,
and the CSRF token of a kept page."""

import base64
import secrets

from django.http import HttpRequest
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
from django.utils.functional import SimpleLazyObject

SUBMIT_TOKEN_BYTES = 18  # 24 URL-safe characters, no padding


def new_submit_token() -> str:
    """A one-time token for a payment form: resubmitting the form shows what it did."""
    return secrets.token_urlsafe(SUBMIT_TOKEN_BYTES)


def new_submit_tokens(count: int) -> list[str]:
    """`count` tokens as `new_submit_token` makes them, from one read of the system's
    random source rather than one each (a release page has a form per track)."""
    if not count:
        return []
    drawn = base64.urlsafe_b64encode(secrets.token_bytes(SUBMIT_TOKEN_BYTES * count)).decode()
    width = SUBMIT_TOKEN_BYTES * 4 // 3  # whole 3-byte groups: each slice is one token
    return [drawn[start : start + width] for start in range(0, len(drawn), width)]


def random_characters(length: int, alphabet: str) -> str:
    """`length` characters drawn uniformly from `alphabet` (at most 256 of them) with
    `secrets`: what django.utils.crypto.get_random_string gives, from one read of the
    system's random source rather than one per character (bytes past the last whole
    multiple of the alphabet's size are dropped, so no character is likelier)."""
    size = len(alphabet)
    limit = 256 - 256 % size
    drawn: list[str] = []
    while len(drawn) < length:
        drawn += [alphabet[byte % size] for byte in secrets.token_bytes(2 * length) if byte < limit]
    return "".join(drawn[:length])


_INDEX = {char: position for position, char in enumerate(CSRF_ALLOWED_CHARS)}


def csrf_token(request: HttpRequest) -> str:
    """django.middleware.csrf.get_token, as fast as a kept page needs it: the request's
    CSRF secret (a new one, set as the cookie on the way out, if it has none) masked
    with a fresh random mask, as Django masks it (its private helpers draw one system
    random read per character: a fifth of a kept page's time). CsrfViewMiddleware
    checks the token like any other."""
    if "CSRF_COOKIE" in request.META:
        secret = request.META["CSRF_COOKIE"]
    else:
        secret = random_characters(CSRF_SECRET_LENGTH, CSRF_ALLOWED_CHARS)
        request.META["CSRF_COOKIE"] = secret
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True  # sent, or its expiry renewed
    mask = random_characters(CSRF_SECRET_LENGTH, CSRF_ALLOWED_CHARS)
    size = len(CSRF_ALLOWED_CHARS)
    pairs = zip(secret, mask, strict=True)
    cipher = "".join(CSRF_ALLOWED_CHARS[(_INDEX[s] + _INDEX[m]) % size] for s, m in pairs)
    return mask + cipher


def lazy_csrf_token(request: HttpRequest) -> SimpleLazyObject:
    """`csrf_token` for a template context, as Django's csrf context processor gives
    it (made when read: reading it sets the cookie)."""
    return SimpleLazyObject(lambda: csrf_token(request))
