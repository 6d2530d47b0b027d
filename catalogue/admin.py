"""Staff curate the shop window here; snapshots are shown for inspection and refresh."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from catalogue import services, slot_services
from catalogue.admin_forms import EditorialSlotForm, SlotTargetWidget
from catalogue.admin_views import SlotViewsMixin, StateFilter
from catalogue.models import (
    ChartSnapshot,
    EditorialSlot,
    EditorialSlotText,
    EditorialSnapshot,
    Snapshot,
)
from sevendigital import SevenDigitalError
from storefront.reads import forget_local


class EditorialSlotTextInline(admin.StackedInline):
    """The slot's title and text per language; a language left out shows the English."""

    model = EditorialSlotText
    extra = 0
    fields = ("language", "title", "text")


@admin.register(EditorialSlot)
class EditorialSlotAdmin(SlotViewsMixin, admin.ModelAdmin):
    form = EditorialSlotForm
    inlines = (EditorialSlotTextInline,)
    list_display = (
        "cover",
        "display_title",
        "kind",
        "order_buttons",
        "target_label",
        "territory_label",
        "language_label",
        "state_label",
        "publish_start",
        "publish_end",
    )
    list_display_links = ("display_title",)
    list_filter = (StateFilter, "kind", "territory", "language", "target_type", "is_active")
    ordering = ("kind", "position", "id")
    search_fields = ("title", "text", "target", "target_title", "target_artist")
    date_hierarchy = "publish_start"
    readonly_fields = ("chosen_target", "problem", "checked_at")
    fieldsets = (
        (_("Links to"), {"fields": ("target_type", "target", "chosen_target", "problem")}),
        (None, {"fields": ("title", "text", "kind", "image")}),
        (
            _("Shown"),
            {"fields": ("territory", "language", "publish_start", "publish_end", "is_active")},
        ),
    )

    def get_form(self, request: HttpRequest, obj=None, change=False, **kwargs):
        lookup = reverse("admin:catalogue_editorialslot_lookup")
        kwargs["widgets"] = {"target": SlotTargetWidget(lookup_url=lookup)}
        return super().get_form(request, obj, change, **kwargs)

    def save_model(self, request: HttpRequest, obj: EditorialSlot, form, change: bool) -> None:
        if not change:
            obj.position = slot_services.slot_position_last(kind=obj.kind)
        super().save_model(request, obj, form, change)
        forget_local()  # this process's home page shows the change at once

    @admin.display(description=_("Cover"))
    def cover(self, slot: EditorialSlot) -> str:
        image = slot.image.url if slot.image else slot.target_image
        if not image:
            return "-"
        return format_html(
            '<img class="slot-thumb" src="{}" alt="" width="48" height="48" loading="lazy">',
            image,
        )

    @admin.display(description=_("Title"), ordering="title")
    def display_title(self, slot: EditorialSlot) -> str:
        return slot.display_title

    @admin.display(description=_("Links to"))
    def target_label(self, slot: EditorialSlot) -> str:
        what = slot.get_target_type_display()
        if slot.target_title:
            return f"{what}: {slot.target_title}" + (
                f" · {slot.target_artist}" if slot.target_artist else ""
            )
        return f"{what}: {slot.target}"

    @admin.display(description=_("What it links to"))
    def chosen_target(self, slot: EditorialSlot) -> str:
        return render_to_string("admin/catalogue/editorialslot/_chosen.html", {"slot": slot})

    @admin.display(description=_("Territory"), ordering="territory")
    def territory_label(self, slot: EditorialSlot) -> str:
        return slot.territory or gettext("All")

    @admin.display(description=_("Language"), ordering="language")
    def language_label(self, slot: EditorialSlot) -> str:
        return slot.get_language_display() if slot.language else gettext("All")

    @admin.display(description=_("State"))
    def state_label(self, slot: EditorialSlot) -> str:
        state = slot.state(timezone.now())
        title = slot.problem or state.label
        return format_html(
            '<span class="slot-state slot-state--{}" title="{}">{}</span>',
            state.value,
            title,
            state.label,
        )

    @admin.display(description=_("Order"), ordering="position")
    def order_buttons(self, slot: EditorialSlot) -> str:
        return render_to_string("admin/catalogue/editorialslot/_order.html", {"slot": slot})


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

    @admin.display(description=_("Size (bytes)"))
    def size(self, snapshot: Snapshot) -> int:
        return len(snapshot.body)

    @admin.display(description=_("Response body"))
    def body_text(self, snapshot: Snapshot) -> str:
        return bytes(snapshot.body).decode("utf-8", errors="replace")

    @admin.action(description=_("Refresh the selected snapshots from the API now"))
    def refresh_now(self, request: HttpRequest, queryset: QuerySet) -> None:
        specs = [self.spec_of(row) for row in queryset]
        try:
            count = services.refresh_snapshots(specs, force=True)
        except SevenDigitalError as error:
            self.message_user(
                request, gettext("The API failed: %(error)s") % {"error": error}, messages.ERROR
            )
            return
        message = ngettext(
            "%(count)d snapshot(s) refreshed.", "%(count)d snapshot(s) refreshed.", count
        ) % {"count": count}
        self.message_user(request, message, messages.SUCCESS)


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
