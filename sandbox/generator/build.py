"""Generate the whole catalogue: plan, simulate, derive, then write in one transaction."""

import time
from dataclasses import dataclass, field
from datetime import date

from django.apps import apps
from django.db import connection, transaction

from sandbox import models as m
from sandbox.search import rebuild_search_index

from . import popularity, rows
from .editorial import editorial_lists
from .plan import CataloguePlan, plan_catalogue
from .related import recommendations, similar_artists
from .sales import SALES_DAYS, Sales, simulate_sales
from .translations import translation_rows
from .writer import Progress, TableWriter, reset_sequences

SIZES = {"tiny": 1_000, "demo": 10_000, "small": 100_000, "million": 1_000_000}
# Every table the generator fills, parents before children (also the delete order, reversed).
CATALOGUE_MODELS = [
    m.Country,
    m.PriceTier,
    m.Translation,
    m.Tag,
    m.Licensor,
    m.Label,
    m.Artist,
    m.Release,
    m.Track,
    m.Sale,
    m.ArtistSimilarity,
    m.ReleaseRecommendation,
    m.EditorialList,
    m.EditorialListItem,
]


@dataclass
class Summary:
    seed: int
    today: date
    written: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


@dataclass
class _Derived:
    sales: Sales
    artist_pop: dict[int, float]
    release_pop: dict[int, float]
    track_pop: dict[int, float]
    similar: list
    recommended: list
    lists: dict


def catalogue_exists() -> bool:
    return m.Release.objects.exists()


def clear_catalogue() -> None:
    """Delete the generated catalogue, and every row elsewhere that points into it.

    Rows of other tables that reference the catalogue (baskets, purchases...) go
    through the ORM, so their own cascades run; the catalogue's tables, which can
    hold millions of rows, are emptied with one DELETE each.
    """
    ours = _catalogue_tables()
    with transaction.atomic():
        for model in apps.get_models(include_auto_created=True):
            if model._meta.db_table not in ours and _points_into(model, ours):
                model.objects.all().delete()
        with connection.cursor() as cursor:
            for table in ours:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # noqa: S608  # nosec B608  # quoted names of our own tables
        # The translation bundles are the API's, not the catalogue's: an empty sandbox
        # answers `translations` as a fresh one does (migration 0008).
        m.Translation.objects.bulk_create(
            m.Translation(language=language, key=key, text=text)
            for language, key, text in translation_rows()
        )


def _catalogue_tables() -> list[str]:
    """The tables of CATALOGUE_MODELS and their tag links, children first."""
    tables = []
    for model in reversed(CATALOGUE_MODELS):
        tables += [f.remote_field.through._meta.db_table for f in model._meta.local_many_to_many]
        tables.append(model._meta.db_table)
    return tables


def _points_into(model, tables: list[str]) -> bool:
    return any(
        field.is_relation
        and (field.many_to_one or field.one_to_one)
        and field.related_model._meta.db_table in tables
        for field in model._meta.concrete_fields
    )


def generate_catalogue(*, tracks: int, seed: int, today: date, progress: Progress) -> Summary:
    """Generate a catalogue of exactly `tracks` tracks into an empty sandbox database."""
    started = time.monotonic()
    with progress.phase("Planning", total=tracks, unit="tracks") as advance:
        plan = plan_catalogue(seed=seed, tracks=tracks, today=today, on_tracks=advance)
    derived = _derive(plan, progress)
    with transaction.atomic():
        written = _write(plan, derived, progress)
        reset_sequences(CATALOGUE_MODELS)
    written["sandbox.SearchWord"] = _index_for_search(progress)
    _analyze()
    return Summary(seed, today, written, round(time.monotonic() - started, 1))


def _derive(plan: CataloguePlan, progress: Progress) -> _Derived:
    with progress.phase("Simulating sales", total=SALES_DAYS, unit="days") as advance:
        sales = simulate_sales(plan, on_day=lambda: advance(1))
    artist_pop = popularity.artist_popularity(plan, sales)
    release_pop = popularity.release_popularity(plan, sales)
    with progress.phase("Similar artists", total=len(plan.artists), unit="artists") as advance:
        similar = similar_artists(plan, artist_pop, sales.artist_profiles, advance)
    with progress.phase("Recommendations", total=len(plan.releases), unit="releases") as advance:
        recommended = recommendations(plan, release_pop, similar, advance)
    return _Derived(
        sales=sales,
        artist_pop=artist_pop,
        release_pop=release_pop,
        track_pop=popularity.track_popularity(plan, sales),
        similar=similar,
        recommended=recommended,
        lists=editorial_lists(plan, release_pop, sales.by_country),
    )


def _write(plan: CataloguePlan, derived: _Derived, progress: Progress) -> dict[str, int]:
    total = (
        _reference_row_count(plan)
        + sum(1 + len(a.tags) for a in plan.artists)
        + sum(1 + len(r.tags) + r.track_count for r in plan.releases)
        + len(derived.sales.rows)
        + len(derived.similar)
        + len(derived.recommended)
        + sum(1 + len(ids) for ids in derived.lists.values())
    )
    # Every database has the translation bundles (migration 0008): written anew.
    m.Translation.objects.all().delete()
    with progress.phase("Writing", total=total, unit="rows") as advance:
        writer = TableWriter(rows.COLUMNS, on_rows=advance)
        writer.add_all(rows.reference_rows(popularity.tag_counts(plan)))
        writer.add_all(rows.label_rows(plan))
        writer.add_all(rows.artist_rows(plan, derived.artist_pop))
        writer.add_all(rows.release_rows(plan, derived.release_pop, derived.track_pop))
        writer.add_all(rows.numbered(m.Sale, derived.sales.rows))
        writer.add_all(rows.numbered(m.ArtistSimilarity, derived.similar))
        writer.add_all(rows.numbered(m.ReleaseRecommendation, derived.recommended))
        writer.add_all(rows.editorial_rows(derived.lists))
        writer.close()
    return writer.written


def _analyze() -> None:
    """Give the query planner statistics for the freshly filled tables.

    Without them SQLite picks slow plans for chart and search queries on a big
    catalogue, and PostgreSQL waits for autovacuum to notice millions of new rows.
    """
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _index_for_search(progress: Progress) -> int:
    """Build search's word index from the finished catalogue (popularity included)."""
    with progress.phase("Indexing for search", total=None, unit="words") as advance:
        done = 0

        def report(_kind: str, rows_so_far: int) -> None:
            nonlocal done
            advance(rows_so_far - done)
            done = rows_so_far

        return rebuild_search_index(report)


def _reference_row_count(plan: CataloguePlan) -> int:
    # Counted, not computed: cheap, and the bar's total stays exact.
    return sum(1 for _ in rows.reference_rows({})) + len(plan.labels)
