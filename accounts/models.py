"""The shopper's link to a 7digital user, and their wishlist.

A `SevenDigitalLink` holds the 7digital access token and secret ENCRYPTED (Fernet,
`accounts.crypto`): a copy of the database alone does not let anyone act as the
shopper on 7digital. The plaintext exists only in memory, as a `UserToken`, for the
length of a call. The 7digital password is never stored.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts import crypto
from sevendigital import UserToken


class SevenDigitalLink(models.Model):
    class How(models.TextChoices):
        SIGNUP = "signup", _("Created at sign-up")
        OAUTH = "oauth", _("Linked with 7digital sign-in")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="sevendigital_link",
        verbose_name=_("user"),
    )
    # One store account per 7digital account: two would share one locker and card.
    sevendigital_user_id = models.CharField(_("7digital user id"), max_length=64, unique=True)
    email = models.EmailField(_("7digital email"), blank=True)
    token_key_encrypted = models.TextField(editable=False, verbose_name=_("token key encrypted"))
    token_secret_encrypted = models.TextField(
        editable=False, verbose_name=_("token secret encrypted")
    )
    linked_at = models.DateTimeField(auto_now_add=True, verbose_name=_("linked at"))
    how = models.CharField(max_length=10, choices=How.choices, verbose_name=_("how"))

    class Meta:
        verbose_name = _("7digital link")
        verbose_name_plural = _("7digital links")

    def __str__(self) -> str:
        return f"{self.user} -> 7digital user {self.sevendigital_user_id}"

    def set_token(self, token: UserToken) -> None:
        """Keep the access token and secret, encrypted (call save() afterwards)."""
        self.token_key_encrypted = crypto.encrypt(token.token)
        self.token_secret_encrypted = crypto.encrypt(token.secret)

    @property
    def token(self) -> UserToken:
        """The decrypted access token, for per-user calls (`token=` of the client)."""
        return UserToken(
            crypto.decrypt(self.token_key_encrypted), crypto.decrypt(self.token_secret_encrypted)
        )


class WishlistItem(models.Model):
    """A release the shopper wants, with its price when added (None: not on sale then).

    `last_notified_price` is the price the shopper was last told about; an alert goes
    out when the price falls below it (or below the price when added, before any
    alert), or when an item that was not on sale comes on sale.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="wishlist_items",
        verbose_name=_("user"),
    )
    release_id = models.PositiveBigIntegerField(verbose_name=_("release id"))
    title = models.CharField(max_length=300, verbose_name=_("title"))
    artist_name = models.CharField(max_length=300, blank=True, verbose_name=_("artist name"))
    image = models.URLField(max_length=500, blank=True, verbose_name=_("image"))
    price_when_added = models.DecimalField(
        max_digits=10, decimal_places=2, null=True, blank=True, verbose_name=_("price when added")
    )
    currency = models.CharField(max_length=3, blank=True, verbose_name=_("currency"))
    country = models.CharField(max_length=2, verbose_name=_("country"))
    added = models.DateTimeField(auto_now_add=True, verbose_name=_("added"))
    last_notified_price = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        verbose_name=_("last notified price"),
    )
    last_checked = models.DateTimeField(null=True, blank=True, verbose_name=_("last checked"))

    class Meta:
        verbose_name = _("wishlist item")
        verbose_name_plural = _("wishlist items")
        ordering = ["-added", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "release_id"], name="wishlist_once_per_release")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.user})"

    @property
    def reference_price(self) -> Decimal | None:
        """The price a new one is compared with: the last one told, else the first seen."""
        if self.last_notified_price is not None:
            return self.last_notified_price
        return self.price_when_added


class ShopperPreferences(models.Model):
    """What a signed-in shopper (or staff member) chose for themselves: the language
    e-mails are written in and the admin speaks. Written when they switch language
    or sign in; a shopper who never did has no row."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="preferences",
        verbose_name=_("user"),
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("shopper's preferences")
        verbose_name_plural = _("shoppers' preferences")

    def __str__(self) -> str:
        return f"{self.user} ({self.language})"
