"""The editorial slot admin's own pages: the target lookup behind the autocomplete,
the up/down buttons, the state filter, and the home page preview."""

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from catalogue import selectors, slot_services
from catalogue.admin_forms import PreviewForm
from catalogue.models import EditorialSlot, current_language
from catalogue.slot_targets import TargetUnknownNow, target_search
from sevendigital import SevenDigitalError


class StateFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return EditorialSlot.State.choices

    def queryset(self, request, queryset):
        if self.value() in EditorialSlot.State.values:
            return queryset.with_state(self.value(), timezone.now())
        return queryset


class SlotViewsMixin:
    """URLs under the slot admin: lookup/, preview/, <id>/move/."""

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("lookup/", wrap(self.lookup_view), name="catalogue_editorialslot_lookup"),
            path("preview/", wrap(self.preview_view), name="catalogue_editorialslot_preview"),
            path("<int:slot_id>/move/", wrap(self.move_view), name="catalogue_editorialslot_move"),
            *super().get_urls(),
        ]

    def _require(self, allowed: bool) -> None:
        if not allowed:
            raise PermissionDenied

    def lookup_view(self, request: HttpRequest) -> JsonResponse:
        """select2's results for `term`: catalogue items of the slot's `kind`."""
        self._require(self.has_add_permission(request) or self.has_change_permission(request))
        territory = request.GET.get("territory", "")
        if territory not in settings.STORE_TERRITORIES:
            territory = settings.SEVENDIGITAL_DEFAULT_COUNTRY
        kind = request.GET.get("kind", EditorialSlot.Target.RELEASE)
        try:
            found = target_search(
                kind=kind, term=request.GET.get("term", "")[:100], country=territory
            )
        except (SevenDigitalError, TargetUnknownNow) as error:
            return JsonResponse(
                {
                    "results": [],
                    "error": _("The catalogue is not answering: %(error)s") % {"error": error},
                }
            )
        return JsonResponse(
            {"results": [item.as_choice() for item in found], "pagination": {"more": False}}
        )

    @staticmethod
    def _back(request: HttpRequest) -> str:
        back = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return back
        return reverse("admin:catalogue_editorialslot_changelist")

    def move_view(self, request: HttpRequest, slot_id: int) -> HttpResponse:
        return require_POST(self._move)(request, slot_id)

    def _move(self, request: HttpRequest, slot_id: int) -> HttpResponse:
        slot = get_object_or_404(EditorialSlot, pk=slot_id)
        self._require(self.has_change_permission(request, slot))
        direction = request.POST.get("direction")
        if direction not in (slot_services.UP, slot_services.DOWN):
            messages.error(request, _("Choose up or down."))
        else:
            slot_services.slot_move(slot_id=slot.pk, direction=direction)
            if direction == slot_services.UP:
                moved = _("“%(title)s” moved up.")
            else:
                moved = _("“%(title)s” moved down.")
            messages.success(request, moved % {"title": slot.display_title})
        return redirect(self._back(request))

    def preview_view(self, request: HttpRequest) -> HttpResponse:
        return require_safe(self._preview)(request)

    def _preview(self, request: HttpRequest) -> HttpResponse:
        self._require(self.has_view_permission(request))
        initial = {
            "at": timezone.localtime().replace(second=0, microsecond=0),
            "territory": settings.SEVENDIGITAL_DEFAULT_COUNTRY,
            "language": current_language(),
        }
        form = PreviewForm(request.GET if "at" in request.GET else None, initial=initial)
        if not form.is_valid():
            context = {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": _("Preview the home page"),
                "form": form,
            }
            return TemplateResponse(
                request, "admin/catalogue/editorialslot/preview_form.html", context
            )
        at, country = form.cleaned_data["at"], form.cleaned_data["territory"]
        language = form.cleaned_data["language"]
        try:
            fetched = selectors.home_preview(country=country, at=at, language=language)
        except SevenDigitalError as error:
            messages.error(
                request, _("The home page cannot be built now: %(error)s") % {"error": error}
            )
            return redirect(reverse("admin:catalogue_editorialslot_preview"))
        when = timezone.localtime(at).strftime("%d %b %Y %H:%M")
        messages.info(
            request,
            _(
                "Preview: the home page in %(country)s (%(language)s) at %(when)s. "
                "Nothing is published by looking."
            )
            % {"country": country, "language": language, "when": when},
        )
        with translation.override(language or translation.get_language()):
            terms = selectors.catalogue_terms(language=translation.get_language(), country=country)
            context = {"fetched": fetched, "terms": terms, "stale": fetched.stale}
            return TemplateResponse(request, "catalogue/home.html", context).render()
