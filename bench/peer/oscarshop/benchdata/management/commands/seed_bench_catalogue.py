"""Create a small, deterministic Oscar catalogue for benchmarking.

One product class (with two attributes), one fulfilment partner, one category
and N standalone products (default 200). Product i gets primary key i and slug
"bench-product-i", so its detail page is /catalogue/bench-product-i_i/.
Each product has a stock record with a price (GBP, Oscar's default currency)
and stock, so the default pricing strategy shows it as available to buy.
"""

from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from oscar.core.loading import get_model

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
ProductAttribute = get_model("catalogue", "ProductAttribute")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductClass = get_model("catalogue", "ProductClass")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")

COLOURS = ["red", "green", "blue", "black", "white"]


class Command(BaseCommand):
    help = "Seed a deterministic benchmark catalogue (N products, prices, stock, a category)."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=200)

    @transaction.atomic
    def handle(self, *args, count, **options):
        if Product.objects.exists():
            raise CommandError(
                "catalogue is not empty: start from a fresh database (setup.sh does)"
            )

        pclass = ProductClass.objects.create(
            name="Widget", slug="widget", requires_shipping=True, track_stock=True
        )
        ProductAttribute.objects.create(
            product_class=pclass, name="Colour", code="colour", type=ProductAttribute.TEXT
        )
        ProductAttribute.objects.create(
            product_class=pclass, name="Weight (kg)", code="weight", type=ProductAttribute.FLOAT
        )
        partner = Partner.objects.create(name="Bench Partner")
        category = Category.add_root(
            name="Widgets", slug="widgets", description="All benchmark widgets.", is_public=True
        )

        for i in range(1, count + 1):
            product = Product(
                id=i,
                structure=Product.STANDALONE,
                product_class=pclass,
                title=f"Bench product {i}",
                slug=f"bench-product-{i}",
                upc=f"BENCH{i:06d}",
                description=(
                    f"<p>Bench product {i} is a perfectly ordinary widget used to "
                    "measure how fast a product page renders.</p>"
                ),
                is_public=True,
            )
            product.attr.colour = COLOURS[i % len(COLOURS)]
            product.attr.weight = round(0.1 * i, 1)
            product.save()
            ProductCategory.objects.create(product=product, category=category)
            StockRecord.objects.create(
                product=product,
                partner=partner,
                partner_sku=f"SKU-{i:06d}",
                price_currency="GBP",
                price=Decimal("9.99") + Decimal(i),
                num_in_stock=1000,
            )

        self.stdout.write(
            f"seeded {count} products; e.g. /catalogue/, "
            f"{category.get_absolute_url()}, /catalogue/bench-product-1_1/"
        )
