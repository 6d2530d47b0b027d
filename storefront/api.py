"""The store's one 7digital client per process, built from settings.

    from storefront.api import get_client
    release = get_client().get_release_details(release_id=12345, country="GB")

The client itself caches nothing: catalogue reads are cached in ONE place, the read
layer (`storefront.reads`: parsed copies, with the last good copy for when the API
fails). Every shared-cache key this layer and the read layer write names the API it
came from (`api_key`: base URL and consumer key), so pointing SEVENDIGITAL_API_URL at
another API never serves the first one's data. `fetch_raw` is for the snapshots that
Celery keeps (the exact response body, through the client's `raw_responses`).
"""

import contextlib
import functools
import hashlib
import threading
import time
from dataclasses import dataclass
from typing import Any

import requests
from django.conf import settings
from django.core.cache import caches
from django.core.signals import setting_changed
from django.dispatch import Signal, receiver

import sevendigital

CACHE_ALIAS = "default"
# When the API last answered one of this store's calls (epoch seconds, shared cache):
# /healthz needs no call of its own while shoppers keep the API busy.
API_ANSWERED_KEY = "answered-at"  # under api_key()
API_ANSWERED_NOTE_SECONDS = 10  # each process writes it at most this often
# The key's use of its daily allowance, (current, limit), from the X-RateLimit-Current
# and X-RateLimit-Limit headers of the API's latest answer (shared cache).
API_USAGE_KEY = "usage"  # under api_key()
API_USAGE_SECONDS = 3600  # forgotten after an hour without a call
SNAPSHOT_CONTENT_TYPE = "application/xml"  # the client asks for XML (its default format)

# Sent when the client is rebuilt (tests pointing the store elsewhere): whatever keeps
# copies of its answers in process memory drops them.
client_reset = Signal()

_lock = threading.RLock()
_client: sevendigital.Client | None = None
_session: requests.Session | None = None
_answered_noted = 0.0  # when this process last wrote API_ANSWERED_KEY


@dataclass(frozen=True)
class RawAnswer:
    value: Any  # the parsed model
    body: bytes  # the response body exactly as the API sent it
    content_type: str


def api_identity() -> str:
    """A short name of the API the store talks to: its base URL and consumer key."""
    return _identity(settings.SEVENDIGITAL_API_URL.rstrip("/"), settings.SEVENDIGITAL_CONSUMER_KEY)


@functools.lru_cache(maxsize=8)
def _identity(base_url: str, consumer_key: str) -> str:
    return hashlib.sha256(f"{base_url} {consumer_key}".encode()).hexdigest()[:16]


def api_key(name: str) -> str:
    """A shared-cache key about the API in use: another API never reads its entries."""
    return f"api:{api_identity()}:{name}"


def _shared_session() -> requests.Session:
    """One requests session (connection pool) for every client of the process."""
    global _session
    with _lock:
        if _session is None:
            _session = requests.Session()
            _session.hooks["response"].append(note_api_answer)
        return _session


def note_api_answer(response: requests.Response, *args: Any, **kwargs: Any) -> None:
    """Session hook: the key's usage the API reported, and that it answered (anything
    but a 5xx or 429 says it is up)."""
    global _answered_noted
    _note_usage(response)
    if response.status_code >= 500 or response.status_code == 429:
        return
    now = time.time()
    if now - _answered_noted < API_ANSWERED_NOTE_SECONDS:
        return
    _answered_noted = now
    with contextlib.suppress(Exception):  # a broken cache only costs health a call
        caches[CACHE_ALIAS].set(api_key(API_ANSWERED_KEY), now, settings.HEALTH_API_CHECK_SECONDS)


def _note_usage(response: requests.Response) -> None:
    headers = getattr(response, "headers", None) or {}
    try:
        usage = (int(headers["X-RateLimit-Current"]), int(headers["X-RateLimit-Limit"]))
    except (KeyError, ValueError):
        return  # an answer without the headers (or with nonsense) says nothing
    with contextlib.suppress(Exception):
        caches[CACHE_ALIAS].set(api_key(API_USAGE_KEY), usage, API_USAGE_SECONDS)


def api_usage() -> tuple[int, int] | None:
    """(calls today, daily limit) of the key, as the API's latest answer said; None
    when unknown."""
    try:
        return caches[CACHE_ALIAS].get(api_key(API_USAGE_KEY))
    except Exception:
        return None


def api_usage_share() -> float:
    """How much of its daily allowance the key has used (0.0 when unknown)."""
    current, limit = api_usage() or (0, 0)
    return current / limit if limit > 0 else 0.0


def api_answered_within(seconds: float) -> bool:
    """Whether the API answered one of the store's calls in the last `seconds`."""
    try:
        answered = caches[CACHE_ALIAS].get(api_key(API_ANSWERED_KEY))
    except Exception:
        return False
    return answered is not None and time.time() - answered < seconds


def _build_client() -> sevendigital.Client:
    return sevendigital.Client(
        base_url=settings.SEVENDIGITAL_API_URL,
        consumer_key=settings.SEVENDIGITAL_CONSUMER_KEY,
        consumer_secret=settings.SEVENDIGITAL_CONSUMER_SECRET,
        timeout=settings.SEVENDIGITAL_TIMEOUT,
        country=settings.SEVENDIGITAL_DEFAULT_COUNTRY,
        session=_shared_session(),
        # One quick retry: a page waiting on a slow API is better served from the
        # last good copy than after a long backoff.
        retries=1,
    )


def get_client() -> sevendigital.Client:
    """The process's client (built on first use from settings; thread-safe)."""
    global _client
    client = _client
    if client is None:
        with _lock:
            if _client is None:
                _client = _build_client()
            client = _client
    return client


def reset_client(*, session: requests.Session | None = None) -> None:
    """Forget the client so the next call rebuilds it from settings; tests may pass
    the requests session (with a fake adapter mounted) that it must send with."""
    global _client, _session
    with _lock:
        _client = None
        _session = session
    client_reset.send(sender=None)


def fetch_raw(operation: str, **params: Any) -> RawAnswer:
    """Call one catalogue read on the API, keeping its body exactly as sent."""
    if sevendigital.OPERATIONS[operation].cache_ttl is None:
        raise ValueError(f"{operation} is not a catalogue read")
    client = get_client()
    with client.raw_responses() as raw:
        value = getattr(client, operation)(**params)
    if raw.body is None:
        raise RuntimeError(f"the client handed back no body for {operation}")
    return RawAnswer(value=value, body=raw.body, content_type=SNAPSHOT_CONTENT_TYPE)


@receiver(setting_changed)
def _settings_changed(*, setting: str, **kwargs: Any) -> None:
    # Tests override the API URL or keys with override_settings: rebuild the client.
    global _client
    if setting.startswith("SEVENDIGITAL_") or setting == "CATALOGUE_CACHE_SECONDS":
        with _lock:
            _client = None
        client_reset.send(sender=None)
