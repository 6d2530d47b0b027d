"""The admin (and the staff dashboard under it) in the staff member's language.

The admin is outside `i18n_patterns` (storefront/urls.py): LocaleMiddleware leaves its
unprefixed pages in English. After sign-in is known, this middleware activates, for
the admin's pages only, the language the staff member stored (they switch language in
the shop, or edit their preferences in the admin), else their chosen or browser's
language (`storefront.i18n.preferred_language`). Django's admin ships de, fr and ja.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from accounts.selectors import shopper_language
from storefront.i18n import preferred_language


def admin_prefix() -> str | None:
    try:
        return reverse("admin:index")
    except NoReverseMatch:
        return None


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
