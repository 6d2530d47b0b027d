"""Celery tasks: thin wrappers that refresh the home-page and chart snapshots.

Beat runs them (schedule in storefront/celery_app.py). Each refreshes only what is
due, so a retry after an API failure picks up where the run stopped. Late
acknowledgement: a worker that dies mid-run leaves the task to another.
"""

from celery import shared_task

from catalogue import services, slot_services
from catalogue.slot_targets import TargetUnknownNow
from sevendigital import RateLimitedError, TransportError

REFRESH_OPTIONS = {
    "autoretry_for": (TransportError, RateLimitedError),
    "retry_backoff": 30,  # 30 s, 60 s, 120 s (with jitter)
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 3,
    "acks_late": True,
    "soft_time_limit": 240,
    "time_limit": 300,
    "ignore_result": True,
}


@shared_task(name="catalogue.refresh_charts", **REFRESH_OPTIONS)
def refresh_charts(countries: list[str] | None = None, force: bool = False) -> int:
    """Page 1 of each chart (kind x period) of each shop territory that is due."""
    return services.refresh_charts(countries=countries, force=force)


@shared_task(name="catalogue.refresh_editorial", **REFRESH_OPTIONS)
def refresh_editorial(countries: list[str] | None = None, force: bool = False) -> int:
    """The home page's 7digital editorial lists in each territory that are due, and
    the catalogue's words (translations) in every shop language there."""
    refreshed = services.refresh_editorial(countries=countries, force=force)
    return refreshed + services.refresh_terms(countries=countries, force=force)


@shared_task(name="catalogue.refresh_new_releases", **REFRESH_OPTIONS)
def refresh_new_releases(countries: list[str] | None = None, force: bool = False) -> int:
    """The home page's new releases per featured tag in each territory that are due."""
    return services.refresh_new_releases(countries=countries, force=force)


@shared_task(
    name="catalogue.check_slot_targets",
    **{**REFRESH_OPTIONS, "autoretry_for": (TargetUnknownNow,)},
)
def check_slot_targets() -> int:
    """Mark the editorial slots whose target is gone or not sold where they show."""
    return slot_services.slot_check_targets()
