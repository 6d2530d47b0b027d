from django.apps import AppConfig
from django.db.models.signals import post_save


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Shoppers: 7digital links and wishlists"

    def ready(self) -> None:
        from accounts.signals import forget_locker_after_purchase

        post_save.connect(
            forget_locker_after_purchase,
            sender="checkout.Purchase",
            dispatch_uid="accounts.forget_locker_after_purchase",
        )
