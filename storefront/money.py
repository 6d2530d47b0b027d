"""Money as shoppers read it: the shop's one price format, for templates (the `money`
filter) and for services that put a price into a message."""

from decimal import ROUND_HALF_UP, Decimal

from sevendigital import Money

# Symbols an English-speaking shop shows; dollars are told apart except the US one.
CURRENCY_SYMBOLS = {
    "GBP": "£",
    "USD": "$",
    "EUR": "€",
    "JPY": "¥",
    "CAD": "CA$",
    "AUD": "A$",
    "NZD": "NZ$",
}
ZERO_DECIMAL_CURRENCIES = frozenset({"JPY"})


def format_money(money: Money) -> str:
    """`£0.99`, `$9.99`, `€1.29`, `¥250`, `CHF 1.50`: the shop's one price format."""
    places = Decimal(1) if money.currency in ZERO_DECIMAL_CURRENCIES else Decimal("0.01")
    amount = money.amount.quantize(places, rounding=ROUND_HALF_UP)
    symbol = CURRENCY_SYMBOLS.get(money.currency)
    if symbol is None:
        return f"{money.currency} {amount:,}"
    sign = "-" if amount < 0 else ""
    return f"{sign}{symbol}{abs(amount):,}"
