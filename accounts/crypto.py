"""Encryption at rest for 7digital access tokens (Fernet, keys from the environment).

`settings.TOKEN_ENCRYPTION_KEY` holds one url-safe base64 Fernet key, or several
separated by commas for rotation: the first encrypts, every one of them decrypts
(`MultiFernet`). To rotate: put the new key first, run `manage.py
rotate_token_keys` (re-encrypts every stored token with it), then drop the old key.
"""

from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


class TokenDecryptionError(Exception):
    """A stored token that no configured key can decrypt (key lost or rotated away)."""


@cache  # keyed by the setting's value: an override in tests gets its own instance
def _fernet_for(keys: str) -> MultiFernet:
    parts = [key.strip() for key in keys.split(",") if key.strip()]
    if not parts:
        raise ValueError("TOKEN_ENCRYPTION_KEY is empty")
    return MultiFernet([Fernet(key.encode()) for key in parts])


def fernet() -> MultiFernet:
    """The MultiFernet of the configured keys (read at call time, so tests can override)."""
    return _fernet_for(settings.TOKEN_ENCRYPTION_KEY)


def encrypt(value: str) -> str:
    """The Fernet token (ASCII text) of value, with the primary key."""
    return fernet().encrypt(value.encode()).decode("ascii")


def decrypt(value: str) -> str:
    """The plaintext of a value `encrypt` made with any configured key."""
    try:
        return fernet().decrypt(value.encode("ascii")).decode()
    except InvalidToken as error:
        raise TokenDecryptionError("No configured key decrypts this token") from error


def reencrypt(value: str) -> str:
    """value encrypted again with the primary key (for key rotation)."""
    try:
        return fernet().rotate(value.encode("ascii")).decode("ascii")
    except InvalidToken as error:
        raise TokenDecryptionError("No configured key decrypts this token") from error
