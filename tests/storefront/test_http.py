"""The request helpers every app's views share."""

import pytest
from django.test import RequestFactory

from storefront.http import is_live, safe_next, shopper_country


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("/basket/", "/basket/"),
        ("/release/1/x/?page=2", "/release/1/x/?page=2"),
        ("https://evil.example/", "/fallback/"),
        ("//evil.example/", "/fallback/"),
        ("javascript:alert(1)", "/fallback/"),
        ("", "/fallback/"),
        (None, "/fallback/"),
    ],
)
def test_safe_next_keeps_only_this_sites_urls(rf: RequestFactory, value, expected):
    assert safe_next(rf.get("/"), value, default="/fallback/") == expected


def test_shopper_country_falls_back_to_the_default_territory(rf: RequestFactory, settings):
    settings.SEVENDIGITAL_DEFAULT_COUNTRY = "GB"
    request = rf.get("/")
    assert shopper_country(request) == "GB"
    request.country = "JP"
    assert shopper_country(request) == "JP"


def test_only_our_own_htmx_requests_are_live(rf: RequestFactory):
    class Htmx:
        def __init__(self, boosted):
            self.boosted = boosted

        def __bool__(self):
            return True

    plain = rf.get("/")
    assert not is_live(plain)
    plain.htmx = Htmx(boosted=True)
    assert not is_live(plain)
    plain.htmx = Htmx(boosted=False)
    assert is_live(plain)
