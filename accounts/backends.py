"""The signed-in user of each request, from the shared cache.

Django's AuthenticationMiddleware asks the session's backend for the user on every
request of a signed-in shopper: a query for their row, a third of a kept catalogue
page's time. These backends (Django's ModelBackend and allauth's, otherwise
unchanged) answer `get_user` from `USERS` (storefront.per_user): the row's fields,
kept until the row is saved or deleted (a sign-in, a password change, the admin).

The password hash is not kept: the instance's `password` is a deferred field, read
from the database if anything asks for it (a password check, a rehash), and saving
the instance saves its loaded fields only, as Django does for any deferred field.
What the session is checked against is kept instead: the session hash the password
gives (an HMAC of it with the SECRET_KEY, as every session of the user stores it),
with a digest of the key it was made with, so a new SECRET_KEY is never checked
against an old one's hash.
"""

import functools
import hashlib
from typing import Any

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.conf import settings
from django.contrib.auth import backends, get_user_model
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS

from storefront.per_user import PerUser

UserModel = get_user_model()


def _secret_id() -> str:
    return _digest(settings.SECRET_KEY)


@functools.lru_cache(maxsize=4)
def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()[:12]


def _row(user_id: Any) -> dict:
    """What is kept of the user: the fields but the password, and the session hash
    ({} when there is no such user)."""
    user = UserModel._default_manager.filter(pk=user_id).first()
    if user is None:
        return {}
    fields = {
        field.attname: getattr(user, field.attname)
        for field in UserModel._meta.concrete_fields
        if field.attname != "password"
    }
    return {"fields": fields, "session_hash": user.get_session_auth_hash(), "key": _secret_id()}


USERS = PerUser("user", load=_row)


class SessionHash:
    """A kept user's `get_session_auth_hash`: the kept hash, until the password is read
    or set on the instance (a password change): then the one it gives."""

    def __init__(self, user: Any, kept: str):
        self.user = user
        self.kept = kept

    def __call__(self) -> str:
        if "password" in vars(self.user):
            return type(self.user).get_session_auth_hash(self.user)
        return self.kept


def kept_user(user_id: Any) -> Any:
    """The user of `user_id` (as the session holds it) from the shared cache, with
    the password deferred; None when there is none."""
    try:
        pk = UserModel._meta.pk.to_python(user_id)
    except ValidationError:
        return None
    kept = USERS.get(pk)
    if kept and kept["key"] != _secret_id():
        kept = _row(pk)
    if not kept:
        return None
    names = list(kept["fields"])
    user = UserModel.from_db(DEFAULT_DB_ALIAS, names, [kept["fields"][name] for name in names])
    user.get_session_auth_hash = SessionHash(user, kept["session_hash"])
    return user


class KeptUser:
    def get_user(self, user_id: Any) -> Any:
        user = kept_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


class ModelBackend(KeptUser, backends.ModelBackend):
    """Django's ModelBackend (the admin's username sign-in), its users kept."""


class AuthenticationBackend(KeptUser, AllauthBackend):
    """allauth's backend (shoppers: e-mail and password), its users kept."""
