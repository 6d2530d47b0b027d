"""Django admin of the sandbox, one section per area (each owner appends its own).

Token and password secrets are never listed or shown: a token's secret went to its
client when it was issued; a consumer's secret is visible on its own change page only,
because a developer needs it to sign requests with that key.
"""

from django import forms
from django.contrib import admin

from .models import AccessToken, Consumer, RequestToken, SandboxUser, UsedNonce

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
