"""Signal receivers: a purchase the shop completes empties the shopper's cached locker,
so the music bought shows on the locker page at once, not a minute later; a signed-in
shopper's language is stored when they switch language, sign in or sign up.

Connected by `AccountsConfig.ready` to the checkout app's `Purchase` by name, so the
checkout app needs to know nothing of the locker cache.
"""

from typing import Any

from django.db import transaction

from accounts.services import locker_forget, preferences_set_language

SUCCEEDED = "succeeded"


def forget_locker_after_purchase(*, instance: Any, **kwargs: Any) -> None:
    if instance.status == SUCCEEDED:
        user = instance.user
        transaction.on_commit(lambda: locker_forget(user=user))


def remember_chosen_language(*, request: Any, language: str, **kwargs: Any) -> None:
    """A signed-in shopper switched language (`storefront.i18n.language_chosen`)."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        preferences_set_language(user=user, language=language)


def remember_language_at_sign_in(*, request: Any, user: Any, **kwargs: Any) -> None:
    """Signing in or up: the language of the page they did it on is theirs. Only for
    requests a language middleware saw (not a test's force_login, nor a script's)."""
    language = getattr(request, "LANGUAGE_CODE", None)
    if language and user is not None and user.pk is not None:
        preferences_set_language(user=user, language=language)
