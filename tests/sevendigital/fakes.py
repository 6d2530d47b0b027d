"""A fake transport for the client's unit tests: a requests adapter with canned answers.

The adapter is mounted on the session injected into the Client, so everything
above the socket (requests, requests-oauthlib signing, the client) runs for real.
"""

from collections import deque
from dataclasses import dataclass, field

import requests
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict

from sevendigital import Client

API_URL = "http://api.test/1.2"
CONSUMER_KEY = "7dtestkey001"
CONSUMER_SECRET = "consumer-secret-Zq9"
TOKEN_SECRET = "token-secret-Xw7"


def envelope(payload: str = "", status: str = "ok") -> bytes:
    body = f'<?xml version="1.0" encoding="utf-8"?>\n<response status="{status}" version="1.2">'
    return f"{body}{payload}</response>".encode()


def error_envelope(code: int | str, message: str) -> bytes:
    return envelope(f'<error code="{code}"><errorMessage>{message}</errorMessage></error>', "error")


RELEASE_XML = envelope(
    '<release id="12"><title>Perfect Symmetry</title><artist id="1"><name>Keane</name></artist>'
    "</release>"
)
BASKET_XML = envelope('<basket id="b-1"><itemCount>0</itemCount><basketItems/></basket>')
PURCHASE_XML = envelope(
    '<purchase id="99"><purchaseDate>2024-01-02T10:00:00Z</purchaseDate></purchase>'
)


@dataclass
class Sent:
    """One request as the adapter saw it, with the keyword arguments requests passed."""

    request: requests.PreparedRequest
    timeout: object


@dataclass
class FakeAdapter(BaseAdapter):
    """Answers requests from a queue of canned responses or exceptions, in order."""

    queue: deque = field(default_factory=deque)
    sent: list[Sent] = field(default_factory=list)

    def __post_init__(self):
        super().__init__()

    def reply(self, body: bytes | str = b"", status: int = 200, headers: dict | None = None):
        raw = body.encode() if isinstance(body, str) else body
        self.queue.append((raw, status, headers or {"Content-Type": "text/xml; charset=utf-8"}))
        return self

    def fail(self, error: Exception):
        self.queue.append(error)
        return self

    def send(self, request, stream=False, timeout=None, verify=True, cert=None, proxies=None):
        self.sent.append(Sent(request=request, timeout=timeout))
        if not self.queue:
            raise AssertionError(f"unexpected request {request.method} {request.url}")
        item = self.queue.popleft()
        if isinstance(item, Exception):
            raise item
        body, status, headers = item
        response = requests.Response()
        response.status_code = status
        response._content = body
        response.headers = CaseInsensitiveDict(headers)
        response.url = request.url
        response.request = request
        response.encoding = "utf-8"
        return response

    def close(self):
        pass


@dataclass
class Harness:
    client: Client
    adapter: FakeAdapter
    sleeps: list[float]

    @property
    def last(self) -> requests.PreparedRequest:
        return self.adapter.sent[-1].request


def make_client(**config) -> Harness:
    """A Client on a session whose every request goes to a fresh FakeAdapter."""
    adapter = FakeAdapter()
    session = requests.Session()
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    sleeps: list[float] = []
    settings = {
        "base_url": API_URL,
        "consumer_key": CONSUMER_KEY,
        "consumer_secret": CONSUMER_SECRET,
        "session": session,
        "sleep": sleeps.append,
        **config,
    }
    return Harness(client=Client(**settings), adapter=adapter, sleeps=sleeps)
