"""Password guessing is throttled (allauth's `login_failed` rate limits).

Per account: 5 failures in 5 minutes, whichever browser session they come from. Per
client address: 10 failures a minute across any accounts, the address being the
shopper's (behind a load balancer, X-Forwarded-For's entry before our proxies).
The counters live in Django's cache, Redis in production, shared by every process
(tests/deploy/test_two_processes.py shows it across two processes).
"""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "tuneful-Otter-42"
PER_ACCOUNT, PER_ADDRESS = 5, 10  # settings.ACCOUNT_RATE_LIMITS["login_failed"]
TOO_MANY = "Too many failed login attempts"


@pytest.fixture(autouse=True)
def _fresh_counters(monkeypatch):
    # The login page's territory switcher would ask the API for country names.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def shopper(django_user_model):
    email = "throttle@example.com"
    return django_user_model.objects.create_user(username=email, email=email, password=PASSWORD)


def sign_in(email: str, password: str, client: Client | None = None, **headers):
    client = client or Client()  # a new browser session unless one is given
    return client.post(reverse("account_login"), {"login": email, "password": password}, **headers)


def is_throttled(response) -> bool:
    return response.status_code == 200 and TOO_MANY in response.content.decode()


def test_failures_in_new_sessions_still_count(shopper):
    """Dropping the session cookie does not reset the count: the 6th try is refused."""
    for _ in range(PER_ACCOUNT):
        assert not is_throttled(sign_in(shopper.email, "wrong-password"))
    browser = Client()
    assert is_throttled(sign_in(shopper.email, PASSWORD, browser))
    assert "_auth_user_id" not in browser.session


def test_the_account_is_named_case_insensitively(shopper):
    """Changing the email's case does not open a new allowance."""
    for attempt in range(PER_ACCOUNT):
        email = shopper.email.upper() if attempt % 2 else shopper.email
        sign_in(email, "wrong-password")
    assert is_throttled(sign_in(shopper.email.title(), PASSWORD))


def test_one_address_guessing_many_accounts_is_throttled(shopper):
    """Ten failures a minute from one address, on any accounts, stop the next sign-in."""
    for number in range(PER_ADDRESS):
        assert not is_throttled(sign_in(f"guess-{number}@example.com", "wrong-password"))
    assert is_throttled(sign_in(shopper.email, PASSWORD))


def test_the_address_is_the_shoppers_behind_the_load_balancer(settings, shopper):
    """With one trusted proxy, two shoppers behind it have separate allowances."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for number in range(PER_ADDRESS):
        sign_in(f"guess-{number}@example.com", "wrong", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert is_throttled(sign_in(shopper.email, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.7"))
    other = sign_in(shopper.email, PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.20")
    assert other.status_code == 302


def test_the_counters_live_in_the_shared_cache(shopper):
    """Emptying Django's cache lifts the throttle: nothing is kept in process memory."""
    for _ in range(PER_ACCOUNT):
        sign_in(shopper.email, "wrong-password")
    assert is_throttled(sign_in(shopper.email, PASSWORD))
    cache.clear()
    assert sign_in(shopper.email, PASSWORD).status_code == 302
