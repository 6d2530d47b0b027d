"""Baskets, vouchers and PayPal checkouts: money on its way in.

A basket is anonymous (a GUID any caller holding it may use, as on 7digital);
prices are fixed per item when added, in the basket's territory currency. A basket
is bought at most once: `purchase` is set in the same transaction that records the
purchase, under a row lock.
"""

import uuid

from django.db import models
from django.utils import timezone

from .catalogue import Country, Release, Track
from .consumers import Consumer


class Voucher(models.Model):
    class Kind(models.TextChoices):
        PERCENT = "percent", "percentage off"
        FIXED = "fixed", "fixed amount off"

    code = models.CharField(max_length=40, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.PERCENT)
    # Percent (e.g. 20 = 20 %) or an amount in `currency_code`.
    amount = models.DecimalField(max_digits=8, decimal_places=2)
    currency_code = models.CharField(max_length=3, blank=True, default="")
    minimum_spend = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    valid_from = models.DateTimeField(default=timezone.now)
    valid_until = models.DateTimeField(null=True, blank=True)
    max_uses = models.PositiveIntegerField(null=True, blank=True)  # None = unlimited
    uses = models.PositiveIntegerField(default=0)
    # Comma list of ISO codes it may be used in ("" = everywhere).
    countries = models.CharField(max_length=200, blank=True, default="")
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class Basket(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    consumer = models.ForeignKey(Consumer, on_delete=models.CASCADE, related_name="baskets")
    country = models.ForeignKey(Country, on_delete=models.PROTECT)
    voucher = models.ForeignKey(Voucher, null=True, blank=True, on_delete=models.SET_NULL)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    # Set once, when the basket is bought; a bought basket no longer changes.
    purchase = models.OneToOneField(
        "sandbox.Purchase", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return str(self.id)


class BasketItem(models.Model):
    basket = models.ForeignKey(Basket, on_delete=models.CASCADE, related_name="items")
    release = models.ForeignKey(Release, on_delete=models.PROTECT)
    track = models.ForeignKey(Track, null=True, blank=True, on_delete=models.PROTECT)
    package_id = models.PositiveSmallIntegerField(default=2)
    price = models.DecimalField(max_digits=8, decimal_places=2)
    rrp = models.DecimalField(max_digits=8, decimal_places=2)
    added = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    @property
    def type(self) -> str:
        return "track" if self.track_id else "release"


class PayPalCheckout(models.Model):
    """An express checkout: approved or cancelled by the shopper on the sandbox's page."""

    class Status(models.TextChoices):
        PENDING = "pending"
        APPROVED = "approved"
        CANCELLED = "cancelled"
        COMPLETED = "completed"

    token = models.CharField(max_length=40, unique=True)
    basket = models.ForeignKey(Basket, on_delete=models.CASCADE, related_name="paypal_checkouts")
    return_url = models.URLField(max_length=1000)
    cancel_url = models.URLField(max_length=1000, blank=True, default="")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    payer_id = models.CharField(max_length=40, blank=True, default="")
    created = models.DateTimeField(auto_now_add=True)
