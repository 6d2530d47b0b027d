"""Forget OAuth nonces too old to be replayed (the API also does this now and then)."""

from django.core.management.base import BaseCommand

from sandbox.oauth.verify import NONCE_RETENTION, prune_nonces


class Command(BaseCommand):
    help = f"Delete used OAuth nonces older than {NONCE_RETENTION} seconds."

    def handle(self, *args, **options) -> None:
        deleted = prune_nonces()
        self.stdout.write(f"Deleted {deleted} used nonce(s).")
