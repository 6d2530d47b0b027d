"""Staff views of 7digital links and wishlists.

The link admin shows who is linked to which 7digital account and how, and NEVER the
access token or secret, not even encrypted: the form has no such fields, and the
pages link to the user and to their purchases instead.
"""

from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import SevenDigitalLink, ShopperPreferences, WishlistItem


def _user_link(user) -> str:
    url = reverse("admin:auth_user_change", args=[user.pk])
    return format_html('<a href="{}">{}</a>', url, user.get_username())


def _purchases_link(user) -> str:
    """The user's purchases in the checkout app's admin, once it registers them."""
    try:
        url = reverse("admin:checkout_purchase_changelist")
    except NoReverseMatch:
        return "-"
    return format_html('<a href="{}?user__id__exact={}">{}</a>', url, user.pk, gettext("Purchases"))


@admin.register(SevenDigitalLink)
class SevenDigitalLinkAdmin(admin.ModelAdmin):
    list_display = ("user_link", "sevendigital_user_id", "email", "linked_at", "how", "purchases")
    list_filter = ("how", "linked_at")
    search_fields = ("user__username", "user__email", "email", "sevendigital_user_id")
    date_hierarchy = "linked_at"
    list_select_related = ("user",)
    fields = ("user_link", "sevendigital_user_id", "email", "linked_at", "how", "purchases")
    readonly_fields = fields

    @admin.display(description=_("User"), ordering="user__username")
    def user_link(self, obj: SevenDigitalLink) -> str:
        return _user_link(obj.user)

    @admin.display(description=_("Purchases"))
    def purchases(self, obj: SevenDigitalLink) -> str:
        return _purchases_link(obj.user)

    def has_add_permission(self, request) -> bool:
        return False  # links are made by sign-up or the shopper's 7digital sign-in

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # read-only; deleting unlinks (the 7digital account stays)


@admin.register(WishlistItem)
class WishlistItemAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "artist_name",
        "user_link",
        "country",
        "price_when_added",
        "last_notified_price",
        "currency",
        "added",
        "last_checked",
    )
    list_filter = ("country", "added")
    search_fields = ("title", "artist_name", "user__username", "user__email", "release_id")
    list_select_related = ("user",)
    readonly_fields = ("added", "last_checked")
    raw_id_fields = ("user",)

    @admin.display(description=_("User"), ordering="user__username")
    def user_link(self, obj: WishlistItem) -> str:
        return _user_link(obj.user)


@admin.register(ShopperPreferences)
class ShopperPreferencesAdmin(admin.ModelAdmin):
    """A staff member sets their own admin language here (or by switching language in
    the shop while signed in)."""

    list_display = ("user", "language", "updated_at")
    list_filter = ("language",)
    search_fields = ("user__username", "user__email")
    raw_id_fields = ("user",)
