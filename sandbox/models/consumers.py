"""Partner consumers (API keys) and the nonces they have used."""

from django.db import models


class Consumer(models.Model):
    """A partner's OAuth consumer: key, secret and what the key may do."""

    key = models.CharField(max_length=64, unique=True)
    secret = models.CharField(max_length=128)
    name = models.CharField(max_length=200, blank=True)
    is_active = models.BooleanField(default=True)
    # Requests a day before 429; the real prototype-key limit is 4,000.
    rate_limit = models.PositiveIntegerField(default=4000)
    # Managed users: 3-legged operations may be called 2-legged with a userId.
    can_manage_users = models.BooleanField(default=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return self.name or self.key


class UsedNonce(models.Model):
    """An (consumer, timestamp, nonce) seen once; a second use is a replay."""

    consumer_key = models.CharField(max_length=64)
    timestamp = models.BigIntegerField()
    nonce = models.CharField(max_length=128)
    token = models.CharField(max_length=128, blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["consumer_key", "timestamp", "nonce", "token"], name="unique_nonce"
            )
        ]
        indexes = [models.Index(fields=["timestamp"])]
