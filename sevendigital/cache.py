"""The cache hook for catalogue reads.

The hook is any object with `get(key)` and `set(key, value, ttl)` (Django's cache
fits). Raw response bodies are stored, not models: they pickle anywhere, and a
model change never meets stale pickles. A failing cache never fails a call.
"""

import hashlib
import logging
from collections.abc import Mapping
from typing import Any, Protocol

logger = logging.getLogger("sevendigital")


class Cache(Protocol):
    def get(self, key: str) -> Any: ...

    def set(self, key: str, value: Any, ttl: int) -> Any: ...


class ResponseCache:
    """Keys, lifetimes and error-tolerant access for cached response bodies."""

    def __init__(self, backend: Cache, *, namespace: str, ttls: Mapping[str, int]):
        self.backend = backend
        self.namespace = namespace  # base URL and format: one entry per API and Accept
        self.ttls = dict(ttls)

    def lifetime(self, operation: str, default: int | None) -> int | None:
        return self.ttls.get(operation, default)

    def key(self, operation: str, params: Mapping[str, str]) -> str:
        """A short, memcached-safe key from the operation and its sorted parameters."""
        identity = repr((self.namespace, sorted(params.items())))
        digest = hashlib.sha256(identity.encode()).hexdigest()[:40]
        return f"sevendigital:{operation}:{digest}"

    def get(self, key: str) -> bytes | None:
        try:
            body = self.backend.get(key)
        except Exception as error:
            logger.warning("Cache get failed (%s); calling the API", type(error).__name__)
            return None
        return body if isinstance(body, bytes) else None

    def set(self, key: str, body: bytes, ttl: int) -> None:
        try:
            self.backend.set(key, body, ttl)
        except Exception as error:
            logger.warning("Cache set failed (%s)", type(error).__name__)
