"""The shop window staff curate (editorial slots) and the API snapshots Celery keeps.

Snapshots store the API's response body exactly as it came (XML) and are parsed with
`sevendigital.parse_response` when read. Raw bodies rather than pickled models: a
deploy that changes the client's models still reads every stored snapshot (pickles
of old classes can fail to load), the stored data is plain text staff can inspect,
and loading it runs no pickle from the database. Parsing costs a few milliseconds,
so each process keeps the parsed model per snapshot version (`Snapshot.parsed`).
"""

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

import sevendigital


def territory_choices() -> list[tuple[str, str]]:
    return [("", "All territories"), *((code, code) for code in settings.STORE_TERRITORIES)]


class EditorialSlotQuerySet(models.QuerySet):
    def live(self, country: str, now: datetime) -> "EditorialSlotQuerySet":
        """Active slots published at `now` for `country` (or for every territory)."""
        return self.filter(
            Q(publish_end__isnull=True) | Q(publish_end__gt=now),
            is_active=True,
            publish_start__lte=now,
            territory__in=("", country),
        ).order_by("kind", "position", "id")


class EditorialSlot(models.Model):
    """A place in the shop window: a feature, banner or slot pointing at a release,
    an artist, a tag page or any URL, shown between its publish dates."""

    class Kind(models.TextChoices):
        FEATURE = "feature", "Feature"
        BANNER = "banner", "Banner"
        SLOT = "slot", "Slot"

    class Target(models.TextChoices):
        RELEASE = "release", "Release (7digital id)"
        ARTIST = "artist", "Artist (7digital id)"
        TAG = "tag", "Tag (e.g. indie-rock)"
        URL = "url", "URL"

    title = models.CharField(max_length=200)
    text = models.TextField(blank=True, help_text="Optional strapline under the title.")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.SLOT)
    position = models.PositiveSmallIntegerField(default=0, help_text="Lower comes first.")
    target_type = models.CharField(max_length=10, choices=Target.choices)
    target = models.CharField(max_length=500, help_text="The id, tag or URL to link to.")
    image = models.ImageField(upload_to="editorial/%Y/%m/", blank=True)
    territory = models.CharField(
        max_length=2, blank=True, choices=territory_choices, help_text="Empty: every territory."
    )
    publish_start = models.DateTimeField(default=timezone.now)
    publish_end = models.DateTimeField(null=True, blank=True)
    is_active = models.BooleanField(default=True)

    objects = EditorialSlotQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "position", "id"]
        indexes = [models.Index(fields=["is_active", "publish_start"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"

    def get_absolute_url(self) -> str:
        """The page the slot links to (URL names resolved when asked, not at import)."""
        target = self.target.strip()
        if self.target_type == self.Target.RELEASE:
            return reverse("release-detail", kwargs={"release_id": int(target)})
        if self.target_type == self.Target.ARTIST:
            return reverse("artist-detail", kwargs={"artist_id": int(target)})
        if self.target_type == self.Target.TAG:
            return reverse("tag-browse", kwargs={"tags": target})
        return target

    def clean(self) -> None:
        if self.target_type in (self.Target.RELEASE, self.Target.ARTIST):
            if not self.target.strip().isdigit():
                raise ValidationError({"target": "Give the 7digital id (digits only)."})
        elif self.target_type == self.Target.TAG and slugify(self.target) != self.target:
            raise ValidationError({"target": "Give the tag id, e.g. indie-rock."})
        elif self.target_type == self.Target.URL and not self.target.startswith(("/", "http")):
            raise ValidationError({"target": "Give a site path (/...) or a full URL."})
        if self.publish_start and self.publish_end and self.publish_end <= self.publish_start:
            raise ValidationError({"publish_end": "The slot must end after it starts."})


# --- Snapshots ------------------------------------------------------------------------

_PARSED_LIMIT = 512
_parsed: "OrderedDict[tuple, Any]" = OrderedDict()
_parsed_lock = threading.Lock()


class Snapshot(models.Model):
    """An API response kept in the database, refreshed by Celery beat."""

    country = models.CharField(max_length=2)
    fetched_at = models.DateTimeField()
    body = models.BinaryField()
    content_type = models.CharField(max_length=100, default="application/xml")

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
        RELEASE = "release", "Releases"
        TRACK = "track", "Tracks"
        ARTIST = "artist", "Artists"

    class Period(models.TextChoices):
        DAY = "day", "Day"
        WEEK = "week", "Week"
        MONTH = "month", "Month"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    period = models.CharField(max_length=10, choices=Period.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "period", "country"], name="unique_chart_snapshot"
            )
        ]
        ordering = ["country", "kind", "period"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} chart, {self.period}, {self.country}"


class EditorialSnapshot(Snapshot):
    """A home-page list in one territory: a 7digital editorial/list by key, or the
    new releases of a featured tag (release/bytag/new)."""

    class Source(models.TextChoices):
        LIST = "list", "Editorial list"
        NEW_RELEASES = "new-releases", "New releases by tag"

    source = models.CharField(max_length=20, choices=Source.choices)
    key = models.CharField(max_length=100, help_text="The list key or the tag id.")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "key", "country"], name="unique_editorial_snapshot"
            )
        ]
        ordering = ["country", "source", "key"]

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.key!r}, {self.country}"
