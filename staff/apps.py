from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "staff"
    verbose_name = "Shop dashboard and staff roles"
    default_auto_field = "django.db.models.BigAutoField"
