"""The admin in the staff member's language (accounts.middleware.StaffLanguageMiddleware)."""

import pytest
from django.test import Client

from accounts import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_superuser(
        username="admin-de", email="admin-de@example.com", password="not-used-42"
    )


def admin_page(user, **headers) -> str:
    client = Client(**headers)
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.text


def test_the_admin_speaks_the_staff_members_stored_language(staff):
    services.preferences_set_language(user=staff, language="de")
    html = admin_page(staff)
    assert '<html lang="de"' in html
    assert "Abmelden" in html  # "Log out"
    assert "Log out" not in html


def test_a_stored_language_wins_over_the_browsers(staff):
    services.preferences_set_language(user=staff, language="ja")
    html = admin_page(staff, HTTP_ACCEPT_LANGUAGE="fr")
    assert '<html lang="ja"' in html


def test_without_one_the_admin_follows_the_browser(staff):
    html = admin_page(staff, HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")
    assert '<html lang="fr"' in html
    assert "Déconnexion" in html


def test_without_either_the_admin_is_english(staff):
    html = admin_page(staff)
    assert '<html lang="en"' in html and "Log out" in html


def test_the_sign_in_page_follows_the_browser():
    response = Client(HTTP_ACCEPT_LANGUAGE="de").get("/admin/login/")
    assert '<html lang="de"' in response.text
