"""Writes of the catalogue: the snapshots behind the home and chart pages.

Celery beat calls the `refresh_*` services every few minutes; each refreshes only the
snapshots that have reached their lifetime (`snapshot:*` in
`settings.CATALOGUE_CACHE_SECONDS`), so how often beat runs does not decide how many
API calls are spent: a prototype key has 4,000 a day for everything.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from catalogue.models import ChartSnapshot, EditorialSnapshot, Snapshot
from catalogue.terms import SHOP_LANGUAGES
from sevendigital import SevenDigitalError
from storefront import reads
from storefront.api import RawAnswer, fetch_raw

logger = logging.getLogger(__name__)

CHART_OPERATIONS = {
    "release": "get_release_chart",
    "track": "get_track_chart",
    "artist": "get_artist_chart",
}
# The periods of `ChartSnapshot.Period`, in the order the charts page offers them.
CHART_PERIODS = {"week": _("This week"), "month": _("This month"), "day": _("Today")}
CHART_PAGE_SIZE = 20  # page 1 of every chart is kept; later pages are read live
NEW_RELEASES_PAGE_SIZE = 12
TRANSLATIONS_PAGE_SIZE = 5000  # a whole bundle in one page, as 7digital answers it
# Beat runs every 15-30 minutes: a snapshot due within this margin is refreshed on
# this run rather than a whole interval late.
DUE_MARGIN_SECONDS = 120


@dataclass(frozen=True)
class SnapshotSpec:
    """What one snapshot row is: its model and unique fields, and the API read."""

    model: type[Snapshot]
    identity: tuple[tuple[str, str], ...]
    operation: str
    params: tuple[tuple[str, Any], ...]
    lifetime_name: str

    @property
    def lifetime(self) -> int:
        return settings.CATALOGUE_CACHE_SECONDS[self.lifetime_name]

    def fetch(self) -> RawAnswer:
        """The API's answer (HTTP only: safe to run in a worker thread)."""
        return fetch_raw(self.operation, **dict(self.params))

    def matches(self, row: Snapshot) -> bool:
        return all(getattr(row, field) == value for field, value in self.identity)


def chart_spec(*, kind: str, period: str, country: str) -> SnapshotSpec:
    return SnapshotSpec(
        model=ChartSnapshot,
        identity=(("kind", kind), ("period", period), ("country", country)),
        operation=CHART_OPERATIONS[kind],
        params=(
            ("period", period),
            ("country", country),
            ("page", 1),
            ("page_size", CHART_PAGE_SIZE),
        ),
        lifetime_name=f"snapshot:chart:{period}",
    )


def editorial_spec(*, key: str, country: str) -> SnapshotSpec:
    return SnapshotSpec(
        model=EditorialSnapshot,
        identity=(("source", EditorialSnapshot.Source.LIST), ("key", key), ("country", country)),
        operation="get_editorial_list",
        params=(("key", key), ("country", country)),
        lifetime_name="snapshot:editorial",
    )


def new_releases_spec(*, tag: str, country: str) -> SnapshotSpec:
    source = EditorialSnapshot.Source.NEW_RELEASES
    return SnapshotSpec(
        model=EditorialSnapshot,
        identity=(("source", source), ("key", tag), ("country", country)),
        operation="get_new_releases_by_tags",
        params=(("tags", tag), ("country", country), ("page_size", NEW_RELEASES_PAGE_SIZE)),
        lifetime_name="snapshot:new-releases",
    )


def snapshot_time() -> datetime:
    """Now, on the same clock as the cached reads (tests move it forward)."""
    return datetime.fromtimestamp(reads.now(), tz=UTC)


def find_snapshots(specs: Iterable[SnapshotSpec]) -> dict[SnapshotSpec, Snapshot]:
    """The stored rows of these specs, one query per model; bodies load when parsed."""
    found: dict[SnapshotSpec, Snapshot] = {}
    by_model: dict[type[Snapshot], list[SnapshotSpec]] = {}
    for spec in specs:
        by_model.setdefault(spec.model, []).append(spec)
    for model, group in by_model.items():
        # A territory has a few dozen rows at most: fetching them all and matching
        # here is cheaper than compiling an OR of every spec's fields.
        countries = {dict(spec.identity)["country"] for spec in group}
        for row in model.objects.filter(country__in=countries).defer("body"):
            for spec in group:
                if spec.matches(row):
                    found[spec] = row
    return found


def store_snapshot(spec: SnapshotSpec, answer: RawAnswer) -> Snapshot:
    """Write (or replace) the snapshot row of `spec` with the API's answer."""
    row, _ = spec.model.objects.update_or_create(
        **dict(spec.identity),
        defaults={
            "body": answer.body,
            "content_type": answer.content_type,
            "fetched_at": snapshot_time(),
        },
    )
    return row


def refresh_snapshots(specs: list[SnapshotSpec], *, force: bool = False) -> int:
    """Refresh the snapshots that are due (all with `force`); how many were refreshed.

    An answer that the item does not exist (e.g. no such list in a territory) is
    logged and skipped. An API failure stops the run and is raised, so that the task
    retries later and picks up only what is still due.
    """
    at = snapshot_time()
    rows = find_snapshots(specs)
    refreshed = 0
    for spec in specs:
        row = rows.get(spec)
        if not force and row is not None and row.age(at) < spec.lifetime - DUE_MARGIN_SECONDS:
            continue
        try:
            store_snapshot(spec, spec.fetch())
        except reads.STALE_ERRORS:
            logger.warning("Snapshot refresh stopped at %s", dict(spec.identity))
            raise
        except SevenDigitalError as error:
            logger.warning("Snapshot %s not refreshed: %s", dict(spec.identity), error)
            continue
        refreshed += 1
    return refreshed


def _territories(countries: Iterable[str] | None) -> list[str]:
    return list(countries) if countries else list(settings.STORE_TERRITORIES)


def terms_read(*, language: str, country: str) -> reads.Read:
    """The `translations` read of a shop language in a territory (catalogue.terms);
    cached for its operation's lifetime (a day, settings.CATALOGUE_CACHE_SECONDS)."""
    return reads.read(
        "get_translations", locale=language, country=country, page_size=TRANSLATIONS_PAGE_SIZE
    )


def refresh_terms(*, countries: Iterable[str] | None = None, force: bool = False) -> int:
    """The catalogue's words in every shop language for each territory, when due (all
    with `force`); how many were fetched. An API failure is raised (the task retries)."""
    return reads.refresh(
        (
            terms_read(language=language, country=country)
            for country in _territories(countries)
            for language in SHOP_LANGUAGES
        ),
        force=force,
    )


def refresh_charts(*, countries: Iterable[str] | None = None, force: bool = False) -> int:
    """Page 1 of every chart kind and period in each territory of the shop."""
    specs = [
        chart_spec(kind=kind, period=period, country=country)
        for country in _territories(countries)
        for kind in CHART_OPERATIONS
        for period in CHART_PERIODS
    ]
    return refresh_snapshots(specs, force=force)


def refresh_editorial(*, countries: Iterable[str] | None = None, force: bool = False) -> int:
    """The 7digital editorial lists of the home page in each territory."""
    specs = [
        editorial_spec(key=key, country=country)
        for country in _territories(countries)
        for key in settings.STORE_EDITORIAL_KEYS
    ]
    return refresh_snapshots(specs, force=force)


def refresh_new_releases(*, countries: Iterable[str] | None = None, force: bool = False) -> int:
    """The newest releases of each featured tag of the home page in each territory."""
    specs = [
        new_releases_spec(tag=tag, country=country)
        for country in _territories(countries)
        for tag in settings.STORE_FEATURED_TAGS
    ]
    return refresh_snapshots(specs, force=force)
