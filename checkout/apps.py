from django.apps import AppConfig


class CheckoutConfig(AppConfig):
    name = "checkout"
    verbose_name = "Sales: purchases and baskets"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from checkout import signals  # noqa: F401  (connects the receivers)
        from checkout.services.baskets import BASKET_COUNTS

        BASKET_COUNTS.watch("checkout.ShopperBasket")
