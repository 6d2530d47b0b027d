"""Values shared by every resource: money, prices, packages, formats, paging, tokens.

Every model is a frozen, slotted, keyword-only dataclass: results can be cached,
compared and handed between threads without defensive copies. Money is always a
`Decimal` with its currency code, never a float.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Generic, TypeVar

T = TypeVar("T")

model = dataclass(frozen=True, slots=True, kw_only=True)
# Small values that read naturally positionally: Money(Decimal("0.99"), "GBP").
value = dataclass(frozen=True, slots=True)


@value
class Money:
    """An amount in one currency (ISO 4217 code, e.g. "GBP")."""

    amount: Decimal
    currency: str

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}"


@model
class Price:
    """The legacy `price` block of releases, tracks and basket lines.

    `value` is None when the item has no price in this territory (the API sends an
    empty value with formattedPrice "N/A"); an amount of 0 means free.
    """

    currency: str | None
    currency_symbol: str | None
    value: Money | None
    formatted_price: str | None
    rrp: Money | None = None
    formatted_rrp: str | None = None
    on_sale: bool | None = None

    @property
    def is_available(self) -> bool:
        return self.value is not None

    @property
    def is_free(self) -> bool:
        return self.value is not None and self.value.amount == 0


@model
class PackagePrice:
    """The current pricing of one package: 7digital's price and the RRP."""

    currency: str | None
    sevendigital_price: Money | None
    recommended_retail_price: Money | None


@model
class Format:
    """A delivery format, current (`description` "MP3 320") or legacy (`file_format`)."""

    id: int
    description: str | None = None
    file_format: str | None = None
    bit_rate: int | None = None
    drm_free: bool | None = None


@model
class Package:
    """A purchasable bundle of formats (2 = standard, 9 = premium/FLAC, ...)."""

    id: int
    description: str | None
    price: PackagePrice | None
    formats: tuple[Format, ...] = ()


STANDARD_PACKAGE_ID = 2  # MP3 320 (and AAC 320)
PREMIUM_PACKAGE_ID = 9  # FLAC 16-bit 44.1 kHz


@model
class Download:
    """The current `download` block: availability dates and the packages on sale."""

    release_date: datetime | None
    preview_date: datetime | None = None
    packages: tuple[Package, ...] = ()

    @property
    def primary_package(self) -> Package | None:
        """The standard package (id 2) if offered, else the first one."""
        for package in self.packages:
            if package.id == STANDARD_PACKAGE_ID:
                return package
        return self.packages[0] if self.packages else None


@model
class Label:
    id: int | None
    name: str | None


@model
class Licensor:
    id: int | None
    name: str | None


@model
class Page(Generic[T]):
    """One page of a list: the items plus the paging block the API sends with them."""

    items: tuple[T, ...]
    page: int
    page_size: int
    total_items: int

    @property
    def has_next(self) -> bool:
        return self.page * self.page_size < self.total_items

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


@value
class OAuthToken:
    """An OAuth token and its secret (`UserToken(token, secret)`): a request token,
    or a user's access token.

    Neither appears in the repr, so tokens can be logged or shown in tracebacks
    safely (DESIGN: tokens never appear in logs).
    """

    token: str = field(repr=False)
    secret: str = field(repr=False)

    def __repr__(self) -> str:
        return "OAuthToken(token=<hidden>, secret=<hidden>)"


# A 7digital user's access token, passed as `token=` to per-user (3-legged) calls.
UserToken = OAuthToken
