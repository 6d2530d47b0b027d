"""The staff roles: "Merchandiser" runs the shop window, "Support" helps shoppers.

Neither gets any permission on users (password hashes) or on the 7digital links'
tokens (the link admin never shows them, and neither role may change a link).
Superusers keep every permission.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Merchandiser": [
        ("catalogue", "add_editorialslot"),
        ("catalogue", "change_editorialslot"),
        ("catalogue", "delete_editorialslot"),
        ("catalogue", "view_editorialslot"),
        ("catalogue", "view_chartsnapshot"),
        ("catalogue", "view_editorialsnapshot"),
        ("staff", "view_dashboard"),
    ],
    "Support": [
        ("checkout", "view_purchase"),
        ("staff", "reconcile_purchase"),
        ("accounts", "view_sevendigitallink"),
        ("staff", "view_dashboard"),
    ],
}


def _ensure_permissions(apps) -> None:
    """Permissions are made after migrate; a fresh database needs them now."""
    for label in {label for grants in ROLES.values() for label, _ in grants}:
        config = apps.get_app_config(label)
        config.models_module = (
            True  # historical app configs have none; create_permissions checks it
        )
        create_permissions(config, verbosity=0, apps=apps)
        config.models_module = None


def make_roles(apps, schema_editor) -> None:
    _ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for label, codename in grants:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=label, codename=codename)
            )


def remove_roles(apps, schema_editor) -> None:
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("catalogue", "0002_slot_targets_and_states"),
        ("checkout", "0001_initial"),
        ("accounts", "0001_initial"),
    ]

    operations = [migrations.RunPython(make_roles, remove_roles)]
