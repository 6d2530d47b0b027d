"""Fixtures shared by the sandbox's tests (a module may define its own to differ)."""

import pytest

from tests.sandbox import schemathesis_examples
from tests.sandbox.factories import make_country
from tests.sandbox.oauth_support import make_consumer


def pytest_terminal_summary(terminalreporter, config):
    """Schemathesis's answers per operation, when test_schemathesis.py ran."""
    lines = schemathesis_examples.summary(config)
    if lines:
        terminalreporter.section("schemathesis: answers per operation")
        for line in lines:
            terminalreporter.write_line(line)


@pytest.fixture
def consumer():
    """A partner key, with the two territories most catalogue tests price in."""
    make_country("GB")
    make_country("FR")
    return make_consumer()
