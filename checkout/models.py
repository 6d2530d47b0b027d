"""The store's own checkout records: whose basket is which, and every purchase attempt.

The basket itself lives at 7digital (its items, prices and vouchers); the store keeps
only its id. A `Purchase` is written before 7digital is asked to take any money, so
that double clicks, second tabs and browser retries find it and never pay twice.
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from checkout.errors import PaymentFailed, payment_failure
from sevendigital import Money

# Order numbers: no 0/O, 1/I/L or U, so one read aloud or copied by hand is not misread.
ORDER_NUMBER_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
ORDER_NUMBER_GROUPS = 4  # of four characters: 30**16, about 78 bits, never guessed


def new_order_number() -> str:
    """A random order number such as 7KQ2-M9XD-4HTR-P3WZ, made before any payment."""
    groups = (
        "".join(secrets.choice(ORDER_NUMBER_ALPHABET) for _ in range(4))
        for _ in range(ORDER_NUMBER_GROUPS)
    )
    return "-".join(groups)


class ShopperBasket(models.Model):
    """The 7digital basket of a signed-in shopper (anonymous ones keep it in the session)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="shopper_basket",
        verbose_name=_("user"),
    )
    basket_id = models.CharField(max_length=64, verbose_name=_("basket id"))
    country = models.CharField(
        max_length=2,
        help_text=_("The territory the basket is priced in."),
        verbose_name=_("country"),
    )
    item_count = models.PositiveIntegerField(default=0, verbose_name=_("item count"))
    voucher_code = models.CharField(max_length=64, blank=True, verbose_name=_("voucher code"))
    updated = models.DateTimeField(auto_now=True, verbose_name=_("updated"))

    class Meta:
        verbose_name = _("shopper basket")
        verbose_name_plural = _("shopper baskets")

    def __str__(self) -> str:
        return f"{self.user} · basket {self.basket_id} ({self.country})"


class Purchase(models.Model):
    """One attempt to buy a basket or a single item, recorded before 7digital is called.

    `subject` names what is bought (the basket id, or one release/track/package): a user
    has at most one pending, unknown or succeeded purchase of a subject, so a basket is
    bought once, and two shoppers buying the same item never meet. A failed attempt
    leaves room for the next. `key` is the order number, random and made before any
    money moves: the receipt's address, shown only to its owner.
    """

    class Kind(models.TextChoices):
        BASKET = "basket", _("Basket")
        ITEM = "item", _("Single item")

    class Method(models.TextChoices):
        CARD = "card", _("Stored card")
        PAYPAL = "paypal", "PayPal"

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")
        UNKNOWN = "unknown", _("Outcome unknown")

    ACTIVE_STATUSES = (Status.PENDING, Status.UNKNOWN, Status.SUCCEEDED)

    key = models.CharField(
        _("order number"), max_length=32, unique=True, default=new_order_number, editable=False
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="purchases",
        verbose_name=_("user"),
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, verbose_name=_("kind"))
    method = models.CharField(max_length=10, choices=Method.choices, verbose_name=_("method"))
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
        verbose_name=_("status"),
    )
    subject = models.CharField(max_length=120, verbose_name=_("subject"))
    attempt = models.PositiveIntegerField(default=1, verbose_name=_("attempt"))
    submit_token = models.CharField(
        max_length=64, blank=True, db_index=True, verbose_name=_("submit token")
    )
    basket_id = models.CharField(max_length=64, blank=True, verbose_name=_("basket id"))
    country = models.CharField(max_length=2, verbose_name=_("country"))
    # What the shopper saw when they paid: [{release_id, track_id, package_id, name,
    # artist, price}] (prices as strings, in `currency`).
    items = models.JSONField(default=list, verbose_name=_("items"))
    subtotal = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Before the voucher."),
        verbose_name=_("subtotal"),
    )
    voucher_code = models.CharField(max_length=64, blank=True, verbose_name=_("voucher code"))
    total = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, verbose_name=_("total")
    )
    currency = models.CharField(max_length=3, blank=True, verbose_name=_("currency"))
    sevendigital_purchase_id = models.CharField(
        max_length=64, blank=True, verbose_name=_("sevendigital purchase id")
    )
    error_code = models.IntegerField(null=True, blank=True, verbose_name=_("error code"))
    error_message = models.TextField(blank=True, verbose_name=_("error message"))
    created = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    updated = models.DateTimeField(auto_now=True, verbose_name=_("updated"))
    completed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("completed at"))
    reconciled_at = models.DateTimeField(null=True, blank=True, verbose_name=_("reconciled at"))
    # Claimed by the one worker that sends the order confirmation e-mail.
    confirmation_sent_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("confirmation sent at")
    )

    class Meta:
        verbose_name = _("purchase")
        verbose_name_plural = _("purchases")
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "subject"],
                condition=models.Q(status__in=["pending", "unknown", "succeeded"]),
                name="checkout_one_active_purchase_per_subject",
            )
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("receipt", args=[self.key])

    @property
    def failure(self) -> PaymentFailed | None:
        """Why the payment was refused, typed (checkout.errors); None unless it failed."""
        if self.status != self.Status.FAILED:
            return None
        return payment_failure(self.error_code, self.error_message)

    @property
    def total_money(self) -> Money | None:
        """The total as Money, for the shop's one price format (`|money`)."""
        if self.total is None or not self.currency:
            return None
        return Money(self.total, self.currency)

    @property
    def subtotal_money(self) -> Money | None:
        if self.subtotal is None or not self.currency:
            return None
        return Money(self.subtotal, self.currency)

    @property
    def discount_money(self) -> Money | None:
        """What the voucher took off (None when nothing was)."""
        if self.subtotal is None or self.total is None or self.total >= self.subtotal:
            return None
        return Money(self.subtotal - self.total, self.currency)

    @property
    def is_settled(self) -> bool:
        """Succeeded or failed: nothing left to find out."""
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)
