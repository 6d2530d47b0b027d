"""Sending one signed request: OAuth 1.0 signing, timeout, retries and logging.

Every request is signed with HMAC-SHA1 through requests-oauthlib: 2-legged with the
consumer key and secret (key-only operations too: the API accepts it), 3-legged
with the user's access token as well. Form bodies of POST/PUT are signed with the
rest. Logs carry method, path, status and duration only: never a query string, a
header, a token or a signature.
"""

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import requests
from oauthlib import oauth1
from requests_oauthlib import OAuth1
from urllib3.exceptions import NewConnectionError

from .errors import TransportError
from .models import OAuthToken
from .retry import RetryPolicy, parse_retry_after

logger = logging.getLogger("sevendigital")

SIGNATURE_TYPES = {"header": "AUTH_HEADER", "query": "QUERY"}


@dataclass(frozen=True)
class Credentials:
    consumer_key: str
    consumer_secret: str = field(repr=False)
    signature_type: str = "header"  # or "query"

    def __post_init__(self) -> None:
        if self.signature_type not in SIGNATURE_TYPES:
            raise ValueError(f"signature_type must be one of {sorted(SIGNATURE_TYPES)}")

    def oauth(self, token: OAuthToken | None = None, **extra: Any) -> OAuth1:
        """A requests auth that signs with the consumer and, if given, the token."""
        return OAuth1(
            self.consumer_key,
            client_secret=self.consumer_secret,
            resource_owner_key=token.token if token else None,
            resource_owner_secret=token.secret if token else None,
            signature_method="HMAC-SHA1",
            signature_type=SIGNATURE_TYPES[self.signature_type],
            **extra,
        )

    def presign(self, url: str, token: OAuthToken | None = None) -> str:
        """url with an HMAC-SHA1 signature for a GET in its query string."""
        signer = oauth1.Client(
            self.consumer_key,
            client_secret=self.consumer_secret,
            resource_owner_key=token.token if token else None,
            resource_owner_secret=token.secret if token else None,
            signature_type=oauth1.SIGNATURE_TYPE_QUERY,
        )
        signed_url, _, _ = signer.sign(url, http_method="GET")
        return signed_url


@dataclass(frozen=True)
class ApiRequest:
    """One call: `path` is the operation's path template, safe to log."""

    method: str
    url: str
    path: str
    params: dict[str, str]
    token: OAuthToken | None = field(default=None, repr=False)
    oauth_extra: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def sends_body(self) -> bool:
        return self.method in ("POST", "PUT")


def _never_sent(error: requests.RequestException) -> bool:
    """True when the request certainly did not reach the server (no connection made)."""
    if isinstance(error, requests.ConnectTimeout):
        return True
    reason = getattr(error.args[0], "reason", None) if error.args else None
    return isinstance(reason, NewConnectionError)


def transport_error(error: requests.RequestException, request: ApiRequest) -> TransportError:
    # str(error) is left out on purpose: urllib3 messages embed the full URL, whose
    # query may hold an OAuth signature or a password.
    return TransportError(
        f"{type(error).__name__} calling {request.method} {request.path}",
        outcome_unknown=not _never_sent(error),
        method=request.method,
        request_url=request.url,
    )


class Transport:
    """Sends ApiRequests on a requests.Session with a timeout, retrying only when told."""

    def __init__(
        self,
        *,
        session: requests.Session,
        credentials: Credentials,
        timeout: float | tuple[float, float],
        retry: RetryPolicy,
        headers: dict[str, str],
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.session = session
        self.credentials = credentials
        self.timeout = timeout
        self.retry = retry
        self.headers = headers
        self.sleep = sleep

    def send(self, request: ApiRequest, *, retry_safe: bool) -> requests.Response:
        """The response of the last attempt; retries only when retry_safe is True."""
        attempt = 1
        while True:
            try:
                response = self._send_once(request)
            except requests.RequestException as error:
                failure = transport_error(error, request)
                delay = self.retry.delay(attempt) if retry_safe else None
                if delay is None:
                    raise failure from None
                self._wait(request, attempt, delay, type(error).__name__)
            else:
                if not (retry_safe and self.retry.retries_status(response.status_code)):
                    return response
                retry_after = parse_retry_after(response.headers.get("Retry-After"))
                delay = self.retry.delay(attempt, retry_after)
                if delay is None:
                    return response
                self._wait(request, attempt, delay, f"HTTP {response.status_code}")
            attempt += 1

    def _send_once(self, request: ApiRequest) -> requests.Response:
        started = time.monotonic()
        body = request.params if request.sends_body else None
        query = None if request.sends_body else request.params
        try:
            response = self.session.request(
                request.method,
                request.url,
                params=query,
                data=body,
                headers=self.headers,
                auth=self.credentials.oauth(request.token, **request.oauth_extra),
                timeout=self.timeout,
                allow_redirects=False,
            )
        except requests.RequestException as error:
            logger.debug(
                "%s %s failed after %.0f ms: %s",
                request.method,
                request.path,
                (time.monotonic() - started) * 1000,
                type(error).__name__,
            )
            raise
        logger.debug(
            "%s %s -> %s in %.0f ms",
            request.method,
            request.path,
            response.status_code,
            (time.monotonic() - started) * 1000,
        )
        return response

    def _wait(self, request: ApiRequest, attempt: int, delay: float, reason: str) -> None:
        logger.info(
            "Retrying %s %s in %.2f s after %s (attempt %d of %d)",
            request.method,
            request.path,
            delay,
            reason,
            attempt + 1,
            self.retry.attempts,
        )
        self.sleep(delay)
