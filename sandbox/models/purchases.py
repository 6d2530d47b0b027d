"""Cards, purchases, the locker (what a user owns) and downloads: money and music out.

Card numbers are never stored: a card keeps its brand, last four digits, expiry and
the outcome its test number stands for (see docs on test cards). A user owns a
track once per package; `remaining_downloads` counts down on every download.
"""

from django.db import models
from django.utils import timezone

from .catalogue import Country, Release, Track
from .consumers import Consumer
from .users import SandboxUser

DOWNLOADS_PER_PURCHASE = 3


class Card(models.Model):
    class Outcome(models.TextChoices):
        APPROVE = "approve"
        DECLINE = "decline"  # 3102
        INSUFFICIENT_FUNDS = "insufficient_funds"  # 3003
        EXPIRED = "expired"  # 3001

    user = models.ForeignKey(SandboxUser, on_delete=models.CASCADE, related_name="cards")
    type = models.CharField(max_length=20)  # VISA, MASTERCARD, AMEX, MAESTRO
    last4 = models.CharField(max_length=4)
    holder_name = models.CharField(max_length=100)
    expiry = models.CharField(max_length=6)  # yyyyMM
    country_code = models.CharField(max_length=2, blank=True, default="")
    is_default = models.BooleanField(default=False)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.APPROVE)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.type} ****{self.last4}"


class CardRegistration(models.Model):
    """The hosted card form flow: pending until the card fields are posted to the sandbox."""

    class Status(models.TextChoices):
        PENDING = "pending"
        COMPLETE = "complete"
        ERROR = "error"

    user = models.ForeignKey(SandboxUser, on_delete=models.CASCADE, related_name="registrations")
    redirect_url = models.URLField(max_length=1000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    card = models.ForeignKey(Card, null=True, blank=True, on_delete=models.SET_NULL)
    error_code = models.PositiveIntegerField(null=True, blank=True)
    error_message = models.CharField(max_length=200, blank=True, default="")
    created = models.DateTimeField(default=timezone.now)


class Purchase(models.Model):
    class Method(models.TextChoices):
        CARD = "card"
        PAYPAL = "paypal"
        PARTNER = "partner"  # deliveritem: the partner took the money

    user = models.ForeignKey(SandboxUser, on_delete=models.PROTECT, related_name="purchases")
    consumer = models.ForeignKey(Consumer, on_delete=models.PROTECT)
    country = models.ForeignKey(Country, on_delete=models.PROTECT)
    method = models.CharField(max_length=10, choices=Method.choices)
    card = models.ForeignKey(Card, null=True, blank=True, on_delete=models.SET_NULL)
    total = models.DecimalField(max_digits=10, decimal_places=2)
    currency_code = models.CharField(max_length=3)
    transaction_id = models.CharField(max_length=100, blank=True, default="")
    purchased_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-purchased_at"]


class LockerTrack(models.Model):
    """One track a user owns, in one package, from one purchase."""

    user = models.ForeignKey(SandboxUser, on_delete=models.CASCADE, related_name="locker")
    track = models.ForeignKey(Track, on_delete=models.PROTECT)
    release = models.ForeignKey(Release, on_delete=models.PROTECT)
    purchase = models.ForeignKey(Purchase, on_delete=models.CASCADE, related_name="tracks")
    package_id = models.PositiveSmallIntegerField(default=2)
    complete_album_purchase = models.BooleanField(default=False)
    remaining_downloads = models.PositiveSmallIntegerField(default=DOWNLOADS_PER_PURCHASE)

    class Meta:
        ordering = ["release_id", "track__disc_number", "track__track_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "track", "package_id"], name="unique_owned_track_package"
            )
        ]


class Subscription(models.Model):
    """user/unlimitedStreaming: a partner-managed streaming subscription."""

    user = models.OneToOneField(SandboxUser, on_delete=models.CASCADE, related_name="subscription")
    plan_code = models.CharField(max_length=50, default="premium")
    status = models.CharField(max_length=20, default="active")
    currency_code = models.CharField(max_length=3, blank=True, default="")
    recurring_fee = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    country_code = models.CharField(max_length=2, blank=True, default="")
    activated_at = models.DateTimeField(null=True, blank=True)
    current_period_start = models.DateTimeField(null=True, blank=True)
    expiry_date = models.DateTimeField(null=True, blank=True)
