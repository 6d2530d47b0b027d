"""Admin for the store's checkout records: read-only, for support staff.

Purchases are facts about money that moved (or did not): staff can find and read
them, and reconcile an unknown one from the list, but never edit or delete them.
"""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from checkout.models import Purchase, ShopperBasket
from checkout.services import purchase_reconcile


@admin.register(Purchase)
class PurchaseAdmin(admin.ModelAdmin):
    list_display = ("key", "user", "kind", "method", "status", "total_display", "created")
    list_filter = ("status", "method", "kind", "country")
    search_fields = (
        "key",
        "user__email",
        "user__username",
        "sevendigital_purchase_id",
        "basket_id",
    )
    date_hierarchy = "created"
    list_select_related = ("user",)
    actions = ["reconcile"]
    readonly_fields = [field.name for field in Purchase._meta.fields]

    @admin.display(description=_("Total"), ordering="total")
    def total_display(self, purchase: Purchase) -> str:
        return f"{purchase.total} {purchase.currency}" if purchase.total is not None else "-"

    @admin.action(
        description=_("Reconcile selected unknown purchases from the locker"),
        permissions=["reconcile"],
    )
    def reconcile(self, request: HttpRequest, queryset: QuerySet[Purchase]) -> None:
        settled = sum(
            purchase_reconcile(purchase=purchase).is_settled
            for purchase in queryset.filter(status=Purchase.Status.UNKNOWN)
        )
        message = ngettext(
            "%(count)d purchase(s) settled.", "%(count)d purchase(s) settled.", settled
        ) % {"count": settled}
        self.message_user(request, message, messages.INFO)

    def has_reconcile_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("staff.reconcile_purchase")  # staff/models.py

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Purchase | None = None) -> bool:
        return False


@admin.register(ShopperBasket)
class ShopperBasketAdmin(admin.ModelAdmin):
    list_display = ("user", "basket_id", "country", "item_count", "voucher_code", "updated")
    list_filter = ("country",)
    search_fields = ("user__email", "user__username", "basket_id")
    list_select_related = ("user",)
    readonly_fields = ("user", "basket_id", "country", "item_count", "voucher_code", "updated")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
