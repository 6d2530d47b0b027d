"""Re-encrypt every stored 7digital token with the first TOKEN_ENCRYPTION_KEY.

Rotation: set TOKEN_ENCRYPTION_KEY="new,old", run this, then drop "old".
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from accounts import crypto
from accounts.models import SevenDigitalLink


class Command(BaseCommand):
    help = "Re-encrypt stored 7digital access tokens with the primary encryption key."

    def handle(self, *args, **options) -> None:
        done = failed = 0
        for link in SevenDigitalLink.objects.iterator():
            try:
                key = crypto.reencrypt(link.token_key_encrypted)
                secret = crypto.reencrypt(link.token_secret_encrypted)
            except crypto.TokenDecryptionError:
                failed += 1  # no configured key opens it: the shopper must link again
                continue
            with transaction.atomic():
                SevenDigitalLink.objects.filter(pk=link.pk).update(
                    token_key_encrypted=key, token_secret_encrypted=secret
                )
            done += 1
        self.stdout.write(f"Re-encrypted {done} link(s); {failed} could not be decrypted.")
