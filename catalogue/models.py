"""The shop window staff curate (editorial slots) and the API snapshots Celery keeps.

Snapshots store the API's response body exactly as it came (XML) and are parsed with
`sevendigital.parse_response` when read. Raw bodies rather than pickled models: a
deploy that changes the client's models still reads every stored snapshot (pickles
of old classes can fail to load), the stored data is plain text staff can inspect,
and loading it runs no pickle from the database. Parsing costs a few milliseconds,
so each process keeps the parsed model per snapshot version (`Snapshot.parsed`).
"""

import copy
import threading
from collections import OrderedDict
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

import sevendigital


def territory_choices() -> list[tuple[str, str]]:
    return [("", _("All territories")), *((code, code) for code in settings.STORE_TERRITORIES)]


def language_choices() -> list[tuple[str, str]]:
    """Django's languages by their base code ("en", "de"), names as Django spells them."""
    names = {code.split("-")[0]: name for code, name in reversed(settings.LANGUAGES)}
    return [("", _("All languages")), *sorted(names.items(), key=lambda item: item[1])]


def translated_language_choices() -> list[tuple[str, str]]:
    """The shop's languages other than English, the source of every text."""
    return [item for item in language_choices()[1:] if item[0] != "en"]


def current_language() -> str:
    """The base code of the language pages are rendered in ("en" for "en-gb")."""
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


class EditorialSlotQuerySet(models.QuerySet):
    def live(
        self, country: str, now: datetime, language: str | None = None
    ) -> "EditorialSlotQuerySet":
        """Active slots published at `now` for `country` (or for every territory) in
        `language` (or in every language; default: the current one)."""
        return self.filter(
            Q(publish_end__isnull=True) | Q(publish_end__gt=now),
            is_active=True,
            publish_start__lte=now,
            territory__in=("", country),
            language__in=("", language or current_language()),
        ).order_by("kind", "position", "id")

    def with_state(self, state: str, now: datetime) -> "EditorialSlotQuerySet":
        """The slots in one `EditorialSlot.State` at `now` (for the admin's filter)."""
        healthy = self.filter(problem="")
        if state == EditorialSlot.State.BROKEN:
            return self.exclude(problem="")
        if state == EditorialSlot.State.SCHEDULED:
            return healthy.filter(is_active=True, publish_start__gt=now)
        if state == EditorialSlot.State.ENDED:
            return healthy.filter(publish_end__lte=now)
        if state == EditorialSlot.State.OFF:
            return healthy.filter(is_active=False).exclude(publish_end__lte=now)
        return healthy.live_any_language(now)

    def live_any_language(self, now: datetime) -> "EditorialSlotQuerySet":
        return self.filter(
            Q(publish_end__isnull=True) | Q(publish_end__gt=now),
            is_active=True,
            publish_start__lte=now,
        )


class EditorialSlot(models.Model):
    """A place in the shop window: a feature, banner or slot pointing at a release,
    an artist, a tag page or any URL, shown between its publish dates."""

    class Kind(models.TextChoices):
        FEATURE = "feature", _("Feature")
        BANNER = "banner", _("Banner")
        SLOT = "slot", _("Slot")

    class Target(models.TextChoices):
        RELEASE = "release", _("Release")
        ARTIST = "artist", _("Artist")
        TRACK = "track", _("Track")
        TAG = "tag", _("Tag")
        URL = "url", _("URL")

    class State(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        LIVE = "live", _("Live")
        ENDED = "ended", _("Ended")
        OFF = "off", _("Switched off")
        BROKEN = "broken", _("Broken")

    CATALOGUE_TARGETS = (Target.RELEASE, Target.ARTIST, Target.TRACK)

    title = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("Empty: the title of what it links to."),
        verbose_name=_("title"),
    )
    text = models.TextField(
        blank=True, help_text=_("Optional strapline under the title."), verbose_name=_("text")
    )
    kind = models.CharField(
        max_length=10, choices=Kind.choices, default=Kind.SLOT, verbose_name=_("kind")
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text=_("Lower comes first."), verbose_name=_("position")
    )
    target_type = models.CharField(_("links to a"), max_length=10, choices=Target.choices)
    target = models.CharField(
        max_length=500,
        help_text=_(
            "Type part of a name to search the catalogue; a 7digital shop URL or "
            "an id works too. Tags: e.g. indie-rock. URL: a site path (/...) or a full URL."
        ),
        verbose_name=_("target"),
    )
    image = models.ImageField(upload_to="editorial/%Y/%m/", blank=True, verbose_name=_("image"))
    territory = models.CharField(
        max_length=2,
        blank=True,
        choices=territory_choices,
        help_text=_("Empty: every territory."),
        verbose_name=_("territory"),
    )
    language = models.CharField(
        max_length=8,
        blank=True,
        choices=language_choices,
        help_text=_("Empty: every language."),
        verbose_name=_("language"),
    )
    publish_start = models.DateTimeField(default=timezone.now, verbose_name=_("publish start"))
    publish_end = models.DateTimeField(null=True, blank=True, verbose_name=_("publish end"))
    is_active = models.BooleanField(default=True, verbose_name=_("is active"))
    # What the target was when chosen (and last checked), shown in the admin.
    target_title = models.CharField(
        max_length=300, blank=True, editable=False, verbose_name=_("target title")
    )
    target_artist = models.CharField(
        max_length=300, blank=True, editable=False, verbose_name=_("target artist")
    )
    target_image = models.URLField(
        max_length=500, blank=True, editable=False, verbose_name=_("target image")
    )
    target_year = models.PositiveSmallIntegerField(
        null=True, blank=True, editable=False, verbose_name=_("target year")
    )
    # Set by the Celery check when the target is gone or not sold in the territory.
    problem = models.CharField(
        max_length=300, blank=True, editable=False, verbose_name=_("problem")
    )
    checked_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("checked at")
    )

    objects = EditorialSlotQuerySet.as_manager()

    class Meta:
        verbose_name = _("editorial slot")
        verbose_name_plural = _("editorial slots")
        ordering = ["kind", "position", "id"]
        indexes = [models.Index(fields=["is_active", "publish_start"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.display_title}"

    def get_absolute_url(self) -> str:
        """The page the slot links to (URL names resolved when asked, not at import)."""
        target = self.target.strip()
        if self.target_type == self.Target.RELEASE:
            return reverse("release-detail", kwargs={"release_id": int(target)})
        if self.target_type == self.Target.ARTIST:
            return reverse("artist-detail", kwargs={"artist_id": int(target)})
        if self.target_type == self.Target.TRACK:
            return reverse("track-detail", kwargs={"track_id": int(target)})
        if self.target_type == self.Target.TAG:
            return reverse("tag-browse", kwargs={"tags": target})
        return target

    @property
    def display_title(self) -> str:
        return self.title or self.target_title or self.target

    def in_language(self, language: str) -> "EditorialSlot":
        """This slot as shoppers reading `language` see it: its title and text in that
        language where staff wrote them (`texts`, prefetched), else the slot's own
        (English). A copy: the row itself is not changed."""
        shown = copy.copy(self)
        written = next((t for t in self.texts.all() if t.language == language), None)
        if written is not None:
            shown.title = written.title or self.title
            shown.text = written.text or self.text
        return shown

    def state(self, now: datetime) -> "EditorialSlot.State":
        if self.problem:
            return self.State.BROKEN
        if self.publish_end is not None and self.publish_end <= now:
            return self.State.ENDED
        if not self.is_active:
            return self.State.OFF
        return self.State.SCHEDULED if self.publish_start > now else self.State.LIVE

    def clean(self) -> None:
        if self.target_type in self.CATALOGUE_TARGETS:
            if not self.target.strip().isdigit():
                raise ValidationError({"target": _("Give the 7digital id (digits only).")})
        elif self.target_type == self.Target.TAG and slugify(self.target) != self.target:
            raise ValidationError({"target": _("Give the tag id, e.g. indie-rock.")})
        elif self.target_type == self.Target.URL and not self.target.startswith(("/", "http")):
            raise ValidationError({"target": _("Give a site path (/...) or a full URL.")})
        if self.publish_start and self.publish_end and self.publish_end <= self.publish_start:
            raise ValidationError({"publish_end": _("The slot must end after it starts.")})


class EditorialSlotText(models.Model):
    """A slot's title and text in another language than English (the slot's own)."""

    slot = models.ForeignKey(EditorialSlot, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(max_length=8, choices=translated_language_choices)
    title = models.CharField(max_length=200, blank=True, help_text="Empty: the English title.")
    text = models.TextField(blank=True, help_text="Empty: the English strapline.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["slot", "language"], name="one_text_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.get_language_display()}: {self.title or self.slot.display_title}"


# --- Snapshots ------------------------------------------------------------------------

_PARSED_LIMIT = 512
_parsed: "OrderedDict[tuple, Any]" = OrderedDict()
_parsed_lock = threading.Lock()


class Snapshot(models.Model):
    """An API response kept in the database, refreshed by Celery beat."""

    country = models.CharField(max_length=2, verbose_name=_("country"))
    fetched_at = models.DateTimeField(verbose_name=_("fetched at"))
    body = models.BinaryField(verbose_name=_("body"))
    content_type = models.CharField(
        max_length=100, default="application/xml", verbose_name=_("content type")
    )

    class Meta:
        abstract = True

    def parsed(self) -> Any:
        """The model of the stored body, parsed once per process and version."""
        key = (self._meta.label, self.pk, self.fetched_at)
        with _parsed_lock:
            if key in _parsed:
                _parsed.move_to_end(key)
                return _parsed[key]
        value = sevendigital.parse_response(bytes(self.body))
        with _parsed_lock:
            _parsed[key] = value
            while len(_parsed) > _PARSED_LIMIT:
                _parsed.popitem(last=False)
        return value

    def age(self, now: datetime) -> float:
        return (now - self.fetched_at).total_seconds()


class ChartSnapshot(Snapshot):
    """Page 1 of a chart (release/track/artist x day/week/month) in one territory."""

    class Kind(models.TextChoices):
        RELEASE = "release", _("Releases")
        TRACK = "track", _("Tracks")
        ARTIST = "artist", _("Artists")

    class Period(models.TextChoices):
        DAY = "day", _("Day")
        WEEK = "week", _("Week")
        MONTH = "month", _("Month")

    kind = models.CharField(max_length=10, choices=Kind.choices, verbose_name=_("kind"))
    period = models.CharField(max_length=10, choices=Period.choices, verbose_name=_("period"))

    class Meta:
        verbose_name = _("chart snapshot")
        verbose_name_plural = _("chart snapshots")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "period", "country"], name="unique_chart_snapshot"
            )
        ]
        ordering = ["country", "kind", "period"]

    def __str__(self) -> str:
        return _("%(kind)s chart, %(period)s, %(country)s") % {
            "kind": self.get_kind_display(),
            "period": self.period,
            "country": self.country,
        }


class EditorialSnapshot(Snapshot):
    """A home-page list in one territory: a 7digital editorial/list by key, or the
    new releases of a featured tag (release/bytag/new)."""

    class Source(models.TextChoices):
        LIST = "list", _("Editorial list")
        NEW_RELEASES = "new-releases", _("New releases by tag")

    source = models.CharField(max_length=20, choices=Source.choices, verbose_name=_("source"))
    key = models.CharField(
        max_length=100, help_text=_("The list key or the tag id."), verbose_name=_("key")
    )

    class Meta:
        verbose_name = _("editorial snapshot")
        verbose_name_plural = _("editorial snapshots")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "key", "country"], name="unique_editorial_snapshot"
            )
        ]
        ordering = ["country", "source", "key"]

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.key!r}, {self.country}"
