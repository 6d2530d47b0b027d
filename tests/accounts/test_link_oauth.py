"""Linking an existing 7digital account through 7digital's own sign-in page (3-legged)."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from accounts.models import SevenDigitalLink
from accounts.services import PENDING_OAUTH_KEY
from storefront.api import get_client
from tests.accounts.conftest import PASSWORD, new_email
from tests.accounts.oauth_support import authorise_on_sandbox, local_path

pytestmark = [pytest.mark.django_db, pytest.mark.live_sandbox]


@pytest.fixture
def existing_account(live_api):
    """A 7digital account made elsewhere: (email, password, its 7digital id)."""
    email = new_email("elsewhere")
    password = "seven-digital-pw-1"
    account = get_client().signup_user(email_address=email, password=password)
    return email, password, account.id


def start_link(client, **data):
    return client.post(reverse("sevendigital-link-start"), data)


def test_link_round_trip_creates_an_oauth_link(client, shopper, existing_account):
    """Store -> sandbox sign-in page -> store callback: the shopper is linked."""
    email, password, sevendigital_id = existing_account
    client.force_login(shopper)
    started = start_link(client)
    assert started.status_code == 302
    authorise_url = started["Location"]
    assert authorise_url.startswith(get_client().authorise_endpoint)
    callback = authorise_on_sandbox(authorise_url, email=email, password=password)
    assert urlsplit(callback).path == reverse("sevendigital-callback")
    finished = client.get(local_path(callback))
    assert finished.status_code == 302
    assert finished["Location"] == reverse("locker")
    link = SevenDigitalLink.objects.get(user=shopper)
    assert (link.how, link.sevendigital_user_id, link.email) == ("oauth", sevendigital_id, email)


def test_callback_with_another_request_token_is_refused(client, shopper, existing_account):
    """A callback naming a token this session did not start links nothing."""
    client.force_login(shopper)
    start_link(client)
    other = get_client().get_request_token(callback="http://testserver/accounts/7digital/callback/")
    response = client.get(reverse("sevendigital-callback"), {"oauth_token": other.token})
    assert response["Location"] == reverse("sevendigital-link")
    assert not SevenDigitalLink.objects.filter(user=shopper).exists()


def test_callback_without_a_started_link_is_refused(client, shopper, existing_account):
    """A callback in a session that started nothing (forged or replayed) links nothing."""
    email, password, _ = existing_account
    client.force_login(shopper)
    authorise_url = start_link(client)["Location"]
    callback = authorise_on_sandbox(authorise_url, email=email, password=password)
    assert client.get(local_path(callback)).status_code == 302  # first use links
    SevenDigitalLink.objects.filter(user=shopper).delete()
    replayed = client.get(local_path(callback))
    assert replayed["Location"] == reverse("sevendigital-link")
    assert not SevenDigitalLink.objects.filter(user=shopper).exists()


def test_an_external_next_is_refused(client, shopper, existing_account):
    """`next` pointing at another site is ignored: the shopper lands on the locker."""
    email, password, _ = existing_account
    client.force_login(shopper)
    authorise_url = start_link(client, next="https://evil.example/steal")["Location"]
    callback = authorise_on_sandbox(authorise_url, email=email, password=password)
    finished = client.get(local_path(callback))
    assert finished["Location"] == reverse("locker")


def test_a_local_next_is_followed(client, shopper, existing_account):
    """`next` on this site is where the shopper lands after linking."""
    email, password, _ = existing_account
    client.force_login(shopper)
    authorise_url = start_link(client, next=reverse("wishlist"))["Location"]
    callback = authorise_on_sandbox(authorise_url, email=email, password=password)
    assert client.get(local_path(callback))["Location"] == reverse("wishlist")


def test_denying_on_sevendigital_links_nothing(client, shopper, existing_account):
    """The shopper presses Deny: back on the link page, nothing linked, nothing pending."""
    email, password, _ = existing_account
    client.force_login(shopper)
    authorise_url = start_link(client)["Location"]
    back = authorise_on_sandbox(authorise_url, email=email, password=password, decision="deny")
    assert parse_qs(urlsplit(back).query)["status"] == ["Denied"]
    response = client.get(local_path(back))
    assert response["Location"] == reverse("sevendigital-link")
    assert not SevenDigitalLink.objects.filter(user=shopper).exists()
    assert PENDING_OAUTH_KEY not in client.session


def test_the_request_token_secret_is_not_kept_in_plain_in_the_session(client, shopper, live_api):
    """The pending request token's secret is encrypted in the session store."""
    client.force_login(shopper)
    start_link(client)
    pending = client.session[PENDING_OAUTH_KEY]
    assert set(pending) == {"token", "secret"}
    assert pending["secret"].startswith("gAAAA")  # a Fernet token


def test_a_sevendigital_account_links_to_one_shop_account_only(
    client, shopper, existing_account, django_user_model
):
    """The same 7digital account cannot be linked by a second shop account."""
    email, password, _ = existing_account
    for user in (shopper, django_user_model.objects.create_user("second", new_email(), PASSWORD)):
        client.force_login(user)
        authorise_url = start_link(client)["Location"]
        callback = authorise_on_sandbox(authorise_url, email=email, password=password)
        client.get(local_path(callback))
    assert SevenDigitalLink.objects.filter(user=shopper).exists()
    assert SevenDigitalLink.objects.filter(user__username="second").count() == 0


def test_starting_a_link_needs_a_post(client, shopper):
    """A GET cannot start the flow (every state change is a POST with CSRF)."""
    client.force_login(shopper)
    assert client.get(reverse("sevendigital-link-start")).status_code == 405
