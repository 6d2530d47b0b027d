"""The read layer's keys name the API: another API never gets the first one's copies."""

import pytest

from storefront import reads
from tests.catalogue import fake_api


@pytest.fixture
def fake(settings):
    yield fake_api.install(settings)
    fake_api.uninstall()


def release(release_id: int = 3):
    return reads.fetch(reads.read("get_release_details", release_id=release_id, country="GB"))


def test_another_api_does_not_get_this_apis_copies(fake, settings):
    """Pointing the store at another API (or key) reads that API; coming back finds the
    first API's copies where they were."""
    first_key = settings.SEVENDIGITAL_CONSUMER_KEY
    release()
    assert fake.calls == {"release/details": 1}
    settings.SEVENDIGITAL_CONSUMER_KEY = "the-real-partner-key"
    release()
    assert fake.calls == {"release/details": 2}
    settings.SEVENDIGITAL_API_URL = fake_api.API_URL.replace("/1.2", "/1.2/")  # same API
    release()
    assert fake.calls == {"release/details": 2}
    settings.SEVENDIGITAL_CONSUMER_KEY = first_key
    release()
    assert fake.calls == {"release/details": 2}


def test_a_resting_api_does_not_rest_another(fake, settings):
    """The back-off after a failure is about the API that failed."""
    reads.note_api_failure(reads.TransportError("down", outcome_unknown=False))
    assert reads.api_resting()
    settings.SEVENDIGITAL_CONSUMER_KEY = "the-real-partner-key"
    assert not reads.api_resting()
