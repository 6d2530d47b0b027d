"""The store's Celery app with a beat schedule fast enough for a test to watch.

    celery -A tests.faults.beat_app worker / beat

Same app, tasks and settings as `storefront.celery_app`; only the schedule differs:
the GB charts every 2 seconds, forced (a refresh normally waits until a snapshot is
due, hours away), so each run moves the snapshots' `fetched_at` on.
"""

from storefront.celery_app import app

app.conf.beat_schedule = {
    "refresh-charts": {
        "task": "catalogue.refresh_charts",
        "schedule": 2.0,
        "kwargs": {"countries": ["GB"], "force": True},
        "options": {"expires": 10},
    },
}

__all__ = ["app"]
