"""Django admin of the sandbox, one section per area (each owner appends its own).

Token and password secrets are never listed or shown: a token's secret went to its
client when it was issued; a consumer's secret is visible on its own change page only,
because a developer needs it to sign requests with that key.
"""

from django import forms
from django.contrib import admin

from .models import (
    AccessToken,
    Basket,
    BasketItem,
    Card,
    CardRegistration,
    Consumer,
    LockerTrack,
    PayPalCheckout,
    Purchase,
    RequestToken,
    SandboxUser,
    Subscription,
    UsedNonce,
    Voucher,
)

# --- Consumers (API keys) and replay protection -------------------------------------


@admin.register(Consumer)
class ConsumerAdmin(admin.ModelAdmin):
    list_display = ["key", "name", "is_active", "rate_limit", "can_manage_users", "created"]
    list_filter = ["is_active", "can_manage_users"]
    search_fields = ["key", "name"]
    readonly_fields = ["created"]
    fields = ["key", "secret", "name", "is_active", "rate_limit", "can_manage_users", "created"]


@admin.register(UsedNonce)
class UsedNonceAdmin(admin.ModelAdmin):
    list_display = ["consumer_key", "timestamp", "nonce"]
    search_fields = ["consumer_key", "nonce"]
    fields = ["consumer_key", "timestamp", "nonce"]
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


# --- Users and OAuth tokens -----------------------------------------------------------


class SandboxUserForm(forms.ModelForm):
    """Sets a password from plain text; leaving it empty keeps the current one."""

    new_password = forms.CharField(
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False),
        help_text="Leave empty to keep the current password.",
    )

    class Meta:
        model = SandboxUser
        fields = ["email", "partner_user_id", "created_by", "country_code", "is_active"]

    def save(self, commit: bool = True) -> SandboxUser:
        user = super().save(commit=False)
        if self.cleaned_data.get("new_password"):
            user.set_password(self.cleaned_data["new_password"])
        elif not user.password:
            user.set_password(None)  # a new user without a password cannot sign in
        if commit:
            user.save()
        return user


@admin.register(SandboxUser)
class SandboxUserAdmin(admin.ModelAdmin):
    form = SandboxUserForm
    list_display = ["id", "email", "partner_user_id", "created_by", "country_code", "is_active"]
    list_filter = ["is_active", "country_code"]
    search_fields = ["email", "partner_user_id"]
    list_select_related = ["created_by"]
    readonly_fields = ["created"]


class TokenAdmin(admin.ModelAdmin):
    """Read-only: tokens come from the OAuth dance; deleting one revokes it."""

    search_fields = ["key", "user__email", "consumer__key"]
    list_select_related = ["consumer", "user"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(RequestToken)
class RequestTokenAdmin(TokenAdmin):
    list_display = ["key", "consumer", "user", "status", "created"]
    list_filter = ["status"]
    fields = ["key", "consumer", "user", "status", "callback_url", "created"]


@admin.register(AccessToken)
class AccessTokenAdmin(TokenAdmin):
    list_display = ["key", "consumer", "user", "created"]
    fields = ["key", "consumer", "user", "created"]


# --- Vouchers, baskets and PayPal checkouts -------------------------------------------


class VoucherForm(forms.ModelForm):
    """Codes are stored upper-case (shoppers type them in any case); a fixed-amount
    voucher needs the currency it takes its amount off in."""

    class Meta:
        model = Voucher
        fields = [
            "code",
            "kind",
            "amount",
            "currency_code",
            "minimum_spend",
            "valid_from",
            "valid_until",
            "max_uses",
            "countries",
            "is_active",
        ]

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip().upper()

    def clean_countries(self) -> str:
        codes = [code.strip().upper() for code in self.cleaned_data["countries"].split(",")]
        return ",".join(code for code in codes if code)

    def clean(self) -> dict:
        data = super().clean()
        kind, amount = data.get("kind"), data.get("amount")
        if kind == Voucher.Kind.FIXED and not data.get("currency_code"):
            self.add_error("currency_code", "A fixed-amount voucher needs a currency.")
        if kind == Voucher.Kind.PERCENT and amount is not None and not 0 < amount <= 100:
            self.add_error("amount", "A percentage must be more than 0 and at most 100.")
        if data.get("currency_code"):
            data["currency_code"] = data["currency_code"].upper()
        return data


@admin.register(Voucher)
class VoucherAdmin(admin.ModelAdmin):
    form = VoucherForm
    list_display = [
        "code",
        "kind",
        "amount",
        "currency_code",
        "minimum_spend",
        "valid_from",
        "valid_until",
        "uses",
        "max_uses",
        "countries",
        "is_active",
    ]
    list_filter = ["kind", "is_active"]
    search_fields = ["code"]
    readonly_fields = ["uses"]  # counted by completed purchases only


class BasketItemInline(admin.TabularInline):
    model = BasketItem
    fields = ["release", "track", "package_id", "price", "rrp", "added"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Basket)
class BasketAdmin(admin.ModelAdmin):
    """Read-only: baskets change through the API, where the pricing rules live."""

    list_display = ["id", "consumer", "country", "voucher", "purchase", "created", "updated"]
    list_filter = ["country"]
    search_fields = ["id", "consumer__key", "voucher__code"]
    list_select_related = ["consumer", "country", "voucher"]
    fields = ["id", "consumer", "country", "voucher", "purchase", "created", "updated"]
    readonly_fields = fields
    inlines = [BasketItemInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(PayPalCheckout)
class PayPalCheckoutAdmin(admin.ModelAdmin):
    """Read-only: checkouts are decided on the approval page and completed by the API."""

    list_display = ["token", "basket", "status", "payer_id", "created"]
    list_filter = ["status"]
    search_fields = ["token", "basket__id", "payer_id"]
    fields = ["token", "basket", "status", "payer_id", "return_url", "cancel_url", "created"]
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


# --- Cards, purchases, the locker and streaming subscriptions ---------------------------


@admin.register(Card)
class CardAdmin(admin.ModelAdmin):
    """Cards come from the card form (numbers are never stored); a developer may change
    a card's test outcome or expiry here to try a payment failure."""

    list_display = ["id", "user", "type", "last4", "holder_name", "expiry", "is_default", "outcome"]
    list_filter = ["type", "outcome", "is_default"]
    search_fields = ["user__email", "user__partner_user_id", "last4", "holder_name"]
    list_select_related = ["user"]
    fields = [
        "user",
        "type",
        "last4",
        "holder_name",
        "expiry",
        "country_code",
        "is_default",
        "outcome",
        "created",
    ]
    readonly_fields = ["user", "type", "last4", "is_default", "created"]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(CardRegistration)
class CardRegistrationAdmin(admin.ModelAdmin):
    """Read-only: registrations are decided by the card form."""

    list_display = ["id", "user", "status", "card", "error_code", "created"]
    list_filter = ["status"]
    search_fields = ["user__email", "redirect_url"]
    list_select_related = ["user", "card"]
    fields = ["user", "status", "redirect_url", "card", "error_code", "error_message", "created"]
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class LockerTrackInline(admin.TabularInline):
    """What the purchase put in the locker; downloads left may be reset here."""

    model = LockerTrack
    fields = ["track", "release", "package_id", "complete_album_purchase", "remaining_downloads"]
    readonly_fields = ["track", "release", "package_id", "complete_album_purchase"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Purchase)
class PurchaseAdmin(admin.ModelAdmin):
    list_display = ["id", "user", "method", "total", "currency_code", "country", "purchased_at"]
    list_filter = ["method", "country"]
    search_fields = ["id", "user__email", "user__partner_user_id", "transaction_id"]
    list_select_related = ["user", "country"]
    fields = [
        "user",
        "consumer",
        "country",
        "method",
        "card",
        "total",
        "currency_code",
        "transaction_id",
        "purchased_at",
    ]
    readonly_fields = fields
    inlines = [LockerTrackInline]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    """Partners set these through the API; editable here to try streaming levels."""

    list_display = ["user", "plan_code", "status", "expiry_date", "country_code"]
    list_filter = ["status", "plan_code"]
    search_fields = ["user__email", "user__partner_user_id"]
    list_select_related = ["user"]
    readonly_fields = ["user"]

    def has_add_permission(self, request) -> bool:
        return False
