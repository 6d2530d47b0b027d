"""Celery tasks of the staff app: thin wrappers around its services."""

from celery import shared_task

from staff.dashboard import PERIODS, count_figures


@shared_task(name="staff.count_dashboard", ignore_result=True, soft_time_limit=240, time_limit=300)
def count_dashboard() -> None:
    """Count the dashboard's figures for every period, so no page view waits for them."""
    for days in PERIODS:
        count_figures(days=days)
