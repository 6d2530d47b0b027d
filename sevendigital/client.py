"""The 7digital API client: configuration, the call pipeline, caching.

    client = Client(
        base_url="http://127.0.0.1:8001/1.2",
        consumer_key="...", consumer_secret="...",
        country="GB", cache=my_cache,
    )
    release = client.get_release_details(release_id=12345)
    locker = client.get_user_locker(token=UserToken(token, secret))

A call goes: keyword arguments -> API parameters (+ default country) -> cache
(catalogue reads only) -> signed request with timeout (retried only when the
operation table says it is safe) -> envelope check, errors by body -> typed model.
"""

import contextlib
import contextvars
import logging
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

import requests

from . import __version__
from .cache import Cache, ResponseCache
from .errors import RateLimitedError, SevenDigitalError, TransportError
from .models import OAuthToken
from .operations import (
    AccountOperations,
    ArtistOperations,
    BasketOperations,
    CardOperations,
    EditorialOperations,
    OAuthOperations,
    PurchaseOperations,
    ReleaseOperations,
    TerritoryOperations,
    TrackOperations,
)
from .operations.table import OPERATIONS, Auth, Operation
from .parsing import Context, Envelope, decode
from .parsing.envelope import body_text
from .retry import RetryPolicy, as_policy, parse_retry_after
from .transport import ApiRequest, Credentials, Transport
from .wire import wire_params


@dataclass
class RawResponse:
    """What `Client.raw_responses()` hands back: the body of each call made inside it,
    exactly as the API sent it, with its content type (the last call's when several)."""

    body: bytes | None = None
    content_type: str | None = None


_raw_capture: contextvars.ContextVar[RawResponse | None] = contextvars.ContextVar(
    "sevendigital_raw_capture", default=None
)

logger = logging.getLogger("sevendigital")

DEFAULT_BASE_URL = "https://api.7digital.com/1.2"
ACCEPT = {"xml": "application/xml", "json": "application/json"}


def default_authorise_url(base_url: str, consumer_key: str) -> str:
    """7digital's account site for the real API; `{site}/oauth/authorise` otherwise."""
    parts = urlsplit(base_url)
    if parts.hostname == "api.7digital.com":
        return f"https://account.7digital.com/{consumer_key}/oauth/authorise"
    site = base_url.rstrip("/").removesuffix("/1.2")
    return f"{site}/oauth/authorise"


class Client(
    ReleaseOperations,
    TrackOperations,
    ArtistOperations,
    BasketOperations,
    PurchaseOperations,
    AccountOperations,
    CardOperations,
    TerritoryOperations,
    EditorialOperations,
    OAuthOperations,
):
    """A client for the 7digital REST API v1.2; all configuration is keyword-only.

    base_url: API root, e.g. https://api.7digital.com/1.2 or http://127.0.0.1:8001/1.2.
    timeout: seconds (or (connect, read)) applied to every request.
    session: a requests.Session to send with (adapters, proxies, tests).
    country: ISO code sent with territorial calls that do not pass country/shop_id.
    cache: object with get(key) / set(key, value, ttl); catalogue reads only.
    cache_ttls: per-operation lifetime overrides, e.g. {"get_release_details": 600}.
    retries: how many retries follow a failed catalogue read, or a RetryPolicy.
    format: "xml" (default) or "json" (the Accept header sent).
    signature_type: "header" (Authorization header) or "query".
    authorise_url: the user-facing OAuth authorise page (see build_authorise_url).
    sleep: called with seconds between retries (tests pass a fake).
    """

    def __init__(
        self,
        *,
        base_url: str = DEFAULT_BASE_URL,
        consumer_key: str,
        consumer_secret: str,
        timeout: float | tuple[float, float] = 5.0,
        session: requests.Session | None = None,
        country: str | None = None,
        cache: Cache | None = None,
        cache_ttls: Mapping[str, int] | None = None,
        retries: int | RetryPolicy = 2,
        user_agent: str | None = None,
        format: str = "xml",
        signature_type: str = "header",
        authorise_url: str | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ):
        if format not in ACCEPT:
            raise ValueError(f"format must be one of {sorted(ACCEPT)}")
        self.base_url = base_url.rstrip("/")
        self.consumer_key = consumer_key
        self.country = country
        self.format = format
        namespace = f"{self.base_url} {format}"
        self.cache = (
            ResponseCache(cache, namespace=namespace, ttls=cache_ttls or {})
            if cache is not None
            else None
        )
        self.authorise_endpoint = authorise_url or default_authorise_url(base_url, consumer_key)
        headers = {
            "Accept": ACCEPT[format],
            "User-Agent": user_agent or f"sevendigital-python/{__version__}",
        }
        self.transport = Transport(
            session=session or requests.Session(),
            credentials=Credentials(consumer_key, consumer_secret, signature_type),
            timeout=timeout,
            retry=as_policy(retries),
            headers=headers,
            sleep=sleep,
        )

    def __repr__(self) -> str:
        return f"Client(base_url={self.base_url!r}, consumer_key={self.consumer_key!r})"

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the HTTP session (its pooled connections)."""
        self.transport.session.close()

    def signed_url(self, url: str, *, token: OAuthToken | None = None, **params: Any) -> str:
        """A presigned GET URL (OAuth parameters in its query) for media a browser fetches
        directly: preview clips, downloads, streams. Keywords are sent camelCase.

        Signed 2-legged, or 3-legged with `token`. The URL is a credential for that
        one resource: hand it to the shopper's browser, do not log it.
        """
        query = urlencode(wire_params(params))
        if query:
            url = f"{url}{'&' if '?' in url else '?'}{query}"
        return self.transport.credentials.presign(url, token)

    # The pipeline every operation goes through -----------------------------------

    def _call(
        self,
        name: str,
        *,
        token: OAuthToken | None = None,
        path_args: dict[str, Any] | None = None,
        **params: Any,
    ) -> Any:
        op = OPERATIONS[name]
        wire = self._wire_params(op, params)
        if op.auth is Auth.THREE_LEGGED and token is None and "userId" not in wire:
            raise ValueError(f"{name} needs token=UserToken(...) (or user_id= for managed users)")
        request = self._request(op.method, op.path, wire, path_args=path_args, token=token)
        ttl = self.cache.lifetime(name, op.cache_ttl) if self.cache else None
        key = self.cache.key(name, wire) if ttl and token is None else None
        cached = self._from_cache(op, key, request)
        if cached is not None:
            return cached
        response = self.transport.send(request, retry_safe=op.retry_safe)
        envelope, context = self._read(response, request)
        result = self._model(op, envelope, context)
        if key is not None:
            self.cache.set(key, response.content, ttl)
        capture = _raw_capture.get()
        if capture is not None:
            capture.body = response.content
            capture.content_type = response.headers.get("Content-Type", ACCEPT[self.format])
        return result

    @staticmethod
    @contextlib.contextmanager
    def raw_responses() -> Iterator[RawResponse]:
        """Keep the raw body of the calls made inside the block (this thread or task):

            with client.raw_responses() as raw:
                chart = client.get_release_chart(period="week")
            raw.body  # the XML (or JSON) exactly as sent, e.g. to store a snapshot

        Calls answered from the client's cache are not calls: nothing is captured.
        """
        capture = RawResponse()
        reset = _raw_capture.set(capture)
        try:
            yield capture
        finally:
            _raw_capture.reset(reset)

    def _send(
        self,
        method: str,
        path: str,
        params: dict[str, Any],
        *,
        token: OAuthToken | None = None,
        oauth_extra: dict[str, str] | None = None,
    ) -> tuple[requests.Response, Context]:
        """One request outside the operation table (the OAuth token endpoints)."""
        request = self._request(
            method, path, wire_params(params), token=token, oauth_extra=oauth_extra
        )
        response = self.transport.send(request, retry_safe=False)
        return response, self._context(response, request)

    def _wire_params(self, op: Operation, params: Mapping[str, Any]) -> dict[str, str]:
        wire = wire_params(params)
        given = {name.lower() for name in wire}
        if op.territorial and self.country and not given & {"country", "shopid"}:
            wire["country"] = self.country
        return wire

    def _request(
        self,
        method: str,
        path: str,
        params: dict[str, str],
        *,
        path_args: dict[str, Any] | None = None,
        token: OAuthToken | None = None,
        oauth_extra: dict[str, str] | None = None,
    ) -> ApiRequest:
        concrete = path.format(**{k: quote(str(v), safe="") for k, v in (path_args or {}).items()})
        return ApiRequest(
            method=method,
            url=f"{self.base_url}/{concrete}",
            path=path,
            params=params,
            token=token,
            oauth_extra=oauth_extra or {},
        )

    @staticmethod
    def _context(response: requests.Response, request: ApiRequest) -> Context:
        return Context(status=response.status_code, method=request.method, url=response.url)

    def _read(self, response: requests.Response, request: ApiRequest) -> tuple[Envelope, Context]:
        """The envelope of a response, or the error it (or its status 429) stands for."""
        context = self._context(response, request)
        if response.status_code == 429:
            raise rate_limited(response, context)
        return decode(response.content, context), context

    @staticmethod
    def _model(op: Operation, envelope: Envelope, context: Context) -> Any:
        if not op.roots:
            return None  # an empty ok envelope is the whole answer
        if envelope.root not in op.roots:
            raise TransportError(
                f"Expected <{op.roots[0]}> in the response, got <{envelope.root}>",
                outcome_unknown=True,
                status=context.status,
                method=context.method,
                request_url=context.url,
            )
        return op.build(envelope.payload)

    def _from_cache(self, op: Operation, key: str | None, request: ApiRequest) -> Any:
        """The model rebuilt from a cached body; None on a miss (or an unreadable entry)."""
        body = self.cache.get(key) if key is not None else None
        if body is None:
            return None
        context = Context(status=200, method=request.method, url=request.url)
        try:
            return self._model(op, decode(body, context), context)
        except SevenDigitalError:
            logger.warning("Unreadable cache entry for %s; calling the API", op.name)
            return None


def rate_limited(response: requests.Response, context: Context) -> RateLimitedError:
    """A RateLimitedError for a 429, keeping the body's code and message if it has one."""
    message, code = "Rate limit exceeded", None
    try:
        decode(response.content, context)
    except SevenDigitalError as error:
        message, code = error.message, error.code
    return RateLimitedError(
        message,
        retry_after=parse_retry_after(response.headers.get("Retry-After")),
        code=code,
        status=429,
        body=body_text(response.content),
        method=context.method,
        request_url=context.url,
    )
