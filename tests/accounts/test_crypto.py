"""Encryption at rest of 7digital tokens: Fernet with keys from settings, rotation."""

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command

from accounts import crypto
from accounts.models import SevenDigitalLink
from sevendigital import UserToken

OLD_KEY, NEW_KEY = Fernet.generate_key().decode(), Fernet.generate_key().decode()


def test_round_trip(settings):
    """What is encrypted decrypts to the same text, and is not that text."""
    settings.TOKEN_ENCRYPTION_KEY = NEW_KEY
    sealed = crypto.encrypt("secret-token")
    assert "secret-token" not in sealed
    assert crypto.decrypt(sealed) == "secret-token"


def test_a_wrong_key_cannot_decrypt(settings):
    """A token sealed with another key is refused, not garbled."""
    settings.TOKEN_ENCRYPTION_KEY = OLD_KEY
    sealed = crypto.encrypt("secret-token")
    settings.TOKEN_ENCRYPTION_KEY = NEW_KEY
    with pytest.raises(crypto.TokenDecryptionError):
        crypto.decrypt(sealed)


def test_old_keys_still_decrypt_during_rotation(settings):
    """With "new,old" configured, tokens sealed with the old key still open."""
    settings.TOKEN_ENCRYPTION_KEY = OLD_KEY
    sealed = crypto.encrypt("secret-token")
    settings.TOKEN_ENCRYPTION_KEY = f"{NEW_KEY},{OLD_KEY}"
    assert crypto.decrypt(sealed) == "secret-token"


@pytest.mark.django_db
def test_rotate_command_reencrypts_with_the_new_key(settings, shopper):
    """After `rotate_token_keys` the old key can be dropped."""
    settings.TOKEN_ENCRYPTION_KEY = OLD_KEY
    link = SevenDigitalLink(user=shopper, sevendigital_user_id="42", how="oauth")
    link.set_token(UserToken("access-token", "access-secret"))
    link.save()
    settings.TOKEN_ENCRYPTION_KEY = f"{NEW_KEY},{OLD_KEY}"
    call_command("rotate_token_keys", stdout=open("/dev/null", "w"))  # noqa: SIM115
    settings.TOKEN_ENCRYPTION_KEY = NEW_KEY
    link.refresh_from_db()
    assert link.token == UserToken("access-token", "access-secret")
