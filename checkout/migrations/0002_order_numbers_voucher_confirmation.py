"""Order numbers that only their shopper knows, what the voucher took off, and the
confirmation e-mail's claim.

Keys were `<subject>-<attempt>`: guessable, and unique across every shopper, so the
second shopper to buy an item someone else had bought could not. Every existing
record gets a random order number (old receipt addresses stop answering: they were
guessable), before the column is narrowed to fit one.
"""

from django.db import migrations, models

import checkout.models


def rekey(apps, schema_editor):
    Purchase = apps.get_model("checkout", "Purchase")
    taken = set()
    for purchase in Purchase.objects.only("pk").iterator():
        number = checkout.models.new_order_number()
        while number in taken:  # 78 random bits: never in practice, but cheap to be sure
            number = checkout.models.new_order_number()
        taken.add(number)
        Purchase.objects.filter(pk=purchase.pk).update(key=number)


class Migration(migrations.Migration):
    dependencies = [
        ("checkout", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="purchase",
            name="confirmation_sent_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="purchase",
            name="subtotal",
            field=models.DecimalField(
                blank=True,
                decimal_places=2,
                help_text="Before the voucher.",
                max_digits=12,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="purchase",
            name="voucher_code",
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.RunPython(rekey, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="purchase",
            name="key",
            field=models.CharField(
                default=checkout.models.new_order_number,
                editable=False,
                max_length=32,
                unique=True,
                verbose_name="order number",
            ),
        ),
    ]
