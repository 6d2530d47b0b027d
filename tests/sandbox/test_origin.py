"""Every URL the sandbox hands out answers when followed, whatever Host the client
sent: a portless Host (the official Node client's), directly and through a proxy
that says where it is with X-Forwarded-Proto/-Port; SANDBOX_PUBLIC_URL wins."""

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from lxml import etree

from sandbox.wire.origin import public_origin, request_origin
from tests.conftest import free_port
from tests.sandbox.live_support import make_live_shopper
from tests.sandbox.oauth_support import signed

PORTLESS = {"Host": "127.0.0.1"}
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "server", "date"}


def _request(**meta):
    return RequestFactory().get("/1.2/release/details", **meta)


def test_a_portless_host_means_the_port_the_server_listens_on():
    assert request_origin(_request(HTTP_HOST="127.0.0.1", SERVER_PORT="8001")) == (
        "http://127.0.0.1:8001"
    )
    assert request_origin(_request(HTTP_HOST="localhost:9000", SERVER_PORT="8001")) == (
        "http://localhost:9000"
    )
    assert request_origin(_request(HTTP_HOST="example.com", SERVER_PORT="80")) == (
        "http://example.com"
    )


def test_a_proxy_says_where_the_client_was():
    """Forwarded proto, host and port together; the listening port is then irrelevant."""
    forwarded = {"HTTP_X_FORWARDED_PROTO": "https", "SERVER_PORT": "8001"}
    assert request_origin(
        _request(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PORT="8443", **forwarded)
    ) == ("https://127.0.0.1:8443")
    assert request_origin(_request(HTTP_HOST="api.example", **forwarded)) == "https://api.example"
    assert request_origin(
        _request(
            HTTP_HOST="10.0.0.5:8001",
            HTTP_X_FORWARDED_HOST="api.example, inner.proxy",
            HTTP_X_FORWARDED_PORT="443",
            **forwarded,
        )
    ) == ("https://api.example")


def test_the_public_url_setting_wins_for_urls_handed_out_but_not_for_signatures(settings):
    settings.SANDBOX_PUBLIC_URL = "https://sandbox.example:8443/"
    request = _request(HTTP_HOST="127.0.0.1", SERVER_PORT="8001")
    assert public_origin(request) == "https://sandbox.example:8443"
    assert request_origin(request) == "http://127.0.0.1:8001"  # what the client signed


@pytest.mark.parametrize("bad", ["127.0.0.1:8001", "ftp://x.example", "http://x.example/1.2"])
def test_a_public_url_that_is_not_an_origin_is_refused_clearly(settings, bad):
    settings.SANDBOX_PUBLIC_URL = bad
    with pytest.raises(ImproperlyConfigured, match="SANDBOX_PUBLIC_URL"):
        public_origin(_request(HTTP_HOST="127.0.0.1"))


# --- over real HTTP: a client that omits the port --------------------------------------


class _ForwardingProxy(BaseHTTPRequestHandler):
    """A reverse proxy as nginx is often set up: the client's Host passed on as it
    came, X-Forwarded-Proto and X-Forwarded-Port saying where the client connected."""

    upstream = ""

    def do_GET(self) -> None:
        self._forward()

    def do_POST(self) -> None:
        self._forward()

    def _forward(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        headers = {name: value for name, value in self.headers.items()}
        headers["X-Forwarded-Proto"] = "http"
        headers["X-Forwarded-Port"] = str(self.server.server_address[1])
        answer = requests.request(
            self.command,
            self.upstream + self.path,
            headers=headers,
            data=self.rfile.read(length) if length else None,
            allow_redirects=False,
            timeout=30,
        )
        self.send_response(answer.status_code)
        for name, value in answer.headers.items():
            if name.lower() not in HOP_BY_HOP:
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(answer.content)))
        self.end_headers()
        self.wfile.write(answer.content)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def proxy(sandbox_server) -> Iterator[str]:
    handler = type("Proxy", (_ForwardingProxy,), {"upstream": sandbox_server.url})
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _ok(response: requests.Response) -> etree._Element:
    assert response.status_code == 200, response.text
    root = etree.fromstring(response.content)
    assert root.get("status") == "ok", response.text
    return root[0]


def _handed_out_urls(base: str, sandbox_server) -> list[str]:
    """Cover art, a PayPal approval page and signed downloads, asked for at base
    with a portless Host (3-legged calls signed for base, as the Node client signs)."""
    shopper = make_live_shopper(sandbox_server, releases=1)
    api, key = f"{base}/1.2", {"oauth_consumer_key": shopper.consumer_key}
    release_id = shopper.release_ids[0]

    def get(path: str, auth=None, **params) -> etree._Element:
        return _ok(
            requests.get(f"{api}/{path}", params=params, auth=auth, headers=PORTLESS, timeout=30)
        )

    image = get("release/details", releaseId=release_id, **key).findtext("image")
    paypal = get(
        "basket/paypalurl",
        basketId=shopper.basket_id,
        returnUrl="http://shop.example/back",
        cancelUrl="http://shop.example/cancel",
        **key,
    ).findtext("url")
    delivered = get("user/deliveritem", auth=shopper.auth(), releaseId=release_id)
    downloads = delivered.xpath(".//downloadUrl/url/text()")
    assert downloads
    return [image, paypal, *downloads]


@pytest.mark.live_sandbox
def test_a_portless_client_gets_urls_that_answer(sandbox_server):
    urls = _handed_out_urls(sandbox_server.url, sandbox_server)
    for url in urls:
        assert url.startswith(f"{sandbox_server.url}/"), url
        response = requests.get(url, timeout=60)
        assert response.status_code == 200, (url, response.text[:200])


@pytest.mark.live_sandbox
def test_a_portless_client_behind_a_proxy_gets_urls_on_the_proxy(sandbox_server, proxy):
    urls = _handed_out_urls(proxy, sandbox_server)
    for url in urls:
        assert url.startswith(f"{proxy}/"), url
        response = requests.get(url, headers=PORTLESS, timeout=60)
        assert response.status_code == 200, (url, response.text[:200])


# --- the OAuth check reads the same origin ------------------------------------------


@pytest.mark.django_db
@pytest.mark.urls("sandbox.urls")
@pytest.mark.parametrize(
    "signed_for", ["127.0.0.1:8001", "127.0.0.1"], ids=["url-with-port", "host-header"]
)
def test_a_portless_host_is_verified_against_either_uri_the_client_signed(
    client, consumer, signed_for
):
    """The Node client signs the URL it connected to (port included); oauthlib signs the
    URL the Host header names. Both reach the sandbox with `Host: 127.0.0.1`."""
    response = signed(
        client, "GET", "/1.2/user/create", consumer, host=signed_for, headers=PORTLESS,
        meta={"SERVER_PORT": "8001"}, params={"userId": f"origin-{signed_for}"},
    )  # fmt: skip
    assert response.status_code == 200, response.content


@pytest.mark.django_db
@pytest.mark.urls("sandbox.urls")
def test_a_signature_for_another_port_is_still_refused(client, consumer):
    response = signed(
        client, "GET", "/1.2/user/create", consumer, host="127.0.0.1:9999", headers=PORTLESS,
        meta={"SERVER_PORT": "8001"}, params={"userId": "origin-elsewhere"},
    )  # fmt: skip
    assert response.status_code == 401
