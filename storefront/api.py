"""The store's one 7digital client per process, built from settings.

    from storefront.api import get_client
    release = get_client().get_release_details(release_id=12345, country="GB")

Catalogue reads made through it are cached in Django's cache (Redis in production,
shared by every process) for the lifetimes in `settings.CATALOGUE_CACHE_SECONDS`.
Pages read through `catalogue.selectors` instead, which keep parsed copies of their
own (with the last good copy for when the API fails) and so call the uncached twin,
`get_client(cached=False)`: a read is never cached twice. `fetch_raw` is for the
snapshots that Celery keeps (the exact response body).
"""

import contextlib
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
API_ANSWERED_KEY = "api:answered-at"
API_ANSWERED_NOTE_SECONDS = 10  # each process writes it at most this often
# The key's use of its daily allowance, (current, limit), from the X-RateLimit-Current
# and X-RateLimit-Limit headers of the API's latest answer (shared cache).
API_USAGE_KEY = "api:usage"
API_USAGE_SECONDS = 3600  # forgotten after an hour without a call
SNAPSHOT_CONTENT_TYPE = "application/xml"  # the client asks for XML (its default format)

# Sent when the client is rebuilt (tests pointing the store elsewhere): whatever keeps
# copies of its answers in process memory drops them.
client_reset = Signal()

_lock = threading.RLock()
_clients: dict[bool, sevendigital.Client] = {}  # by `cached`
_session: requests.Session | None = None
_answered_noted = 0.0  # when this process last wrote API_ANSWERED_KEY


class DjangoCache:
    """The client's cache hook (get / set with a ttl) on one of Django's caches."""

    def __init__(self, alias: str = CACHE_ALIAS):
        self.alias = alias

    def get(self, key: str) -> Any:
        return caches[self.alias].get(key)

    def set(self, key: str, value: Any, ttl: int) -> None:
        caches[self.alias].set(key, value, ttl)


class _BodyRecorder:
    """A cache that never hits and keeps what the client stores: the raw body."""

    body: bytes | None = None

    def get(self, key: str) -> None:
        return None

    def set(self, key: str, value: bytes, ttl: int) -> None:
        self.body = value


@dataclass(frozen=True)
class RawAnswer:
    value: Any  # the parsed model
    body: bytes  # the response body exactly as the API sent it
    content_type: str


def operation_lifetimes() -> dict[str, int]:
    """The client operations' cache lifetimes from the one table in settings."""
    table = settings.CATALOGUE_CACHE_SECONDS
    return {name: seconds for name, seconds in table.items() if name in sevendigital.OPERATIONS}


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
        caches[CACHE_ALIAS].set(API_ANSWERED_KEY, now, settings.HEALTH_API_CHECK_SECONDS)


def _note_usage(response: requests.Response) -> None:
    headers = getattr(response, "headers", None) or {}
    try:
        usage = (int(headers["X-RateLimit-Current"]), int(headers["X-RateLimit-Limit"]))
    except (KeyError, ValueError):
        return  # an answer without the headers (or with nonsense) says nothing
    with contextlib.suppress(Exception):
        caches[CACHE_ALIAS].set(API_USAGE_KEY, usage, API_USAGE_SECONDS)


def api_usage_share() -> float:
    """How much of its daily allowance the key has used (0.0 when unknown)."""
    try:
        current, limit = caches[CACHE_ALIAS].get(API_USAGE_KEY) or (0, 0)
    except Exception:
        return 0.0
    return current / limit if limit > 0 else 0.0


def api_answered_within(seconds: float) -> bool:
    """Whether the API answered one of the store's calls in the last `seconds`."""
    try:
        answered = caches[CACHE_ALIAS].get(API_ANSWERED_KEY)
    except Exception:
        return False
    return answered is not None and time.time() - answered < seconds


def _build_client(*, cache: Any, cache_ttls: dict[str, int]) -> sevendigital.Client:
    return sevendigital.Client(
        base_url=settings.SEVENDIGITAL_API_URL,
        consumer_key=settings.SEVENDIGITAL_CONSUMER_KEY,
        consumer_secret=settings.SEVENDIGITAL_CONSUMER_SECRET,
        timeout=settings.SEVENDIGITAL_TIMEOUT,
        country=settings.SEVENDIGITAL_DEFAULT_COUNTRY,
        session=_shared_session(),
        cache=cache,
        cache_ttls=cache_ttls,
        # One quick retry: a page waiting on a slow API is better served from the
        # last good copy than after a long backoff.
        retries=1,
    )


def get_client(*, cached: bool = True) -> sevendigital.Client:
    """The process's client (built on first use from settings; thread-safe).

    cached=False: the same client without the cache hook, for callers that keep
    copies themselves (the selectors).
    """
    client = _clients.get(cached)
    if client is None:
        with _lock:
            client = _clients.get(cached)
            if client is None:
                cache = DjangoCache() if cached else None
                client = _build_client(cache=cache, cache_ttls=operation_lifetimes())
                _clients[cached] = client
    return client


def reset_client(*, session: requests.Session | None = None) -> None:
    """Forget the client so the next call rebuilds it from settings; tests may pass
    the requests session (with a fake adapter mounted) that it must send with."""
    global _session
    with _lock:
        _clients.clear()
        _session = session
    client_reset.send(sender=None)


def fetch_raw(operation: str, **params: Any) -> RawAnswer:
    """Call one catalogue read on the API, bypassing every cache, keeping its body."""
    if sevendigital.OPERATIONS[operation].cache_ttl is None:
        raise ValueError(f"{operation} is not a catalogue read")
    recorder = _BodyRecorder()
    client = _build_client(cache=recorder, cache_ttls={operation: 1})
    value = getattr(client, operation)(**params)
    if recorder.body is None:  # the client stores every successful read it may cache
        raise RuntimeError(f"the client kept no body for {operation}")
    return RawAnswer(value=value, body=recorder.body, content_type=SNAPSHOT_CONTENT_TYPE)


@receiver(setting_changed)
def _settings_changed(*, setting: str, **kwargs: Any) -> None:
    # Tests override the API URL or keys with override_settings: rebuild the client.
    if setting.startswith("SEVENDIGITAL_") or setting == "CATALOGUE_CACHE_SECONDS":
        with _lock:
            _clients.clear()
        client_reset.send(sender=None)
