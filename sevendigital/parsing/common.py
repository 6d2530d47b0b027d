"""Builders for the shared values: money, prices, packages, formats, paging."""

from collections.abc import Callable
from typing import Any, TypeVar

from ..models import (
    Download,
    Format,
    Label,
    Licensor,
    Money,
    Package,
    PackagePrice,
    Page,
    Price,
)
from .fields import boolean, decimal, integer, node, nodes, own_text, text, timestamp

T = TypeVar("T")


def money(parent: Any, name: str, currency: str | None) -> Money | None:
    amount = decimal(parent, name)
    if amount is None:
        return None
    return Money(amount=amount, currency=currency or "")


def build_price(price: Any, default_currency: str | None = None) -> Price | None:
    """The legacy `price` block; basket lines often leave the currency to the basket."""
    if price is None:
        return None
    currency_node = node(price, "currency")
    currency = text(currency_node, "code") or default_currency
    return Price(
        currency=currency,
        currency_symbol=own_text(currency_node),
        value=money(price, "value", currency),
        formatted_price=text(price, "formattedPrice"),
        rrp=money(price, "rrp", currency),
        formatted_rrp=text(price, "formattedRrp"),
        on_sale=boolean(price, "onSale"),
    )


def build_package_price(price: Any) -> PackagePrice | None:
    if price is None:
        return None
    currency = text(price, "currencyCode")
    return PackagePrice(
        currency=currency,
        sevendigital_price=money(price, "sevendigitalPrice", currency),
        recommended_retail_price=money(price, "recommendedRetailPrice", currency),
    )


def build_format(item: Any) -> Format:
    return Format(
        id=integer(item, "id") or 0,
        description=text(item, "description"),
        file_format=text(item, "fileFormat"),
        bit_rate=integer(item, "bitRate"),
        drm_free=boolean(item, "drmFree"),
    )


def build_formats(parent: Any) -> tuple[Format, ...]:
    """formats/format[], or (seen in some packages) a bare format child."""
    listed = nodes(node(parent, "formats"), "format")
    return tuple(build_format(item) for item in listed or nodes(parent, "format"))


def build_package(item: Any) -> Package:
    return Package(
        id=integer(item, "id") or 0,
        description=text(item, "description"),
        price=build_package_price(node(item, "price")),
        formats=build_formats(item),
    )


def build_download(download: Any) -> Download | None:
    if download is None:
        return None
    return Download(
        release_date=timestamp(download, "releaseDate"),
        preview_date=timestamp(download, "previewDate"),
        packages=tuple(build_package(p) for p in nodes(node(download, "packages"), "package")),
    )


def build_label(label: Any) -> Label | None:
    if label is None:
        return None
    return Label(id=integer(label, "id"), name=text(label, "name"))


def build_licensor(licensor: Any) -> Licensor | None:
    if licensor is None:
        return None
    return Licensor(id=integer(licensor, "id"), name=text(licensor, "name"))


def build_page(container: Any, item_name: str, build: Callable[[Any], T]) -> Page[T]:
    """A paged list: paging block plus `item_name` children built with `build`."""
    items = build_items(container, item_name, build)
    return Page(items=items, **paging(container, len(items)))


def build_items(container: Any, item_name: str, build: Callable[[Any], T]) -> tuple[T, ...]:
    return tuple(build(item) for item in nodes(container, item_name))


def paging(container: Any, count: int) -> dict[str, int]:
    """page, page_size and total_items; a list sent without paging is one full page."""
    total = integer(container, "totalItems")
    page_size = integer(container, "pageSize")
    return {
        "page": integer(container, "page") or 1,
        "page_size": page_size if page_size is not None else count,
        "total_items": total if total is not None else count,
    }
