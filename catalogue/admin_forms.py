"""The editorial slot form staff fill in: a target found by name, checked on save."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalogue.models import EditorialSlot, language_choices, territory_choices
from catalogue.slot_targets import TargetError, target_resolve


class SlotTargetWidget(forms.Select):
    """A select2 box (Django admin's own copy) that searches the catalogue as staff
    type; a URL or id typed in is kept as it is and checked on save."""

    template_name = "django/forms/widgets/select.html"

    class Media:
        css = {
            "screen": (
                "admin/css/vendor/select2/select2.min.css",
                "admin/css/autocomplete.css",
                "catalogue/admin/slots.css",
            )
        }
        js = (
            "admin/js/vendor/jquery/jquery.min.js",
            "admin/js/vendor/select2/select2.full.min.js",
            "admin/js/jquery.init.js",
            "catalogue/admin/slot_target.js",
        )

    def __init__(self, lookup_url: str = "", attrs: dict | None = None):
        super().__init__(attrs={"class": "slot-target-select", **(attrs or {})})
        self.lookup_url = lookup_url

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-lookup-url"] = self.lookup_url
        return context


class EditorialSlotForm(forms.ModelForm):
    class Meta:
        model = EditorialSlot
        fields = (  # no position: slots move with the list's up/down buttons
            "target_type",
            "target",
            "title",
            "text",
            "kind",
            "image",
            "territory",
            "language",
            "publish_start",
            "publish_end",
            "is_active",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        target = self.fields["target"]
        target.widget.attrs["style"] = "width: 32em"
        current = self.initial.get("target") or ""
        label = self.instance.target_title or current
        target.widget.choices = [("", ""), (current, label)] if current else [("", "")]

    def clean(self) -> dict:
        data = super().clean()
        kind, raw = data.get("target_type"), data.get("target")
        if not kind or not raw or "target" in self.errors:
            return data
        if kind not in EditorialSlot.CATALOGUE_TARGETS:
            return data
        country = data.get("territory") or settings.SEVENDIGITAL_DEFAULT_COUNTRY
        try:
            found = target_resolve(kind=kind, raw=raw, country=country)
        except TargetError as error:
            self.add_error("target", str(error))
            return data
        data["target"] = found.id
        for field, value in found.slot_fields().items():
            setattr(self.instance, field, value)
        self.instance.problem, self.instance.checked_at = "", timezone.now()
        return data


class PreviewForm(forms.Form):
    """When, where and in which language to show the home page."""

    at = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    territory = forms.ChoiceField(choices=lambda: territory_choices()[1:])
    language = forms.ChoiceField(choices=lambda: language_choices()[1:])
