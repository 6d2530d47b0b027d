"""Sign-up through allauth creates the shopper's 7digital user (real HTTP to the sandbox)."""

import logging

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.db import connection
from django.urls import reverse

from accounts.models import SevenDigitalLink
from accounts.services import sevendigital_token_for
from storefront.api import get_client, reset_client
from tests.accounts.conftest import PASSWORD, new_email
from tests.conftest import free_port

OUR_LOGGERS = ("accounts", "sevendigital", "storefront", "catalogue", "django")

pytestmark = [pytest.mark.django_db, pytest.mark.live_sandbox]


def sign_up(client, email: str, password: str = PASSWORD):
    data = {"email": email, "password1": password, "password2": password}
    return client.post(reverse("account_signup"), data)


def test_sign_up_creates_and_links_a_sevendigital_user(client, live_api):
    """A new shop account comes with a new 7digital user whose token works."""
    email = new_email("signup")
    response = sign_up(client, email)
    assert response.status_code == 302
    user = get_user_model().objects.get(email=email)
    link = SevenDigitalLink.objects.get(user=user)
    assert link.how == "signup"
    assert link.email == email
    details = get_client().get_user_details(token=sevendigital_token_for(user=user))
    assert details.id == link.sevendigital_user_id
    assert details.email_address == email


def test_tokens_are_not_readable_in_the_database(client, live_api):
    """The raw columns hold neither the access token nor its secret."""
    email = new_email("raw")
    sign_up(client, email)
    user = get_user_model().objects.get(email=email)
    token = sevendigital_token_for(user=user)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT token_key_encrypted, token_secret_encrypted FROM accounts_sevendigitallink"
            " WHERE user_id = %s",
            [user.pk],
        )
        row = " ".join(cursor.fetchone())
    assert token.token and token.secret
    assert token.token not in row
    assert token.secret not in row
    assert PASSWORD not in row


def test_the_password_is_stored_nowhere_in_plain(client, live_api):
    """Nothing the shop stores for the shopper contains their password."""
    email = new_email("nopass")
    sign_up(client, email)
    user = get_user_model().objects.get(email=email)
    link = SevenDigitalLink.objects.get(user=user)
    stored = " ".join([user.password, link.token_key_encrypted, link.token_secret_encrypted])
    assert PASSWORD not in stored


def test_sign_up_works_while_sevendigital_is_down(client, db, settings):
    """7digital unreachable: the shop account exists, unlinked, and the shopper is told."""
    settings.SEVENDIGITAL_API_URL = f"http://127.0.0.1:{free_port()}/1.2"
    settings.SEVENDIGITAL_TIMEOUT = 2
    reset_client()
    email = new_email("down")
    response = sign_up(client, email)
    assert response.status_code == 302
    user = get_user_model().objects.get(email=email)
    assert not SevenDigitalLink.objects.filter(user=user).exists()
    shown = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("link 7digital later" in message for message in shown)


def test_an_existing_sevendigital_account_with_the_same_password_is_linked(client, live_api):
    """Signing up with the email and password of a 7digital account links that account."""
    email = new_email("existing")
    existing = get_client().signup_user(email_address=email, password=PASSWORD)
    sign_up(client, email)
    link = SevenDigitalLink.objects.get(user__email=email)
    assert link.sevendigital_user_id == existing.id


def test_an_existing_sevendigital_account_with_another_password_is_not_linked(client, live_api):
    """Another password: no link, and the shopper is sent to link it by signing in."""
    email = new_email("other")
    get_client().signup_user(email_address=email, password="a-different-password-9")
    response = sign_up(client, email)
    assert not SevenDigitalLink.objects.filter(user__email=email).exists()
    shown = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("already uses this email address" in message for message in shown)


def test_nothing_logged_holds_the_password_or_the_token(client, live_api, caplog):
    """Even at DEBUG, the shop's and the client's logs of a sign-up hold neither the
    password nor the access token. (Third-party DEBUG logs, e.g. oauthlib's, are masked
    by the handlers' RedactingFilter, storefront/logging.py.)"""
    caplog.set_level(logging.DEBUG)
    email = new_email("logs")
    sign_up(client, email)
    token = sevendigital_token_for(user=get_user_model().objects.get(email=email))
    ours = [r.getMessage() for r in caplog.records if r.name.startswith(OUR_LOGGERS)]
    assert any("linked to 7digital user" in message for message in ours)
    for secret in (PASSWORD, token.token, token.secret):
        assert not any(secret in message for message in ours)
