"""Fixtures of the fault tests: the store, in-process, calling the sandbox through the
fault proxy. While a fault is on, the store's timeout is 1 s (so the proxy's 3 s
latency, or a hang, is a timeout); while it passes requests through, a generous one,
so that setting up on a busy machine does not fail by itself."""

import time

import pytest
from django.core.cache import cache

from storefront import reads
from storefront.api import reset_client
from tests.faults.proxy import FaultProxy
from tests.faults.support import direct_client, sevendigital_account

FAULT_TIMEOUT = 1.0
SETUP_TIMEOUT = 20.0
TWO_DAYS = 2 * 86400


class Faults:
    """The proxy, plus the store's timeout set to match what it is doing."""

    def __init__(self, proxy: FaultProxy, settings):
        self.proxy = proxy
        self.settings = settings

    def inject(self, mode: str, **kwargs) -> None:
        self.settings.SEVENDIGITAL_TIMEOUT = FAULT_TIMEOUT  # rebuilds the client
        self.proxy.inject(mode, **kwargs)

    def heal(self) -> None:
        self.proxy.heal()
        self.settings.SEVENDIGITAL_TIMEOUT = SETUP_TIMEOUT

    def hits(self, prefix: str = "/") -> int:
        return self.proxy.hits(prefix)


@pytest.fixture
def proxy(sandbox_server):
    proxy = FaultProxy(sandbox_server.url)
    yield proxy
    proxy.stop()


@pytest.fixture
def store(settings, sandbox_server, proxy):
    """The store's client sends through the proxy (passing requests for now)."""
    settings.SEVENDIGITAL_API_URL = f"{proxy.url}/1.2"
    settings.SEVENDIGITAL_CONSUMER_KEY = sandbox_server.consumer_key
    settings.SEVENDIGITAL_CONSUMER_SECRET = sandbox_server.consumer_secret
    settings.SEVENDIGITAL_TIMEOUT = SETUP_TIMEOUT
    settings.SEVENDIGITAL_DEFAULT_COUNTRY = "GB"
    settings.STORE_TERRITORIES = ["GB"]
    reset_client()
    cache.clear()
    yield Faults(proxy, settings)
    reset_client()
    cache.clear()


@pytest.fixture
def direct(sandbox_server):
    """A client straight to the sandbox: what 7digital really holds."""
    return direct_client(sandbox_server)


@pytest.fixture
def two_days_later(monkeypatch):
    """Move the catalogue's clock on: every saved copy and snapshot is past its
    lifetime, so pages must ask the API again (and fall back when it fails)."""

    def move() -> None:
        start = time.time()
        monkeypatch.setattr(reads, "now", lambda: start + TWO_DAYS)

    return move


@pytest.fixture(scope="module")
def account(sandbox_server):
    """A 7digital user with a card, shared by a module's tests (signing one up is slow:
    the sandbox hashes its password)."""
    return sevendigital_account(direct_client(sandbox_server))
