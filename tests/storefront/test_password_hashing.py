"""Passwords: Argon2id first for the store and the sandbox, older hashes upgraded at the
next sign-in (the test settings keep MD5 elsewhere only for speed)."""

import importlib

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher, check_password, make_password
from django.urls import reverse

from sandbox.models import SandboxUser
from storefront.settings import base as store_settings

pytestmark = pytest.mark.django_db

PASSWORD = "tuneful-Otter-42"
OWASP = "argon2$argon2id$v=19$m=19456,t=2,p=1$"  # memory KiB, passes, lanes


@pytest.fixture
def production_hashers(settings):
    settings.PASSWORD_HASHERS = store_settings.PASSWORD_HASHERS


@pytest.mark.parametrize(
    ("module", "hasher"),
    [
        ("storefront.settings.base", "storefront.hashers.Argon2idHasher"),
        ("sandbox.settings", "sandbox.hashers.Argon2idHasher"),
    ],
)
def test_argon2id_at_owasps_parameters_is_the_first_hasher(module, hasher, settings):
    assert importlib.import_module(module).PASSWORD_HASHERS[0] == hasher
    settings.PASSWORD_HASHERS = [hasher]
    assert make_password(PASSWORD).startswith(OWASP)


def test_a_new_password_is_hashed_with_argon2id(production_hashers):
    assert make_password(PASSWORD).startswith(OWASP)


def test_a_shoppers_old_hash_is_upgraded_at_sign_in(production_hashers, client, django_user_model):
    email = "old-hash@example.com"
    user = django_user_model.objects.create(username=email, email=email)
    user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user.save()
    answer = client.post(reverse("account_login"), {"login": email, "password": PASSWORD})
    assert answer.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith(OWASP)


def test_an_argon2_hash_with_djangos_default_parameters_is_rehashed(production_hashers):
    old = Argon2PasswordHasher().encode(PASSWORD, Argon2PasswordHasher().salt())
    assert old.startswith("argon2$argon2id$v=19$m=102400,t=2,p=8$")
    rehashed = []
    assert check_password(PASSWORD, old, setter=rehashed.append)
    assert rehashed == [PASSWORD]


def test_a_sandbox_users_pbkdf2_hash_is_upgraded_when_checked(production_hashers):
    user = SandboxUser.objects.create(
        email="old@example.com", password=make_password(PASSWORD, hasher="pbkdf2_sha256")
    )
    assert SandboxUser.objects.get(pk=user.pk).check_password(PASSWORD)
    assert SandboxUser.objects.get(pk=user.pk).password.startswith(OWASP)
