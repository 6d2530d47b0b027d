import os
from pathlib import Path

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "storefront.settings.local")

MINUTE = 60

app = Celery("storefront")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Each task refreshes only what is due (see catalogue/services.py); `expires` drops
# runs that waited in the queue past their use, so a dead broker or worker does not
# leave a backlog to replay.
app.conf.beat_schedule = {
    "refresh-charts": {
        "task": "catalogue.refresh_charts",
        "schedule": 15 * MINUTE,
        "options": {"expires": 10 * MINUTE},
    },
    "refresh-editorial": {
        "task": "catalogue.refresh_editorial",
        "schedule": 30 * MINUTE,
        "options": {"expires": 20 * MINUTE},
    },
    "check-slot-targets": {
        "task": "catalogue.check_slot_targets",
        "schedule": 30 * MINUTE,
        "options": {"expires": 20 * MINUTE},
    },
    # The staff dashboard's sales figures (staff/dashboard.py): counted before they expire.
    "count-dashboard": {
        "task": "staff.count_dashboard",
        "schedule": 4 * MINUTE,
        "options": {"expires": 3 * MINUTE},
    },
    "refresh-new-releases": {
        "task": "catalogue.refresh_new_releases",
        "schedule": 30 * MINUTE,
        "options": {"expires": 20 * MINUTE},
    },
    # Wishlist price alerts (accounts): once a day, a run may take a while.
    "check-wishlist-prices": {
        "task": "accounts.check_wishlist_prices",
        "schedule": 24 * 60 * MINUTE,
        "options": {"expires": 12 * 60 * MINUTE},
    },
    # Purchases whose outcome is unknown (checkout): settled from the locker, never re-sent.
    "reconcile-unknown-purchases": {
        "task": "checkout.reconcile_unknown_purchases",
        "schedule": 3 * MINUTE,
        "options": {"expires": 2 * MINUTE},
    },
    # Order confirmations whose task was never queued (broker down) or gave up.
    "send-overdue-confirmations": {
        "task": "checkout.send_overdue_confirmations",
        "schedule": 15 * MINUTE,
        "options": {"expires": 10 * MINUTE},
    },
}


@app.on_after_configure.connect
def make_broker_folders(sender: Celery, **kwargs) -> None:
    """The embedded (filesystem) broker needs its folders before the first message."""
    if not str(sender.conf.broker_url).startswith("filesystem://"):
        return
    for name in ("data_folder_in", "data_folder_out", "data_folder_processed"):
        folder = sender.conf.broker_transport_options.get(name)
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
