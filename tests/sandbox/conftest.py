"""Fixtures shared by the sandbox's tests (a module may define its own to differ)."""

import pytest

from tests.sandbox.factories import make_country
from tests.sandbox.oauth_support import make_consumer


@pytest.fixture
def consumer():
    """A partner key, with the two territories most catalogue tests price in."""
    make_country("GB")
    make_country("FR")
    return make_consumer()
