"""Builders for baskets, purchases, lockers, cards, vouchers and PayPal."""

from typing import Any

from ..models import (
    AmountDue,
    Basket,
    BasketItem,
    Card,
    CardRegistration,
    CardType,
    DownloadUrl,
    ExpressCheckout,
    Locker,
    LockerRelease,
    LockerTrack,
    PaymentStatus,
    PreparePayment,
    Purchase,
    Voucher,
)
from .catalogue import build_release, build_track, optional
from .common import build_format, build_items, build_page, build_price, money, paging
from .fields import boolean, decimal, integer, node, nodes, own_text, text, timestamp


def build_amount_due(amount_due: Any, default_currency: str | None) -> AmountDue | None:
    """amountDue; lines omit the currency, so the basket's (or line price's) is used."""
    if amount_due is None:
        return None
    currency = text(node(amount_due, "currency"), "code") or default_currency
    return AmountDue(
        amount=money(amount_due, "amount", currency),
        formatted_amount=text(amount_due, "formattedAmount"),
    )


def build_basket_item(item: Any, basket_currency: str | None = None) -> BasketItem:
    price = build_price(node(item, "price"), basket_currency)
    currency = price.currency if price else basket_currency
    return BasketItem(
        id=integer(item, "id") or 0,
        type=text(item, "type"),
        item_name=text(item, "itemName"),
        artist_name=text(item, "artistName"),
        release_id=integer(item, "releaseId"),
        track_id=integer(item, "trackId"),
        price=price,
        package_id=integer(node(item, "package"), "id"),
        discount_type=text(node(item, "discount"), "type"),
        amount_due=build_amount_due(node(item, "amountDue"), currency),
    )


def build_basket(basket: Any) -> Basket:
    price = build_price(node(basket, "price"))
    currency = price.currency if price else None
    items = nodes(node(basket, "basketItems"), "basketItem")
    return Basket(
        id=text(basket, "id") or "",
        item_count=integer(basket, "itemCount"),
        price=price,
        items=tuple(build_basket_item(item, currency) for item in items),
        amount_due=build_amount_due(node(basket, "amountDue"), currency),
    )


def build_download_url(download_url: Any) -> DownloadUrl:
    """url beside format, or (old recordings) inside it."""
    format_node = node(download_url, "format")
    return DownloadUrl(
        url=text(download_url, "url") or text(format_node, "url"),
        format=optional(build_format, format_node),
    )


def build_locker_track(item: Any) -> LockerTrack:
    return LockerTrack(
        track=build_track(node(item, "track")),
        remaining_downloads=integer(item, "remainingDownloads"),
        purchase_id=integer(item, "purchaseId"),
        purchase_date=timestamp(item, "purchaseDate"),
        complete_album_purchase=boolean(item, "completeAlbumPurchase"),
        download_urls=build_items(node(item, "downloadUrls"), "downloadUrl", build_download_url),
    )


def build_locker_release(item: Any) -> LockerRelease:
    return LockerRelease(
        release=build_release(node(item, "release")),
        tracks=build_items(node(item, "lockerTracks"), "lockerTrack", build_locker_track),
        available=boolean(item, "available"),
    )


def build_locker(locker: Any) -> Locker:
    """locker; the paging block sits inside lockerReleases, not on the locker."""
    container = node(locker, "lockerReleases")
    items = build_items(container, "lockerRelease", build_locker_release)
    return Locker(items=items, **paging(container, len(items)))


def build_purchase(purchase: Any) -> Purchase:
    releases = node(purchase, "lockerReleases")
    return Purchase(
        id=text(purchase, "id") or "",
        purchase_date=timestamp(purchase, "purchaseDate"),
        releases=build_page(releases, "lockerRelease", build_locker_release)
        if releases is not None
        else None,
    )


def build_card(card: Any) -> Card:
    return Card(
        id=integer(card, "id") or 0,
        type=text(card, "type"),
        last_four_digits=text(card, "last4digits"),
        card_holder_name=text(card, "cardHolderName") or text(card, "cardholderName"),
        expiry_date=text(card, "expiryDate"),
        country=text(card, "country"),
        is_default=boolean(card, "default"),
    )


def build_cards(cards: Any) -> tuple[Card, ...]:
    return build_items(cards, "card", build_card)


def build_card_registration(registration: Any) -> CardRegistration:
    """The error of a failed registration sits inside an ok envelope: it is data here."""
    error = node(registration, "error")
    return CardRegistration(
        id=text(registration, "id") or "",
        status=text(registration, "status"),
        redirect_url=text(registration, "redirectUrl"),
        card=optional(build_card, node(registration, "card")),
        error_code=integer(error, "code"),
        error_message=text(error, "errorMessage"),
    )


def build_card_types(card_types: Any) -> tuple[CardType, ...]:
    return build_items(
        card_types,
        "cardType",
        lambda item: CardType(id=text(item, "id") or "", name=own_text(item) or ""),
    )


def build_voucher(voucher: Any) -> Voucher:
    """The voucher body was never documented: every field but the code is optional."""
    territories = nodes(node(voucher, "territories"), "territory")
    return Voucher(
        code=text(voucher, "code") or text(voucher, "id"),
        type=text(voucher, "type"),
        amount=decimal(voucher, "amount"),
        currency=text(node(voucher, "currency"), "code") or text(voucher, "currency"),
        minimum_spend=decimal(voucher, "minimumSpend"),
        valid_from=timestamp(voucher, "validFrom"),
        valid_until=timestamp(voucher, "validUntil"),
        remaining_uses=integer(voucher, "remainingUses"),
        territories=tuple(filter(None, (text(t, "code") or own_text(t) for t in territories))),
        status=text(voucher, "status"),
    )


def build_express_checkout(checkout: Any) -> ExpressCheckout:
    return ExpressCheckout(url=text(checkout, "url") or own_text(checkout) or "")


def build_prepare_payment(prepare: Any) -> PreparePayment:
    return PreparePayment(
        payment_token=text(prepare, "paymentToken"),
        auto_fulfilled=boolean(prepare, "autoFulfilled"),
        prepare_payment_date=timestamp(prepare, "preparePaymentDate"),
    )


def build_payment_status(document: Any) -> PaymentStatus:
    """basket status: two sibling payload elements, so it reads the whole envelope."""
    return PaymentStatus(
        status=text(document, "paymentStatus") or "",
        purchase_id=text(document, "purchaseId"),
    )
