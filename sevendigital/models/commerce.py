"""Commerce resources: baskets, purchases, lockers, cards, vouchers, PayPal."""

from datetime import datetime
from decimal import Decimal

from .catalogue import Release, Track
from .common import Format, Money, Page, Price, model


@model
class AmountDue:
    """What is left to pay (after vouchers); `amount` is None only if the API omits it."""

    amount: Money | None
    formatted_amount: str | None = None


@model
class BasketItem:
    id: int
    type: str | None  # release or track
    item_name: str | None
    artist_name: str | None
    release_id: int | None
    track_id: int | None
    price: Price | None = None
    package_id: int | None = None
    discount_type: str | None = None  # "Voucher" once a voucher applies
    amount_due: AmountDue | None = None


@model
class Basket:
    """A basket; its id is an opaque string (a GUID on the real API)."""

    id: str
    item_count: int | None
    price: Price | None
    items: tuple[BasketItem, ...] = ()
    amount_due: AmountDue | None = None


@model
class DownloadUrl:
    """A ready-signed media URL for one format of a purchased track."""

    url: str | None
    format: Format | None


@model
class LockerTrack:
    track: Track
    remaining_downloads: int | None
    purchase_id: int | None = None
    purchase_date: datetime | None = None
    complete_album_purchase: bool | None = None
    download_urls: tuple[DownloadUrl, ...] = ()


@model
class LockerRelease:
    release: Release
    tracks: tuple[LockerTrack, ...] = ()
    available: bool | None = None


@model
class Locker(Page[LockerRelease]):
    """user/locker: a page of the releases a user owns, with their tracks."""


@model
class Purchase:
    """The result of a purchase or delivery; `releases` lists what was bought, if sent."""

    id: str
    purchase_date: datetime | None = None
    releases: Page[LockerRelease] | None = None


@model
class Card:
    """A stored payment card; only the last four digits are ever known."""

    id: int
    type: str | None
    last_four_digits: str | None
    card_holder_name: str | None = None
    expiry_date: str | None = None  # yyyyMM
    country: str | None = None
    is_default: bool | None = None

    @property
    def expiry_year(self) -> int | None:
        return int(self.expiry_date[:4]) if self.expiry_date else None

    @property
    def expiry_month(self) -> int | None:
        return int(self.expiry_date[4:6]) if self.expiry_date else None


@model
class CardRegistration:
    """A hosted card registration: status pending, complete (with `card`) or error."""

    id: str
    status: str | None
    redirect_url: str | None = None
    card: Card | None = None
    error_code: int | None = None
    error_message: str | None = None

    @property
    def is_complete(self) -> bool:
        return self.status == "complete"


@model
class CardType:
    id: str  # upper-case code: VISA, MASTERCARD, MAESTRO, AMEX
    name: str


@model
class Voucher:
    """payment/voucher/details. The real body was never documented (WIRE-NOTES §9);
    this reads the sandbox's shape: `voucher @code` with type (percentage | fixed),
    amount, currency (fixed only), limits and status. Every field but code is optional."""

    code: str | None
    type: str | None = None
    amount: Decimal | None = None  # a percentage, or money when currency is set
    currency: str | None = None
    minimum_spend: Decimal | None = None
    valid_from: datetime | None = None
    valid_until: datetime | None = None
    remaining_uses: int | None = None
    territories: tuple[str, ...] = ()
    status: str | None = None  # active, inactive, pending, expired, used

    @property
    def discount(self) -> Money | None:
        """The fixed amount off as Money (None for a percentage voucher)."""
        if self.amount is None or not self.currency:
            return None
        return Money(self.amount, self.currency)


@model
class ExpressCheckout:
    """basket/paypalurl: where to send the shopper to approve the PayPal payment."""

    url: str


@model
class PreparePayment:
    """user/purchase/prepare (outside the 61 operations; seen in recordings)."""

    payment_token: str | None
    auto_fulfilled: bool | None
    prepare_payment_date: datetime | None = None


@model
class PaymentStatus:
    """basket/{id}/status (outside the 61 operations; seen in recordings)."""

    status: str
    purchase_id: str | None = None
