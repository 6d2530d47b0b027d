"""Demo vouchers every sandbox starts with (listed in docs/sandbox.md, "Test vouchers").

A data migration, so a fresh sandbox has them without an extra command; it only adds
codes that are missing, and never resets a voucher's uses.
"""

from datetime import UTC, datetime
from decimal import Decimal

from django.db import migrations

START = datetime(2020, 1, 1, tzinfo=UTC)

DEMO_VOUCHERS = [
    {"code": "WELCOME10", "kind": "percent", "amount": Decimal("10")},
    {
        "code": "FIVEOFF",
        "kind": "fixed",
        "amount": Decimal("5"),
        "currency_code": "GBP",
        "minimum_spend": Decimal("10"),
        "countries": "GB",
    },
    {
        "code": "EXPIRED",
        "kind": "percent",
        "amount": Decimal("20"),
        "valid_until": datetime(2021, 1, 1, tzinfo=UTC),
    },
    {"code": "ONCE", "kind": "percent", "amount": Decimal("50"), "max_uses": 1},
    {"code": "USONLY", "kind": "percent", "amount": Decimal("15"), "countries": "US"},
    {"code": "FREEBIE", "kind": "percent", "amount": Decimal("100")},
]


def add_vouchers(apps, schema_editor):
    Voucher = apps.get_model("sandbox", "Voucher")
    for fields in DEMO_VOUCHERS:
        values = {"valid_from": START, **fields}
        Voucher.objects.get_or_create(code=values.pop("code"), defaults=values)


def remove_vouchers(apps, schema_editor):
    Voucher = apps.get_model("sandbox", "Voucher")
    Voucher.objects.filter(code__in=[fields["code"] for fields in DEMO_VOUCHERS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("sandbox", "0004_commerce"),
    ]

    operations = [
        migrations.RunPython(add_vouchers, remove_vouchers),
    ]
