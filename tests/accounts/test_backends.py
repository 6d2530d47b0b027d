"""The signed-in user read from the shared cache (accounts/backends.py): no row read
per request, the password hash never kept, and every change that ends a session
(a new password, a deactivated account, a new SECRET_KEY) still ends it at once."""

import pytest
from django.contrib.auth import SESSION_KEY, get_user
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.backends import USERS, kept_user

pytestmark = pytest.mark.django_db(transaction=True)  # the cache is read outside one
PASSWORD = "pw-123456789"  # ada's and bob's (tests/conftest.py)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user, backend="accounts.backends.AuthenticationBackend")
    return client


def user_of(client: Client):
    """The user the next request of `client` is, as AuthenticationMiddleware finds it,
    and whether their row was read for it."""
    request = type("Request", (), {})()
    request.session = client.session
    with CaptureQueriesContext(connection) as queries:
        user = get_user(request)
    return user, any("auth_user" in query["sql"] for query in queries)


def test_the_users_row_is_read_once_then_kept(ada):
    client = signed_in(ada)
    first, read = user_of(client)
    assert first.pk == ada.pk and read
    again, read = user_of(client)
    assert again.pk == ada.pk and again.email == "ada@example.com" and not read


def test_the_password_hash_is_not_kept_and_is_read_when_asked_for(ada):
    user = kept_user(ada.pk)
    kept = USERS.get(ada.pk)
    assert "password" not in kept["fields"] and ada.password not in repr(kept)
    assert "password" in user.get_deferred_fields()
    assert user.check_password(PASSWORD)  # read from the database for the check


def test_saving_a_kept_user_keeps_their_password(ada):
    user = kept_user(ada.pk)
    user.first_name = "Ada"
    user.save()
    ada.refresh_from_db()
    assert ada.first_name == "Ada" and ada.check_password(PASSWORD)


def test_a_new_password_signs_out_the_other_sessions_not_this_one(ada, client):
    here, elsewhere = signed_in(ada), signed_in(ada)
    assert user_of(here)[0].is_authenticated and user_of(elsewhere)[0].is_authenticated
    answer = here.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": "new-pw-987654321", "password2": "new-pw-987654321"},
    )
    assert answer.status_code == 302
    assert user_of(here)[0].is_authenticated  # the session moved to the new password
    assert not user_of(elsewhere)[0].is_authenticated


def test_a_deactivated_account_is_signed_out_at_once(ada):
    client = signed_in(ada)
    assert user_of(client)[0].is_authenticated
    ada.is_active = False
    ada.save()
    assert not user_of(client)[0].is_authenticated


def test_a_deleted_account_is_signed_out(ada):
    client = signed_in(ada)
    assert user_of(client)[0].is_authenticated
    ada.delete()
    assert not user_of(client)[0].is_authenticated


def test_a_new_secret_key_is_never_checked_against_the_old_ones_hash(ada, settings):
    client = signed_in(ada)
    assert user_of(client)[0].is_authenticated  # kept, its hash made with the old key
    settings.SECRET_KEY = "another-secret-key-" + "x" * 40
    assert not user_of(client)[0].is_authenticated


def test_one_shoppers_change_leaves_anothers_kept(ada, bob):
    ada_client, bob_client = signed_in(ada), signed_in(bob)
    user_of(ada_client), user_of(bob_client)
    ada.first_name = "Ada"
    ada.save()
    bob_user, read = user_of(bob_client)
    assert bob_user.pk == bob.pk and not read
    ada_user, read = user_of(ada_client)
    assert ada_user.first_name == "Ada" and read
    assert bob_client.session[SESSION_KEY] == str(bob.pk)
