"""The allauth adapter (settings.ACCOUNT_ADAPTER): sign-up also creates the shopper's
7digital user.

`save_user` is the one hook that sees the new user AND the password the shopper
typed (7digital requires one; `user_signed_up` carries no password). The password
goes to 7digital and nowhere else. If 7digital fails, the shop account is created
all the same and the shopper is told they can link 7digital later.
"""

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest
from django.utils import translation

from accounts import services
from accounts.selectors import shopper_language
from storefront.i18n import in_language


def user_display(user: Any) -> str:
    """How allauth names the shopper ("Signed in as ..."): the email they signed up with;
    the username allauth generated means nothing to them."""
    return user.email or user.get_username()


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """allauth's e-mails (confirm your address, reset your password...) in the
        shopper's stored language, else the language of the page that sent them."""
        language = (
            shopper_language(context.get("user"))
            or translation.get_language()
            or settings.LANGUAGE_CODE
        )
        # Links allauth built in the page's language lead to the shopper's.
        context = {
            key: in_language(value, language) if key.endswith("_url") and value else value
            for key, value in context.items()
        }
        with translation.override(language):
            super().send_mail(template_prefix, email, context)

    def save_user(self, request: HttpRequest, user: Any, form: Any, commit: bool = True) -> Any:
        user = super().save_user(request, user, form, commit=commit)
        password = form.cleaned_data.get("password1")
        if commit and password and user.email:
            self._link_sevendigital(request, user, password)
        return user

    def _link_sevendigital(self, request: HttpRequest, user: Any, password: str) -> None:
        try:
            services.link_create_on_signup(user=user, password=password)
        except services.LinkFailed as failure:
            messages.warning(request, str(failure))
