"""Fixtures of the catalogue's page tests."""

import pytest

from tests.catalogue import page_fakes as fakes


@pytest.fixture
def fake(settings, monkeypatch) -> fakes.FakeSelectors:
    """Every catalogue selector answering small made-up pages (tests/catalogue/page_fakes.py),
    in a shop of two territories."""
    settings.SEVENDIGITAL_API_URL = "http://sandbox.test/1.2"
    settings.STORE_TERRITORIES = ["GB", "US"]
    fake = fakes.FakeSelectors().install(monkeypatch)
    fake.answers.update(fakes.every_page())
    return fake
