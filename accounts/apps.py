from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_save


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Shoppers: 7digital links and wishlists"

    def ready(self) -> None:
        from allauth.account.signals import user_signed_up
        from django.contrib.auth.signals import user_logged_in

        from accounts.backends import USERS
        from accounts.selectors import WISHED
        from accounts.signals import (
            forget_locker_after_purchase,
            remember_chosen_language,
            remember_language_at_sign_in,
        )
        from storefront.i18n import language_chosen

        WISHED.watch("accounts.WishlistItem")
        USERS.watch(settings.AUTH_USER_MODEL, user_field="pk")
        post_save.connect(
            forget_locker_after_purchase,
            sender="checkout.Purchase",
            dispatch_uid="accounts.forget_locker_after_purchase",
        )
        language_chosen.connect(
            remember_chosen_language, dispatch_uid="accounts.remember_chosen_language"
        )
        for name, signal in (("logged_in", user_logged_in), ("signed_up", user_signed_up)):
            signal.connect(remember_language_at_sign_in, dispatch_uid=f"accounts.language.{name}")
