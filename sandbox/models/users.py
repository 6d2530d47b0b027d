"""7digital users of the sandbox and the OAuth tokens that act for them.

The sandbox plays 7digital's server side, so token secrets are stored as issued (a
server must know a secret to check a signature); they are never logged or listed.
Passwords are Django password hashes.
"""

import secrets
from datetime import timedelta

from django.contrib.auth.hashers import check_password, make_password
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from .consumers import Consumer

# An unexchanged request token is good for an hour, as on most OAuth 1.0 providers.
REQUEST_TOKEN_LIFETIME = timedelta(hours=1)


def new_token_key() -> str:
    return secrets.token_urlsafe(16)


def new_token_secret() -> str:
    return secrets.token_urlsafe(24)


class SandboxUserManager(models.Manager["SandboxUser"]):
    def create_user(
        self, *, email: str = "", password: str | None = None, **fields
    ) -> "SandboxUser":
        """A user with a hashed password (None gives an unusable one, as for managed users)."""
        user = self.model(email=email.strip(), **fields)
        user.set_password(password)
        user.save()
        return user

    def get_by_email(self, email: str) -> "SandboxUser | None":
        """The user with this email address, compared case-insensitively."""
        email = (email or "").strip()
        if not email:
            return None
        return self.filter(email__iexact=email).first()

    def get_managed(self, consumer: Consumer, partner_user_id: str) -> "SandboxUser | None":
        """The user a partner created with user/create under its own id."""
        if not partner_user_id:
            return None
        return self.filter(created_by=consumer, partner_user_id=partner_user_id).first()


class SandboxUser(models.Model):
    """A 7digital account: signed up with an email, or created by a partner (managed)."""

    email = models.EmailField(blank=True, default="")
    password = models.CharField(max_length=128)
    # The partner's own id for a managed user (user/create's userId), unique per consumer.
    partner_user_id = models.CharField(max_length=255, blank=True, default="")
    created_by = models.ForeignKey(
        Consumer, null=True, blank=True, on_delete=models.SET_NULL, related_name="managed_users"
    )
    country_code = models.CharField(max_length=2, default="GB")
    is_active = models.BooleanField(default=True)
    created = models.DateTimeField(default=timezone.now)

    objects = SandboxUserManager()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"), condition=~Q(email=""), name="unique_user_email_ci"
            ),
            models.UniqueConstraint(
                fields=["created_by", "partner_user_id"],
                condition=~Q(partner_user_id=""),
                name="unique_partner_user_id",
            ),
        ]

    def __str__(self) -> str:
        return self.email or f"{self.partner_user_id} ({self.created_by})"

    def set_password(self, raw_password: str | None) -> None:
        self.password = make_password(raw_password)

    def check_password(self, raw_password: str) -> bool:
        """True when raw_password matches; an outdated hash is upgraded on the way."""

        def upgrade(raw: str) -> None:
            self.set_password(raw)
            self.save(update_fields=["password"])

        return check_password(raw_password, self.password, upgrade)


class RequestToken(models.Model):
    """Step 1 of the 3-legged dance; authorised by a user, then exchanged once."""

    class Status(models.TextChoices):
        PENDING = "pending"
        AUTHORISED = "authorised"
        DENIED = "denied"
        EXCHANGED = "exchanged"

    key = models.CharField(max_length=64, unique=True, default=new_token_key)
    secret = models.CharField(max_length=128, default=new_token_secret)
    consumer = models.ForeignKey(Consumer, on_delete=models.CASCADE, related_name="request_tokens")
    # Empty for out-of-band (no callback registered): the page then shows the verifier.
    callback_url = models.URLField(max_length=2000, blank=True, default="")
    verifier = models.CharField(max_length=64, blank=True, default="")
    user = models.ForeignKey(
        SandboxUser, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.key} ({self.status})"

    @property
    def expires(self):
        return self.created + REQUEST_TOKEN_LIFETIME

    def is_expired(self, now=None) -> bool:
        return (now or timezone.now()) >= self.expires


class AccessToken(models.Model):
    """A user's grant to a consumer; 7digital access tokens never expire."""

    key = models.CharField(max_length=64, unique=True, default=new_token_key)
    secret = models.CharField(max_length=128, default=new_token_secret)
    consumer = models.ForeignKey(Consumer, on_delete=models.CASCADE, related_name="access_tokens")
    user = models.ForeignKey(SandboxUser, on_delete=models.CASCADE, related_name="access_tokens")
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.key} ({self.user})"
