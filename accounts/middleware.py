"""The admin (and the staff dashboard under it) in the staff member's language.

The admin is outside `i18n_patterns` (storefront/urls.py): LocaleMiddleware leaves its
unprefixed pages in English. After sign-in is known, this middleware activates, for
the admin's pages only, the language the staff member stored (they switch language in
the shop, or edit their preferences in the admin), else their chosen or browser's
language (`storefront.i18n.preferred_language`). Django's admin ships de, fr and ja.
"""

from collections.abc import Callable
from functools import lru_cache

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponseBase
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils import translation

from accounts.selectors import shopper_language
from storefront.i18n import preferred_language


def admin_prefix() -> str | None:
    """The admin's path as `request.path_info` has it (without the script prefix);
    None when the URLconf has no admin. Worked out once per URLconf."""
    return _admin_path(get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())


@lru_cache(maxsize=16)
def _admin_path(urlconf: str, script_prefix: str) -> str | None:
    try:
        return "/" + reverse("admin:index", urlconf=urlconf).removeprefix(script_prefix)
    except NoReverseMatch:
        return None


@receiver(setting_changed)
def _forget_admin_path(**kwargs: object) -> None:
    _admin_path.cache_clear()


class StaffLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        prefix = admin_prefix()
        if prefix and request.path_info.startswith(prefix):
            user = request.user
            stored = shopper_language(user) if user.is_authenticated else None
            language = stored or preferred_language(request)
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
