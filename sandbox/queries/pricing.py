"""What an item costs in a territory: packages, formats and the price book.

An item (release or track) has a price tier; each territory prices each tier
(`PriceTier`). Every item is sold in the standard package (MP3 320 + AAC 320);
lossless items also in the premium package (FLAC), priced by the tier
`tier + LOSSLESS_OFFSET` (the generator's price ladders define that uplift, per
currency, in one place). The basket and purchase operations price through
`PriceBook` too, so a basket costs what the catalogue says.
"""

from dataclasses import dataclass
from decimal import Decimal

from sandbox.generator.territories import LOSSLESS_OFFSET
from sandbox.models import Country, PriceTier


@dataclass(frozen=True)
class Format:
    id: int
    description: str  # current shape, e.g. "MP3 320"
    file_format: str  # legacy shape, e.g. "MP3"
    bit_rate: str  # legacy shape; "0" where it does not apply


@dataclass(frozen=True)
class Package:
    id: int
    description: str
    formats: tuple[Format, ...]


MP3_320 = Format(17, "MP3 320", "MP3", "320")
AAC_320 = Format(33, "AAC 320", "M4A", "320")
FLAC_16_44 = Format(45, "FLAC 16-bit 44.1kHz", "FLAC", "0")

STANDARD = Package(2, "standard", (MP3_320, AAC_320))
PREMIUM = Package(9, "premium", (FLAC_16_44,))
PACKAGES = {package.id: package for package in (STANDARD, PREMIUM)}


def packages_for(has_lossless: bool) -> tuple[Package, ...]:
    """The packages an item is sold in; standard (the primary one) first."""
    return (STANDARD, PREMIUM) if has_lossless else (STANDARD,)


@dataclass(frozen=True)
class Money:
    price: Decimal
    rrp: Decimal
    country: Country

    @property
    def currency_code(self) -> str:
        return self.country.currency_code

    @property
    def on_sale(self) -> bool:
        return self.price < self.rrp

    def amount(self, value: Decimal) -> str:
        """value written as the wire writes amounts: "0.99", "250" for yen."""
        return f"{value:.{self.country.currency_decimals}f}"

    def formatted(self, value: Decimal) -> str:
        """value as a shopper there reads it, e.g. "£0.99" or "0,99 €"."""
        amount = self.amount(value).replace(".", self.country.decimal_separator)
        return self.country.price_format.format(symbol=self.country.currency_symbol, amount=amount)


class PriceBook:
    """The prices of every tier in one territory (one query, then lookups)."""

    def __init__(self, country: Country):
        self.country = country
        tiers = PriceTier.objects.filter(country=country).values_list("tier", "price", "rrp")
        self._tiers = {tier: (price, rrp) for tier, price, rrp in tiers}
        # What callers build from these prices, kept for the book's life (one request):
        # the serializers keep each tier's `packages` element here.
        self.memo: dict = {}

    def price(self, tier: int, package: Package = STANDARD) -> Money | None:
        """The price of an item of tier in package there; None if the tier is unpriced."""
        if package.id == PREMIUM.id:
            tier += LOSSLESS_OFFSET
        try:
            price, rrp = self._tiers[tier]
        except KeyError:
            return None
        return Money(price, rrp, self.country)
