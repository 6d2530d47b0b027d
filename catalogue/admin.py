"""Staff curate the shop window here; snapshots are shown for inspection and refresh."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from catalogue import services
from catalogue.models import ChartSnapshot, EditorialSlot, EditorialSnapshot, Snapshot
from sevendigital import SevenDigitalError


@admin.register(EditorialSlot)
class EditorialSlotAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "kind",
        "position",
        "target_type",
        "target",
        "territory_label",
        "publish_start",
        "publish_end",
        "is_active",
        "is_live",
    )
    list_display_links = ("title",)
    list_editable = ("position", "is_active")
    list_filter = ("kind", "territory", "is_active", "target_type")
    ordering = ("kind", "position", "id")
    search_fields = ("title", "text", "target")
    date_hierarchy = "publish_start"
    fieldsets = (
        (None, {"fields": ("title", "text", "kind", "position", "image")}),
        ("Links to", {"fields": ("target_type", "target")}),
        ("Shown", {"fields": ("territory", "publish_start", "publish_end", "is_active")}),
    )

    @admin.display(description="Territory", ordering="territory")
    def territory_label(self, slot: EditorialSlot) -> str:
        return slot.territory or "All"

    @admin.display(description="Live now", boolean=True)
    def is_live(self, slot: EditorialSlot) -> bool:
        now = timezone.now()
        return (
            slot.is_active
            and slot.publish_start <= now
            and (slot.publish_end is None or slot.publish_end > now)
        )


class SnapshotAdmin(admin.ModelAdmin):
    """Read-only: snapshots are written by Celery; staff may force a refresh."""

    list_filter = ("country",)
    ordering = ("country",)
    actions = ("refresh_now",)
    readonly_fields = ("country", "fetched_at", "content_type", "size", "body_text")
    exclude = ("body",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Snapshot | None = None) -> bool:
        return False

    @admin.display(description="Size (bytes)")
    def size(self, snapshot: Snapshot) -> int:
        return len(snapshot.body)

    @admin.display(description="Response body")
    def body_text(self, snapshot: Snapshot) -> str:
        return bytes(snapshot.body).decode("utf-8", errors="replace")

    @admin.action(description="Refresh the selected snapshots from the API now")
    def refresh_now(self, request: HttpRequest, queryset: QuerySet) -> None:
        specs = [self.spec_of(row) for row in queryset]
        try:
            count = services.refresh_snapshots(specs, force=True)
        except SevenDigitalError as error:
            self.message_user(request, f"The API failed: {error}", messages.ERROR)
            return
        self.message_user(request, f"{count} snapshot(s) refreshed.", messages.SUCCESS)


@admin.register(ChartSnapshot)
class ChartSnapshotAdmin(SnapshotAdmin):
    list_display = ("__str__", "kind", "period", "country", "fetched_at")
    list_filter = ("kind", "period", "country")
    readonly_fields = ("kind", "period", *SnapshotAdmin.readonly_fields)

    @staticmethod
    def spec_of(row: ChartSnapshot) -> services.SnapshotSpec:
        return services.chart_spec(kind=row.kind, period=row.period, country=row.country)


@admin.register(EditorialSnapshot)
class EditorialSnapshotAdmin(SnapshotAdmin):
    list_display = ("__str__", "source", "key", "country", "fetched_at")
    list_filter = ("source", "country")
    search_fields = ("key",)
    readonly_fields = ("source", "key", *SnapshotAdmin.readonly_fields)

    @staticmethod
    def spec_of(row: EditorialSnapshot) -> services.SnapshotSpec:
        if row.source == EditorialSnapshot.Source.LIST:
            return services.editorial_spec(key=row.key, country=row.country)
        return services.new_releases_spec(tag=row.key, country=row.country)
