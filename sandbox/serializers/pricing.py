"""Price and package elements: the current `download` block and the legacy `price`.

Current (every release and track): `download` -> `releaseDate`, `packages/package[]`
-> `description`, `price` (`currencyCode`, `sevendigitalPrice`,
`recommendedRetailPrice`), `formats/format[]` (`description`). Legacy, where the
recordings of an endpoint still show it (tracks): `price` with `currency@code`,
`value`, `formattedPrice`, `rrp`, `formattedRrp`, `onSale`; and on track details
`formats@availableDrmFree` -> `format[]` (`fileFormat`, `bitRate`, `drmFree`).
"""

from copy import deepcopy
from datetime import date

from sandbox.queries.pricing import STANDARD, Money, Package, PriceBook, packages_for
from sandbox.wire import el, sub
from sandbox.wire.xml import Element


def package_element(package: Package, money: Money | None) -> Element:
    node = el("package", id=package.id)
    sub(node, "description", package.description)
    price = sub(node, "price")
    if money is None:  # a tier the territory does not price: nil prices
        sub(price, "currencyCode")
        sub(price, "sevendigitalPrice")
        sub(price, "recommendedRetailPrice")
    else:
        sub(price, "currencyCode", money.currency_code)
        sub(price, "sevendigitalPrice", money.amount(money.price))
        sub(price, "recommendedRetailPrice", money.amount(money.rrp))
    formats = sub(node, "formats")
    for fmt in package.formats:
        sub(sub(formats, "format", id=fmt.id), "description", fmt.description)
    return node


def packages_element(prices: PriceBook, tier: int, has_lossless: bool) -> Element:
    """The `packages` of an item; built once per tier and territory per PriceBook (a
    request), then copied: a page of results repeats the same few blocks."""
    built = prices.memo.get(("packages", tier, has_lossless))
    if built is None:
        built = el("packages")
        for package in packages_for(has_lossless):
            built.append(package_element(package, prices.price(tier, package)))
        prices.memo[("packages", tier, has_lossless)] = built
    return deepcopy(built)


def download_element(
    prices: PriceBook,
    tier: int,
    has_lossless: bool,
    release_date: date,
    *,
    preview_date: bool = False,
    packages_first: bool = False,
) -> Element:
    """The `download` block; release details list `packages` before `releaseDate`."""
    node = el("download")
    packages = packages_element(prices, tier, has_lossless)
    if packages_first:
        node.append(packages)
    if preview_date:
        sub(node, "previewDate", release_date)
    sub(node, "releaseDate", release_date)
    if not packages_first:
        node.append(packages)
    return node


def legacy_price_element(money: Money | None) -> Element:
    """The pre-2015 `price` block (standard package)."""
    node = el("price")
    if money is None:
        sub(node, "currency")
        sub(node, "value")
        sub(node, "formattedPrice", "N/A")
        return node
    sub(node, "currency", money.country.currency_symbol, code=money.currency_code)
    sub(node, "value", money.amount(money.price))
    sub(node, "formattedPrice", money.formatted(money.price))
    sub(node, "rrp", money.amount(money.rrp))
    sub(node, "formattedRrp", money.formatted(money.rrp))
    sub(node, "onSale", money.on_sale)
    return node


def legacy_formats_element(package: Package = STANDARD) -> Element:
    """The pre-2015 `formats` block: the files the standard package delivers."""
    node = el("formats", availableDrmFree=True)
    for fmt in package.formats:
        item = sub(node, "format", id=fmt.id)
        sub(item, "fileFormat", fmt.file_format)
        sub(item, "bitRate", fmt.bit_rate)
        sub(item, "drmFree", True)
    return node
