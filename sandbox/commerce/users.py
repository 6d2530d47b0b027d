"""7digital accounts: sign-up, partner-managed users, sign-in checks and updates.

Two kinds of user (WIRE-NOTES §4.3.8, §5.3): people who sign up with an email and a
password (`user/signup`), and users a partner creates under its own id
(`user/create`), who have no password and act through the partner's key plus
`userId`. An email address belongs to one account, compared case-insensitively.
"""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction

from sandbox.models import Consumer, Country, SandboxUser
from sandbox.wire import ApiError, already_exists, invalid, not_found

MAX_PARTNER_USER_ID = 255
MIN_PASSWORD_LENGTH = 6
MAX_PASSWORD_LENGTH = 128
KEY_NOT_ALLOWED = 7002


def key_not_allowed(message: str) -> ApiError:
    return ApiError(KEY_NOT_ALLOWED, message, status=403)


def clean_email(email: str, *, name: str = "emailAddress") -> str:
    email = email.strip()
    try:
        validate_email(email)
    except ValidationError:
        raise invalid(name, f"'{email}' is not an email address") from None
    return email


def clean_password(password: str) -> str:
    if not MIN_PASSWORD_LENGTH <= len(password) <= MAX_PASSWORD_LENGTH:
        raise invalid(
            "password",
            f"use {MIN_PASSWORD_LENGTH} to {MAX_PASSWORD_LENGTH} characters",
        )
    return password


def user_signup(*, email: str, password: str, country: Country) -> SandboxUser:
    """A new account signed up with email and password; 2003 if the email is taken."""
    email = clean_email(email)
    password = clean_password(password)
    if SandboxUser.objects.get_by_email(email) is not None:
        raise already_exists(f"User already exists: {email}")
    return _create(email=email, password=password, country_code=country.code)


def user_create_managed(
    *, consumer: Consumer, partner_user_id: str, country: Country, email: str = ""
) -> SandboxUser:
    """A user the partner manages under its own id (no password); 2003 if either exists."""
    if not consumer.can_manage_users:
        raise key_not_allowed("This consumer key cannot create managed users")
    if len(partner_user_id) > MAX_PARTNER_USER_ID:
        raise invalid("userId", f"use at most {MAX_PARTNER_USER_ID} characters")
    if email:
        email = clean_email(email)
        if SandboxUser.objects.get_by_email(email) is not None:
            raise already_exists(f"User already exists: {email}")
    if SandboxUser.objects.get_managed(consumer, partner_user_id) is not None:
        raise already_exists(f"User already exists: {partner_user_id}")
    return _create(
        email=email,
        password=None,
        country_code=country.code,
        partner_user_id=partner_user_id,
        created_by=consumer,
    )


def user_managed(*, consumer: Consumer, partner_user_id: str) -> SandboxUser:
    """The consumer's managed user with this id; an unknown id is a 1002 (as recorded)."""
    if not consumer.can_manage_users:
        raise key_not_allowed("This consumer key cannot act for managed users")
    user = SandboxUser.objects.get_managed(consumer, partner_user_id)
    if user is None or not user.is_active:
        raise invalid("userId", partner_user_id)
    return user


def user_authenticate(*, email: str, password: str) -> SandboxUser:
    """The account email and password sign in to.

    Errors as `oauth/requestToken/authorise` answers them: no active account with
    that email is a 2001, a wrong password a 1002.
    """
    user = SandboxUser.objects.get_by_email(email)
    if user is None or not user.is_active:
        raise not_found(f"User not found: {email.strip()}")
    if not password or not user.check_password(password):
        raise invalid("password", "it does not match this user's password")
    return user


def user_find(*, email: str) -> list[SandboxUser]:
    """The accounts with this email address (none or one)."""
    user = SandboxUser.objects.get_by_email(email)
    return [user] if user is not None and user.is_active else []


def user_update(
    *,
    user: SandboxUser,
    acting_user: SandboxUser,
    consumer: Consumer,
    email: str | None = None,
    password: str | None = None,
) -> SandboxUser:
    """Change user's email and/or password, as acting_user through consumer.

    A user may update itself; a partner may also update the users it manages.
    """
    if user.pk != acting_user.pk and user.created_by_id != consumer.pk:
        raise ApiError(7001, f"Not allowed to update user {user.pk}", status=403)
    if email is None and password is None:
        raise invalid("emailAddress", "send an emailAddress or a password to change")
    if email is not None:
        email = clean_email(email)
        other = SandboxUser.objects.get_by_email(email)
        if other is not None and other.pk != user.pk:
            raise already_exists(f"User already exists: {email}")
        user.email = email
    if password is not None:
        user.set_password(clean_password(password))
    try:
        with transaction.atomic():
            user.save(update_fields=["email", "password"])
    except IntegrityError:  # the same email taken by a concurrent request
        raise already_exists(f"User already exists: {email}") from None
    return user


def _create(**fields) -> SandboxUser:
    """Create a user; a concurrent sign-up with the same email or id is a 2003."""
    try:
        with transaction.atomic():
            return SandboxUser.objects.create_user(**fields)
    except IntegrityError:
        taken = fields.get("email") or fields.get("partner_user_id")
        raise already_exists(f"User already exists: {taken}") from None
