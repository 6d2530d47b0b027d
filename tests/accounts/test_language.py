"""A signed-in shopper's language: stored when they switch or sign in/up, and used for
the e-mails sent to them (allauth's, the wishlist alerts)."""

import re
from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts import services
from accounts.models import ShopperPreferences, WishlistItem
from accounts.selectors import shopper_language
from tests.accounts.conftest import PASSWORD, new_email

pytestmark = pytest.mark.django_db


def choose(client: Client, code: str, next_url: str = "/"):
    return client.get(reverse("choose-language", args=[code]), {"next": next_url})


def test_a_shopper_who_never_chose_has_no_language(shopper):
    assert shopper_language(shopper) is None
    assert shopper_language(None) is None


def test_the_stored_language_is_the_shoppers(shopper):
    services.preferences_set_language(user=shopper, language="ja")
    assert shopper_language(shopper) == "ja"
    services.preferences_set_language(user=shopper, language="fr")
    assert shopper_language(shopper) == "fr"
    assert ShopperPreferences.objects.filter(user=shopper).count() == 1


def test_only_the_shops_languages_are_stored(shopper):
    with pytest.raises(services.UnknownLanguage):
        services.preferences_set_language(user=shopper, language="es")
    assert shopper_language(shopper) is None


def test_switching_language_signed_in_stores_it(client, shopper):
    client.force_login(shopper)
    assert shopper_language(shopper) is None  # force_login is no sign-in on a page
    response = choose(client, "de", "/release/1/")
    assert response["Location"] == "/de/release/1/"
    assert shopper_language(shopper) == "de"


def test_switching_language_anonymously_writes_nothing(client):
    with CaptureQueriesContext(connection) as queries:
        response = choose(client, "fr")
    assert response.status_code == 302 and response.cookies["language"].value == "fr"
    assert queries.captured_queries == []
    assert "sessionid" not in response.cookies


def test_signing_in_on_a_french_page_stores_french(client, shopper):
    login = reverse("account_login")
    assert login == "/accounts/login/"
    response = client.post(f"/fr{login}", {"login": shopper.email, "password": PASSWORD})
    assert response.status_code == 302
    assert shopper_language(shopper) == "fr"


@pytest.mark.live_sandbox
def test_signing_up_on_a_japanese_page_stores_japanese(client, live_api, django_user_model):
    email = new_email("ja-signup")
    data = {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    response = client.post("/ja/accounts/signup/", data)
    assert response.status_code == 302
    assert shopper_language(django_user_model.objects.get(email=email)) == "ja"


def test_allauths_emails_are_in_the_shoppers_language(client, shopper):
    """A password reset asked on an English page reaches a German shopper in German."""
    services.preferences_set_language(user=shopper, language="de")
    client.post("/accounts/password/reset/", {"email": shopper.email})
    [message] = mail.outbox
    assert "Zurücksetzen des Passworts" in message.subject
    assert "/de/accounts/password/reset/key/" in message.body


def test_allauths_emails_without_a_stored_language_follow_the_page(client, shopper):
    client.post("/fr/accounts/password/reset/", {"email": shopper.email})
    [message] = mail.outbox
    assert "réinitialisation" in message.subject


@pytest.mark.live_sandbox
def test_a_wishlist_alert_is_in_the_shoppers_language(shopper, sold_release):
    """Prices in the language's format, links to the language's pages."""
    services.preferences_set_language(user=shopper, language="de")
    WishlistItem.objects.create(
        user=shopper,
        release_id=sold_release.id,
        title=sold_release.title,
        artist_name=sold_release.artist.name,
        price_when_added=Decimal("99.99"),
        currency="GBP",
        country="GB",
    )
    assert services.wishlist_check_prices() == 1
    [message] = mail.outbox
    assert "99,99\xa0£" in message.body  # German: decimal comma, symbol after
    assert re.search(rf"/de/release/{sold_release.id}/", message.body)
    assert "/de/accounts/wishlist/" in message.body
