"""Celery tasks and the beat schedule that keep the home and chart snapshots warm."""

import time

import pytest
from celery import Celery

from catalogue import selectors, services, tasks
from catalogue.models import ChartSnapshot, EditorialSnapshot
from sevendigital import RateLimitedError, TransportError
from storefront import reads
from storefront.celery_app import app, make_broker_folders
from tests.catalogue import fake_api

HOUR = 3600


@pytest.fixture
def api(settings):
    yield fake_api.install(settings)
    fake_api.uninstall()


def later(monkeypatch, seconds: float) -> None:
    start = time.time()
    monkeypatch.setattr(reads, "now", lambda: start + seconds)


@pytest.mark.django_db
def test_refresh_charts_stores_every_chart_of_every_territory(api):
    """3 kinds x 3 periods in each of the shop's 3 territories, page 1 of 20."""
    assert tasks.refresh_charts.delay().get() == 27
    assert ChartSnapshot.objects.count() == 27
    row = ChartSnapshot.objects.get(kind="track", period="day", country="FR")
    assert len(row.parsed()) == services.CHART_PAGE_SIZE


@pytest.mark.django_db
def test_refresh_skips_snapshots_that_are_not_due(api):
    """Running often costs nothing: only snapshots past their lifetime are fetched."""
    tasks.refresh_charts.delay(countries=["GB"])
    calls = api.total
    assert tasks.refresh_charts.delay(countries=["GB"]).get() == 0
    assert api.total == calls


@pytest.mark.django_db
def test_day_charts_are_due_every_six_hours_week_charts_not(api, monkeypatch):
    tasks.refresh_charts.delay(countries=["GB"])
    later(monkeypatch, 5 * HOUR)
    assert tasks.refresh_charts.delay(countries=["GB"]).get() == 0
    later(monkeypatch, 6 * HOUR)
    assert tasks.refresh_charts.delay(countries=["GB"]).get() == 3
    refreshed = ChartSnapshot.objects.filter(fetched_at=services.snapshot_time())
    assert set(refreshed.values_list("period", flat=True)) == {"day"}


@pytest.mark.django_db
def test_force_refreshes_everything(api):
    tasks.refresh_charts.delay(countries=["GB"])
    assert tasks.refresh_charts.delay(countries=["GB"], force=True).get() == 9


@pytest.mark.django_db
def test_refresh_editorial_stores_each_list(api, settings):
    settings.STORE_EDITORIAL_KEYS = ["home", "staff-picks"]
    # 2 lists and the words of 4 shop languages in each of 2 territories
    assert tasks.refresh_editorial.delay(countries=["GB", "FR"]).get() == 4 + 8
    keys = set(EditorialSnapshot.objects.values_list("source", "key", "country"))
    assert ("list", "staff-picks", "FR") in keys


@pytest.mark.django_db
def test_refresh_new_releases_stores_each_featured_tag(api, settings):
    settings.STORE_FEATURED_TAGS = ["rock", "jazz"]
    assert tasks.refresh_new_releases.delay(countries=["US"]).get() == 2
    row = EditorialSnapshot.objects.get(source="new-releases", key="jazz", country="US")
    assert len(row.parsed()) == 3


@pytest.mark.django_db
def test_a_missing_list_is_skipped(api):
    """A list the territory does not have is logged, the others still refreshed."""
    api.fail("editorial/list", 2001, "No list found", status=404)
    assert tasks.refresh_editorial.delay(countries=["GB"]).get() == 4  # the words only
    assert tasks.refresh_charts.delay(countries=["GB"]).get() == 9


@pytest.mark.django_db
def test_api_failure_stops_the_run_and_raises(api):
    """The API being down stops the run at once (no timeout per chart) and raises
    the error that makes Celery retry it."""
    api.down = True
    with pytest.raises(TransportError):
        services.refresh_charts(countries=["GB", "FR"])
    assert api.calls == {"release/chart": 2}  # one chart: a try and the client's retry


def test_tasks_retry_api_failures_with_backoff():
    for task in (tasks.refresh_charts, tasks.refresh_editorial, tasks.refresh_new_releases):
        assert set(task.autoretry_for) == {TransportError, RateLimitedError}
        assert task.retry_backoff and task.retry_backoff_max
        assert task.max_retries == 3
        assert task.acks_late is True
        assert task.soft_time_limit < task.time_limit


def test_beat_schedule_runs_registered_tasks_that_expire():
    """Each catalogue beat entry names a real task, and expires before its next run."""
    app.loader.import_default_modules()
    ours = [e for e in app.conf.beat_schedule.values() if e["task"].startswith("catalogue.")]
    assert {entry["task"] for entry in ours} == {
        "catalogue.refresh_charts",
        "catalogue.refresh_editorial",
        "catalogue.refresh_new_releases",
        "catalogue.check_slot_targets",
    }
    for entry in ours:
        assert entry["task"] in app.tasks
        assert 0 < entry["options"]["expires"] < entry["schedule"]


def test_embedded_broker_folders_are_made(tmp_path, monkeypatch):
    """The filesystem broker's folders exist before the first message is sent."""
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)  # it would win over the conf
    broker = Celery("probe")
    broker.conf.broker_url = "filesystem://"
    folders = {name: tmp_path / name for name in ("in", "out", "processed")}
    broker.conf.broker_transport_options = {
        f"data_folder_{name}": str(path) for name, path in folders.items()
    }
    make_broker_folders(broker)
    assert all(path.is_dir() for path in folders.values())


@pytest.mark.django_db
def test_refresh_editorial_keeps_every_languages_words_warm(api):
    """After the task, each shop language's words in each territory cost a page nothing."""
    tasks.refresh_editorial.delay(countries=["GB", "JP"])
    assert api.calls["translations"] == 8
    locales = {q["locale"] for path, q in api.queries if path == "translations"}
    assert locales == {"en", "de", "fr", "ja"}
    calls = api.total
    assert selectors.catalogue_terms(language="ja", country="JP").value.chart("week") == (
        "週間ランキング"
    )
    assert selectors.catalogue_terms(language="fr", country="GB").value.tag("electronic") == (
        "Électronique"
    )
    assert api.total == calls


@pytest.mark.django_db
def test_words_are_refetched_only_when_due_or_forced(api, monkeypatch):
    tasks.refresh_editorial.delay(countries=["GB"])
    assert services.refresh_terms(countries=["GB"]) == 0
    assert services.refresh_terms(countries=["GB"], force=True) == 4
    later(monkeypatch, 25 * HOUR)
    assert services.refresh_terms(countries=["GB"]) == 4
    assert api.calls["translations"] == 4 + 4 + 4


@pytest.mark.django_db
def test_words_refresh_failing_raises_for_a_retry(api):
    api.down = True
    with pytest.raises(TransportError):
        services.refresh_terms(countries=["GB"])
