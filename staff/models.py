"""Staff permissions that belong to no table of their own.

`Dashboard` has no rows (unmanaged, no table): it carries the permissions that the
roles in `staff/migrations/0002_roles.py` hand out.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Dashboard(models.Model):
    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("view_dashboard", _("Can view the shop dashboard")),
            ("reconcile_purchase", _("Can reconcile purchases whose outcome is unknown")),
        ]
