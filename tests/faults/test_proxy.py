"""The fault proxy does what each mode says, seen from a plain HTTP client."""

import pytest
import requests

from tests.faults.proxy import FaultProxy

pytestmark = [pytest.mark.faults, pytest.mark.live_sandbox]

COUNTRIES = "/1.2/countries"


@pytest.fixture
def countries(sandbox_server, proxy):
    def get(timeout: float = 1.0) -> requests.Response:
        params = {"oauth_consumer_key": sandbox_server.consumer_key}
        return requests.get(proxy.url + COUNTRIES, params=params, timeout=timeout)

    return get


def test_passes_requests_through(proxy, countries):
    """With no fault the sandbox's answer comes back whole, and the request is counted."""
    response = countries()
    assert response.status_code == 200
    assert response.content.rstrip().endswith(b"</response>")
    assert proxy.hits(COUNTRIES) == 1


def test_latency_delays_the_answer_past_the_timeout(proxy, countries):
    proxy.inject("latency", delay=2.0)
    with pytest.raises(requests.ReadTimeout):
        countries(timeout=0.5)


def test_reset_drops_the_connection(proxy, countries):
    proxy.inject("reset")
    with pytest.raises(requests.ConnectionError):
        countries()


def test_503_answers_an_html_error_page(proxy, countries):
    proxy.inject("503")
    response = countries()
    assert response.status_code == 503
    assert b"<html>" in response.content


def test_malformed_cuts_the_body(proxy, countries):
    proxy.inject("malformed")
    response = countries()
    assert response.status_code == 200
    assert b"</response>" not in response.content


def test_429_asks_to_retry_after_a_second(proxy, countries):
    proxy.inject("429")
    response = countries()
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "1"


def test_hang_never_answers(proxy, countries):
    proxy.inject("hang")
    with pytest.raises(requests.ReadTimeout):
        countries(timeout=0.5)


def test_faults_apply_only_under_their_prefix(proxy, countries):
    """A fault for purchase paths leaves the other calls alone."""
    proxy.inject("503", prefix="/1.2/user/purchase")
    assert countries().status_code == 200


def test_unknown_mode_is_refused(sandbox_server):
    proxy = FaultProxy(sandbox_server.url)
    try:
        with pytest.raises(ValueError):
            proxy.inject("flaky")
    finally:
        proxy.stop()
