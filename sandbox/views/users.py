"""User operations: signup, create (managed), details, authenticate, find, update.

Every answer is the `user @id` element the recordings show (`type` "7digital",
`emailAddress`), or `users/user[]`. Email parameters are `emailAddress` on the wire;
the OpenAPI's `email` is accepted as well. Sign-in errors (`user/authenticate`): an
unknown email is a 2001, a wrong password a 1002 (the recordings only show
successes; these match `oauth/requestToken/authorise`).
"""

from sandbox.commerce import users
from sandbox.models import SandboxUser
from sandbox.wire import (
    THREE_LEGGED,
    TWO_LEGGED,
    ApiRequest,
    el,
    invalid,
    missing,
    not_found,
    operation,
    sub,
)
from sandbox.wire.xml import Element

USER_TYPE = "7digital"


def user_element(user: SandboxUser) -> Element:
    node = el("user", id=user.pk)
    sub(node, "type", USER_TYPE)
    sub(node, "emailAddress", user.email)
    return node


def _email(api: ApiRequest, *, required: bool = True) -> str | None:
    return api.params.str("emailAddress", "email", required=required)


def _password(api: ApiRequest, *, required: bool = True) -> str | None:
    """The password exactly as sent (spaces are characters of a password)."""
    password = api.params.raw("password")
    if not password:
        if required:
            raise missing("password")
        return None
    return password


@operation("user/signup", auth=TWO_LEGGED, methods=("POST",))
def user_signup(api: ApiRequest) -> Element:
    """A new 7digital account; an email already signed up is a 2003."""
    user = users.user_signup(email=_email(api), password=_password(api), country=api.country)
    return user_element(user)


@operation("user/create", auth=TWO_LEGGED)
def user_create(api: ApiRequest) -> Element:
    """A user managed by the calling partner under its own `userId` (WIRE-NOTES §5.3)."""
    user = users.user_create_managed(
        consumer=api.consumer,
        partner_user_id=api.params.str("userId", required=True),
        country=api.country,
        email=_email(api, required=False) or "",
    )
    return user_element(user)


@operation("user/details", auth=TWO_LEGGED)
def user_details(api: ApiRequest) -> Element:
    """The user of a 3-legged token, else the partner's managed user named by `userId`."""
    if api.user is not None:
        return user_element(api.user)
    partner_user_id = api.params.str("userId", required=True)
    return user_element(users.user_managed(consumer=api.consumer, partner_user_id=partner_user_id))


@operation("user/authenticate", auth=TWO_LEGGED, methods=("POST",))
def user_authenticate(api: ApiRequest) -> Element:
    """The account an email and password sign in to (no token: tokens come from OAuth)."""
    user = users.user_authenticate(email=_email(api), password=_password(api))
    return user_element(user)


@operation("users", auth=TWO_LEGGED)
def users_find(api: ApiRequest) -> Element:
    """The users with an email address (none or one)."""
    node = el("users")
    node.extend(user_element(user) for user in users.user_find(email=_email(api)))
    return node


@operation("users/{id}/update", auth=THREE_LEGGED, methods=("PUT",))
def users_update(api: ApiRequest) -> Element:
    """Change a user's email and/or password: the caller's own account, or a managed one."""
    user_id = api.path_args["id"]
    if not (user_id.isascii() and user_id.isdigit()) or len(user_id) > 18:
        raise invalid("id", f"'{user_id}' is not a user id")
    user = SandboxUser.objects.filter(pk=int(user_id), is_active=True).first()
    if user is None:
        raise not_found(f"User not found: {user_id}")
    updated = users.user_update(
        user=user,
        acting_user=api.user,
        consumer=api.consumer,
        email=_email(api, required=False),
        password=_password(api, required=False),
    )
    return user_element(updated)
