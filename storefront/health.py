"""GET /healthz: can this web process serve the shop? For load balancers and monitors.

Checks the database, the cache, the Celery broker and the 7digital API, each reported
as ok/error with its latency in milliseconds (an error gives its exception's class
name only: messages can hold URLs and hosts). 200 when every check is ok, else 503.

The API check spends as few of a prototype key's 4,000 calls a day as it can. When the
API answered one of the store's own calls within HEALTH_API_CHECK_SECONDS, that is
the answer ("seen": "store"). Otherwise it calls `countries` (a cheap read) with a 2 s
timeout and no retry, never through the catalogue cache, and keeps the result in the
shared cache for HEALTH_API_CHECK_SECONDS: however many processes and pollers ask,
an idle store makes at most one call per period (288 a day at the default 300 s).
"""

import contextlib
import time
import uuid
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

import sevendigital
from storefront.api import api_answered_within
from storefront.celery_app import app as celery_app

API_TIMEOUT_SECONDS = 2.0
BROKER_TIMEOUT_SECONDS = 2.0
API_RESULT_KEY = "healthz:api"

Result = dict[str, Any]


def timed(probe: Callable[[], object]) -> Result:
    """Run one probe: {"status": "ok"|"error", "latency_ms": ..., "error"?: class name}."""
    started = time.perf_counter()
    try:
        probe()
    except Exception as error:  # a health check reports any failure, of any kind
        outcome: Result = {"status": "error", "error": type(error).__name__}
    else:
        outcome = {"status": "ok"}
    outcome["latency_ms"] = round((time.perf_counter() - started) * 1000, 1)
    return outcome


def probe_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


class CacheReadBack(Exception):
    """The cache accepted a value but did not give it back."""


def probe_cache() -> None:
    key, value = f"healthz:probe:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, 10)
    try:
        if cache.get(key) != value:
            raise CacheReadBack(key)
    finally:
        cache.delete(key)


def probe_broker() -> None:
    with celery_app.connection_for_write(connect_timeout=BROKER_TIMEOUT_SECONDS) as broker:
        broker.ensure_connection(max_retries=1, interval_start=0, timeout=BROKER_TIMEOUT_SECONDS)


def probe_api() -> None:
    client = sevendigital.Client(
        base_url=settings.SEVENDIGITAL_API_URL,
        consumer_key=settings.SEVENDIGITAL_CONSUMER_KEY,
        consumer_secret=settings.SEVENDIGITAL_CONSUMER_SECRET,
        timeout=API_TIMEOUT_SECONDS,
        retries=0,
    )
    with client:
        client.get_countries()


def api_status() -> Result:
    """The API check, from the shared cache when another request made it recently."""
    kept = None
    # A broken cache is reported by its own check; here it only means calling the API.
    with contextlib.suppress(Exception):
        kept = cache.get(API_RESULT_KEY)
    if kept is not None:
        return {**kept, "cached": True}
    if api_answered_within(settings.HEALTH_API_CHECK_SECONDS):
        return {"status": "ok", "seen": "store"}
    outcome = timed(probe_api)
    with contextlib.suppress(Exception):
        cache.set(API_RESULT_KEY, outcome, settings.HEALTH_API_CHECK_SECONDS)
    return outcome


def run_checks() -> dict[str, Result]:
    return {
        "database": timed(probe_database),
        "cache": timed(probe_cache),
        "broker": timed(probe_broker),
        "api": api_status(),
    }


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    checks = run_checks()
    healthy = all(check["status"] == "ok" for check in checks.values())
    body = {"status": "ok" if healthy else "error", "checks": checks}
    return JsonResponse(body, status=200 if healthy else 503)


# Mounted by storefront/urls.py as path("healthz", include("storefront.health")).
urlpatterns = [path("", healthz, name="healthz")]
