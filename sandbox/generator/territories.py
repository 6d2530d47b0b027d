"""The territories (shops) of the sandbox: currencies, price ladders, IP ranges.

Real data where it is public (ISO codes, currencies, how prices are written, local
names as the real `countries` response gives them). Shop 34 = the UK is from the
recordings; the other shop ids are the sandbox's own. IP ranges are plausible, not a
GeoIP database: each territory gets a /27 of the RFC 5737 documentation networks
(for tests) plus a few public /16s, chosen so that the recorded `country/resolve`
examples resolve as they did (62.64.31.123 and 84.45.95.241 -> GB, 62.129.31.254
-> FR, 50.125.24.25 -> US).
"""

import ipaddress
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

# Tier numbers (`Track.price_tier`, `Release.price_tier`) and what they are for.
TRACK_STANDARD, TRACK_BUDGET, TRACK_PREMIUM = 1, 2, 3
ALBUM_STANDARD, ALBUM_BUDGET, ALBUM_MID, ALBUM_FULL, ALBUM_PREMIUM, ALBUM_DELUXE = range(10, 16)
SINGLE, EP = 20, 21
# The lossless package (9, FLAC) of an item in tier t is priced by tier t + 100.
LOSSLESS_OFFSET = 100
# A budget album is on sale: its recommended retail price is the standard album's.
ON_SALE = {ALBUM_BUDGET: ALBUM_STANDARD}
_TIERS = (1, 2, 3, 10, 11, 12, 13, 14, 15, 20, 21)

# Local prices of each tier (_TIERS order): psychological pricing, whole yen in Japan.
PRICE_LADDERS = {
    "GBP": ("0.99 0.79 1.29 7.99 4.99 5.99 8.99 9.99 12.99 1.79 3.49"),
    "EUR": ("1.29 0.99 1.49 9.99 5.99 7.99 10.99 11.99 14.99 2.49 4.99"),
    "USD": ("1.29 0.99 1.49 9.99 5.99 7.99 10.99 11.99 15.99 1.98 4.99"),
    "CAD": ("1.29 0.99 1.49 10.99 6.99 8.99 11.99 12.99 16.99 2.49 5.49"),
    "AUD": ("1.69 1.29 2.19 14.99 8.99 10.99 16.99 17.99 22.99 3.39 6.99"),
    "NZD": ("1.79 1.39 2.29 16.99 9.99 12.99 18.99 19.99 24.99 3.49 7.49"),
    "JPY": ("250 200 300 1500 1000 1200 1800 2000 2500 400 800"),
    "SEK": ("12 9 15 99 59 79 109 119 149 19 45"),
    "NOK": ("12 9 15 99 69 79 109 119 149 19 45"),
    "CHF": ("1.50 1.20 1.80 14.90 9.90 11.90 15.90 16.90 19.90 2.50 5.90"),
}


@dataclass(frozen=True)
class Territory:
    code: str
    shop_id: int
    name: str
    local_name: str
    currency: str
    symbol: str
    price_format: str
    decimal_separator: str
    languages: str
    public_ranges: tuple[str, ...]
    sales_weight: float  # share of the simulated sales volume
    currency_decimals: int = 2


def _t(*args, **kwargs) -> Territory:
    return Territory(*args, **kwargs)


# fmt: off
TERRITORIES = (
    _t("GB", 34, "United Kingdom", "United Kingdom", "GBP", "£", "{symbol}{amount}", ".", "en",
       ("62.64.0.0/16", "84.45.0.0/16", "81.2.0.0/16"), 0.85),
    _t("US", 17, "United States", "United States", "USD", "$", "{symbol}{amount}", ".", "en",
       ("50.125.0.0/16", "24.1.0.0/16", "73.12.0.0/16"), 1.0),
    _t("CA", 18, "Canada", "Canada", "CAD", "$", "{symbol}{amount}", ".", "en,fr",
       ("24.36.0.0/16", "70.24.0.0/16"), 0.3),
    _t("AU", 19, "Australia", "Australia", "AUD", "$", "{symbol}{amount}", ".", "en",
       ("1.120.0.0/16", "101.160.0.0/16"), 0.3),
    _t("NZ", 20, "New Zealand", "New Zealand", "NZD", "$", "{symbol}{amount}", ".", "en",
       ("49.224.0.0/16",), 0.08),
    _t("IE", 21, "Ireland", "Ireland", "EUR", "€", "{symbol}{amount}", ".", "en",
       ("78.16.0.0/16", "86.40.0.0/16"), 0.12),
    _t("DE", 22, "Germany", "Deutschland", "EUR", "€", "{amount} {symbol}", ",", "de",
       ("84.128.0.0/16", "91.64.0.0/16", "217.224.0.0/16"), 0.6),
    _t("AT", 23, "Austria", "Österreich", "EUR", "€", "{symbol} {amount}", ",", "de",
       ("80.108.0.0/16",), 0.12),
    _t("CH", 24, "Switzerland", "Schweiz/Suisse", "CHF", "CHF", "{symbol} {amount}", ".",
       "de,fr,it", ("83.76.0.0/16", "85.0.0.0/16"), 0.15),
    _t("FR", 25, "France", "France", "EUR", "€", "{amount} {symbol}", ",", "fr",
       ("62.129.0.0/16", "90.0.0.0/16", "82.64.0.0/16"), 0.45),
    _t("BE", 26, "Belgium", "België/Belgique", "EUR", "€", "{amount} {symbol}", ",", "fr,nl",
       ("81.240.0.0/16",), 0.15),
    _t("NL", 27, "Netherlands", "Nederland", "EUR", "€", "{symbol} {amount}", ",", "nl",
       ("77.160.0.0/16", "84.104.0.0/16"), 0.25),
    _t("ES", 28, "Spain", "España", "EUR", "€", "{amount} {symbol}", ",", "es",
       ("83.32.0.0/16", "88.0.0.0/16"), 0.3),
    _t("IT", 29, "Italy", "Italia", "EUR", "€", "{amount} {symbol}", ",", "it",
       ("79.0.0.0/16", "93.32.0.0/16"), 0.3),
    _t("SE", 30, "Sweden", "Sweden", "SEK", "kr", "{amount} {symbol}", ",", "en",
       ("78.64.0.0/16", "83.248.0.0/16"), 0.2),
    _t("NO", 31, "Norway", "Norway", "NOK", "kr", "{symbol} {amount}", ",", "en",
       ("84.208.0.0/16",), 0.12),
    _t("FI", 32, "Finland", "Finland", "EUR", "€", "{amount} {symbol}", ",", "en",
       ("84.248.0.0/16",), 0.1),
    _t("JP", 33, "Japan", "日本", "JPY", "¥", "{symbol}{amount}", ".", "ja",
       ("126.0.0.0/16", "220.96.0.0/16"), 0.5, currency_decimals=0),
)
# fmt: on

# Names of the language codes above, in English and in the language itself.
LANGUAGE_NAMES = {
    "en": ("English", "English"),
    "fr": ("French", "Français"),
    "de": ("German", "Deutsch"),
    "nl": ("Dutch", "Nederlands"),
    "es": ("Spanish", "Español"),
    "it": ("Italian", "Italiano"),
    "ja": ("Japanese", "日本語"),
}

_TEST_NETWORKS = ("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24")


def test_ranges() -> dict[str, str]:
    """Each territory's /27 of the documentation networks, in TERRITORIES order."""
    blocks = [
        block
        for network in _TEST_NETWORKS
        for block in ipaddress.ip_network(network).subnets(new_prefix=27)
    ]
    return {t.code: str(block) for t, block in zip(TERRITORIES, blocks, strict=False)}


def ip_ranges(territory: Territory) -> str:
    """The comma list stored in `Country.ip_ranges`: the test /27 first."""
    return ",".join((test_ranges()[territory.code], *territory.public_ranges))


def tier_prices(currency: str) -> dict[int, tuple[Decimal, Decimal]]:
    """Every tier's (price, recommended retail price) in one currency."""
    ladder = dict(zip(_TIERS, (Decimal(p) for p in PRICE_LADDERS[currency].split()), strict=True))
    prices = {tier: (price, ladder[ON_SALE.get(tier, tier)]) for tier, price in ladder.items()}
    for tier, (price, rrp) in list(prices.items()):
        prices[tier + LOSSLESS_OFFSET] = (
            charm(price * 3 / 2, currency),
            charm(rrp * 3 / 2, currency),
        )
    return prices


def charm(value: Decimal, currency: str) -> Decimal:
    """Round a price up the way shops write one: x.49 or x.99, x.90 in Switzerland,
    whole crowns ending in 9, hundreds of yen."""
    if currency == "JPY":
        return (value / 100).to_integral_value(ROUND_CEILING) * 100
    if currency in ("SEK", "NOK"):
        return (value / 10).to_integral_value(ROUND_CEILING) * 10 - 1
    if currency == "CHF":
        return value.to_integral_value(ROUND_CEILING) - Decimal("0.10")
    return (value * 2).to_integral_value(ROUND_CEILING) / 2 - Decimal("0.01")
