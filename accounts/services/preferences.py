"""A signed-in shopper's language: stored when they switch language or sign in.

E-mails sent outside a request (order confirmations, wishlist alerts) are written in
it (`accounts.selectors.shopper_language`), and the admin speaks it to staff.
"""

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser

from accounts.models import ShopperPreferences


class UnknownLanguage(ValueError):
    pass


def preferences_set_language(*, user: AbstractBaseUser, language: str) -> None:
    """Store `language` (a code of settings.LANGUAGES) as the user's; writes only when
    it changes."""
    if language not in dict(settings.LANGUAGES):
        raise UnknownLanguage(f"{language!r} is not one of the shop's languages")
    if user.pk is None:
        raise ValueError("only a saved user has preferences")
    updated = (
        ShopperPreferences.objects.filter(user_id=user.pk)
        .exclude(language=language)
        .update(language=language)
    )
    if not updated:
        ShopperPreferences.objects.get_or_create(user_id=user.pk, defaults={"language": language})
