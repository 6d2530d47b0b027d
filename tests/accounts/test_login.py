"""Signing in with email and password, and allauth's throttling of failed attempts."""

import pytest
from django.urls import reverse

from tests.accounts.conftest import PASSWORD

pytestmark = pytest.mark.django_db

FAILURES_ALLOWED = 5  # settings.ACCOUNT_RATE_LIMITS["login_failed"]: 5 per key in 5 minutes


def sign_in(client, email: str, password: str):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_shoppers_sign_in_with_their_email(client, shopper):
    """Email and password sign the shopper in and lead to their music."""
    response = sign_in(client, shopper.email, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("locker")
    assert int(client.session["_auth_user_id"]) == shopper.pk


def test_sign_in_is_throttled_after_repeated_failures(client, shopper):
    """After 5 wrong passwords even the right one is refused for a while."""
    for _ in range(FAILURES_ALLOWED):
        assert sign_in(client, shopper.email, "wrong-password").status_code == 200
    response = sign_in(client, shopper.email, PASSWORD)
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_few_failures_do_not_lock_the_account(client, shopper):
    """Below the limit the right password still works."""
    for _ in range(FAILURES_ALLOWED - 1):
        sign_in(client, shopper.email, "wrong-password")
    assert sign_in(client, shopper.email, PASSWORD).status_code == 302


def test_sign_out_is_a_post(client, shopper):
    """A GET of the sign-out URL only asks; the POST signs out."""
    client.force_login(shopper)
    client.get(reverse("account_logout"))
    assert "_auth_user_id" in client.session
    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session


def test_external_next_after_sign_in_is_refused(client, shopper):
    """A `next` on another site is not followed after signing in."""
    data = {"login": shopper.email, "password": PASSWORD, "next": "https://evil.example/"}
    response = client.post(reverse("account_login"), data)
    assert response.status_code == 302
    assert not response["Location"].startswith("https://evil.example")


def test_the_shopper_is_named_by_email(client, shopper):
    """allauth's messages name the shopper by email, not a generated username."""
    response = client.post(
        reverse("account_login"), {"login": shopper.email, "password": PASSWORD}, follow=True
    )
    assert f"Successfully signed in as {shopper.email}" in response.content.decode()
