"""Linking a shop account to a 7digital user.

Two ways, both ending in an encrypted `SevenDigitalLink`:

- at sign-up (`link_create_on_signup`): the partner flow. A 7digital account is made
  with the shopper's email and password (`user/signup`), then a request token is
  authorised with the same credentials (`oauth/requestToken/authorise`) and
  exchanged for the access token. The password is used for those two calls and
  never stored.
- for an existing 7digital account (`link_start_oauth` / `link_complete_oauth`): the
  3-legged flow through 7digital's own sign-in page, so the shop never sees the
  7digital password. The request token (its secret encrypted) waits in the
  shopper's session; the callback must name that same token.
"""

import logging
from collections.abc import MutableMapping
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts import crypto
from accounts.models import SevenDigitalLink
from sevendigital import (
    AlreadyExistsError,
    AuthError,
    InputError,
    NotFoundError,
    OAuthToken,
    SevenDigitalError,
    UserToken,
)
from storefront.api import get_client

logger = logging.getLogger(__name__)

PENDING_OAUTH_KEY = "accounts:7digital-request-token"


class AccountsError(Exception):
    """A domain error of the accounts app; `str()` is a message for the shopper."""


class NotLinked(AccountsError):
    """The shopper has no 7digital account linked yet."""

    def __init__(self, message: str | None = None):
        super().__init__(message or gettext("Your account is not linked to 7digital yet."))


class LinkFailed(AccountsError):
    """Linking did not happen; the message says why and what to do."""


# Messages for the shopper, lazy: translated into the language of the request that shows them.
UNREACHABLE = _(
    "7digital could not be reached just now, so your music locker is not set up yet. "
    "Your shop account is ready: link 7digital later from “Link your 7digital account”."
)
EXISTING_ACCOUNT = _(
    "A 7digital account already uses this email address with another password. "
    "Link it by signing in to 7digital from “Link your 7digital account”."
)
TAKEN = _("That 7digital account is already linked to another account in this shop.")
RELINK = _("Your 7digital link needs renewing: please link your 7digital account again.")
MISMATCH = _("This 7digital sign-in was not started here, or has expired. Please start again.")


def sevendigital_token_for(*, user: AbstractBaseUser) -> UserToken:
    """The user's decrypted 7digital access token; NotLinked if there is none."""
    link = SevenDigitalLink.objects.filter(user_id=user.pk).first()
    if link is None:
        raise NotLinked()
    try:
        return link.token
    except crypto.TokenDecryptionError as error:  # its key was rotated away: link again
        logger.error("The 7digital token of user %s cannot be decrypted", user.pk)
        raise NotLinked(RELINK) from error


def link_create_on_signup(*, user: AbstractBaseUser, password: str) -> SevenDigitalLink:
    """Create the shopper's 7digital user (or open theirs if the email already has one
    with this same password) and link it. LinkFailed (nothing stored) otherwise."""
    email = user.email
    try:
        sevendigital_id = _signup(email=email, password=password)
        token = _authorise_with_password(email=email, password=password)
        if sevendigital_id is None:
            sevendigital_id = get_client().get_user_details(token=token).id
    except (InputError, NotFoundError, AuthError) as error:
        logger.info("7digital refused the credentials of user %s: %s", user.pk, error.code)
        raise LinkFailed(EXISTING_ACCOUNT) from error
    except SevenDigitalError as error:
        logger.warning("7digital sign-up failed for user %s: %r", user.pk, error)
        raise LinkFailed(UNREACHABLE) from error
    return _save_link(
        user=user, sevendigital_id=sevendigital_id, email=email, token=token, how="signup"
    )


def _signup(*, email: str, password: str) -> str | None:
    """The new 7digital user's id; None if the email has an account already."""
    try:
        return get_client().signup_user(email_address=email, password=password).id
    except AlreadyExistsError:
        return None  # theirs already: the same password may open it
    except InputError as error:
        message = f"7digital did not accept these details: {error.message}"
        raise LinkFailed(message) from error


def _authorise_with_password(*, email: str, password: str) -> UserToken:
    """The partner shortcut: a request token authorised with the user's credentials."""
    client = get_client()
    request_token = client.get_request_token()
    client.authorise_request_token(request_token=request_token, username=email, password=password)
    return client.get_access_token(request_token)


def link_start_oauth(*, session: MutableMapping[str, Any], callback: str) -> str:
    """Start the 3-legged flow: the URL of 7digital's sign-in page to send the browser to
    (it comes back to `callback`, an absolute URL of the store's callback view).

    The request token waits in the session (secret encrypted) for the callback."""
    client = get_client()
    try:
        request_token = client.get_request_token(callback=callback)
    except SevenDigitalError as error:
        logger.warning("7digital request token failed: %r", error)
        raise LinkFailed("7digital could not be reached just now. Please try again.") from error
    session[PENDING_OAUTH_KEY] = {
        "token": request_token.token,
        "secret": crypto.encrypt(request_token.secret),
    }
    return client.build_authorise_url(request_token, callback=callback)


def link_cancel_oauth(*, session: MutableMapping[str, Any], oauth_token: str) -> None:
    """Forget the pending 3-legged flow the shopper denied (only if it is this one)."""
    pending = session.get(PENDING_OAUTH_KEY)
    if pending and oauth_token and constant_time_compare(pending["token"], oauth_token):
        del session[PENDING_OAUTH_KEY]


def link_complete_oauth(
    *,
    user: AbstractBaseUser,
    session: MutableMapping[str, Any],
    oauth_token: str,
    verifier: str | None,
) -> SevenDigitalLink:
    """Finish the 3-legged flow for `user`: the callback's token must be the one this
    session started (the query alone is never trusted). One use only."""
    pending = session.pop(PENDING_OAUTH_KEY, None)
    if not pending or not oauth_token or not constant_time_compare(pending["token"], oauth_token):
        raise LinkFailed(MISMATCH)
    request_token = OAuthToken(pending["token"], crypto.decrypt(pending["secret"]))
    client = get_client()
    try:
        token = client.get_access_token(request_token, verifier=verifier or None)
        account = client.get_user_details(token=token)
    except AuthError as error:
        raise LinkFailed(MISMATCH) from error
    except SevenDigitalError as error:
        logger.warning("7digital access token failed: %r", error)
        raise LinkFailed("7digital could not be reached just now. Please try again.") from error
    return _save_link(
        user=user,
        sevendigital_id=account.id,
        email=account.email_address or "",
        token=token,
        how="oauth",
    )


def link_remove(*, user: AbstractBaseUser) -> bool:
    """Unlink (the 7digital account itself stays); whether there was a link."""
    deleted, _rows = SevenDigitalLink.objects.filter(user_id=user.pk).delete()
    return bool(deleted)


def _save_link(
    *, user: AbstractBaseUser, sevendigital_id: str, email: str, token: UserToken, how: str
) -> SevenDigitalLink:
    """Create or replace the user's link; LinkFailed if another shop user has that account."""
    sevendigital_id = str(sevendigital_id)
    try:
        with transaction.atomic():
            taken = SevenDigitalLink.objects.filter(sevendigital_user_id=sevendigital_id)
            if taken.exclude(user_id=user.pk).exists():
                raise LinkFailed(TAKEN)
            SevenDigitalLink.objects.filter(user_id=user.pk).delete()  # relinking replaces
            link = SevenDigitalLink(
                user_id=user.pk, sevendigital_user_id=sevendigital_id, email=email, how=how
            )
            link.set_token(token)
            link.save()
    except IntegrityError as error:  # a concurrent link of the same account won
        raise LinkFailed(TAKEN) from error
    logger.info("User %s linked to 7digital user %s (%s)", user.pk, sevendigital_id, how)
    return link
