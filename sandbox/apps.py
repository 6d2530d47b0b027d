from django.apps import AppConfig
from django.apps import apps as global_apps
from django.conf import settings
from django.db.models.signals import post_migrate


class SandboxConfig(AppConfig):
    name = "sandbox"
    verbose_name = "7digital API sandbox"

    def ready(self) -> None:
        post_migrate.connect(ensure_demo_consumer, sender=self)


def ensure_demo_consumer(sender, *, apps=global_apps, using: str = "default", **kwargs) -> None:
    """Make the demo consumer match the settings, so a fresh sandbox works out of the box.

    The settings (SANDBOX_CONSUMER_KEY / _SECRET, SANDBOX_RATE_LIMIT) are the source of
    truth for this one key: its secret and limit are reset to them on every migrate.
    """
    # `apps` is the migration state after migrate; flush sends the signal without one.
    try:
        consumer_model = apps.get_model("sandbox", "Consumer")
    except LookupError:  # migrating backwards past the consumers table
        return
    consumer_model.objects.using(using).update_or_create(
        key=settings.SANDBOX_CONSUMER_KEY,
        defaults={
            "secret": settings.SANDBOX_CONSUMER_SECRET,
            "rate_limit": settings.SANDBOX_RATE_LIMIT,
            "is_active": True,
        },
        create_defaults={
            "secret": settings.SANDBOX_CONSUMER_SECRET,
            "rate_limit": settings.SANDBOX_RATE_LIMIT,
            "name": "Sandbox demo",
        },
    )
