"""PayPal Express Checkout, simulated: start, approve or cancel, complete exactly once.

`basket/paypalurl` starts a checkout with the partner's return and cancel URLs and
hands out the sandbox's own approval page (`/paypal/approve?token=EC-...`). The
shopper approves or cancels there; the page then sends the browser back to the URL
registered here and to no other (so it cannot serve as an open redirect). Finally
`basket/completepaypalpurchase` records the purchase, once: the checkout and basket
rows are locked, and a second completion with the same token answers the same
purchase instead of charging again.
"""

import secrets
import string
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.db import transaction

from sandbox.models import Basket, Consumer, PayPalCheckout, Purchase, SandboxUser
from sandbox.wire import ApiError, invalid

from .baskets import UNABLE_TO_PERFORM, already_purchased

Status = PayPalCheckout.Status

PAYMENT_FAILED = 3003
TOKEN_ALPHABET = string.ascii_uppercase + string.digits
MAX_URL_LENGTH = 1000


def new_token() -> str:
    """An Express Checkout token shaped like PayPal's: EC- and 17 characters."""
    return "EC-" + "".join(secrets.choice(TOKEN_ALPHABET) for _ in range(17))


def new_payer_id() -> str:
    """A payer id shaped like PayPal's: 13 upper-case letters and digits."""
    return "".join(secrets.choice(TOKEN_ALPHABET) for _ in range(13))


def clean_redirect_url(value: str, *, name: str) -> str:
    """An absolute http(s) URL to send the shopper back to, else 1002."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or len(value) > MAX_URL_LENGTH:
        raise invalid(name, "use an absolute http(s) URL")
    return value


def with_query(url: str, **params: str) -> str:
    """url with params appended to its query (keeping what it has)."""
    scheme, netloc, path, query, fragment = urlsplit(url)
    query = urlencode([*parse_qsl(query, keep_blank_values=True), *params.items()])
    return urlunsplit((scheme, netloc, path, query, fragment))


def paypal_checkout_start(*, basket: Basket, return_url: str, cancel_url: str) -> PayPalCheckout:
    """A pending checkout of a basket that has items and is not bought yet."""
    if basket.purchase_id is not None:
        raise already_purchased()
    if not basket.items.exists():
        raise ApiError(UNABLE_TO_PERFORM, "Basket is empty")
    return PayPalCheckout.objects.create(
        token=new_token(),
        basket=basket,
        return_url=clean_redirect_url(return_url, name="returnUrl"),
        cancel_url=clean_redirect_url(cancel_url, name="cancelUrl"),
    )


def paypal_checkout_find(token: str) -> PayPalCheckout | None:
    """The checkout token names, whatever its state."""
    if not token:
        return None
    return PayPalCheckout.objects.select_related("basket__country").filter(token=token).first()


def paypal_checkout_decide(*, checkout: PayPalCheckout, approve: bool) -> str | None:
    """Record the shopper's decision unless one was made before; the URL to send them
    back to for the decision that stands (never None once decided). A second press
    (a double click, another tab, a retried POST) answers with the first one's URL."""
    status = Status.APPROVED if approve else Status.CANCELLED
    payer_id = new_payer_id() if approve else ""
    # The conditional update is the guard: of two presses at once, one decides.
    PayPalCheckout.objects.filter(pk=checkout.pk, status=Status.PENDING).update(
        status=status, payer_id=payer_id
    )
    checkout.refresh_from_db(fields=["status", "payer_id"])
    return paypal_decision_url(checkout)


def paypal_decision_url(checkout: PayPalCheckout) -> str | None:
    """Where the shopper's decision sends them: the return URL with `token` and
    `PayerID` once approved (or completed), the cancel URL with `token` once
    cancelled; None while the checkout awaits a decision."""
    if checkout.status in (Status.APPROVED, Status.COMPLETED):
        return with_query(checkout.return_url, token=checkout.token, PayerID=checkout.payer_id)
    if checkout.status == Status.CANCELLED:
        return with_query(checkout.cancel_url, token=checkout.token)
    return None


def paypal_complete(
    *,
    basket: Basket,
    token: str,
    user: SandboxUser,
    consumer: Consumer,
    payer_id: str = "",
) -> Purchase:
    """Record the purchase of an approved checkout, exactly once.

    Unknown token: 1002. Not approved, cancelled, or the basket changed since the
    checkout started: 3003. Completed before: the same purchase again (for the same
    user; another user gets 7001).
    """
    from .purchases import purchase_record  # the purchase service (cards, locker)

    with transaction.atomic():
        # Basket first, then checkout: the order every purchase path locks in.
        basket = (
            Basket.objects.select_for_update(of=("self",))
            .select_related("country")
            .get(pk=basket.pk)
        )
        checkout = (
            PayPalCheckout.objects.select_for_update().filter(token=token, basket=basket).first()
        )
        if checkout is None:
            raise invalid("token", "no PayPal checkout with this token for this basket")
        if checkout.status == Status.COMPLETED:
            return _completed_purchase(basket, user)
        if checkout.status != Status.APPROVED:
            raise _not_approved(checkout)
        if payer_id and payer_id != checkout.payer_id:
            raise invalid("payerId", "it is not the payer who approved this checkout")
        if basket.purchase_id is not None:  # bought another way since the approval
            raise already_purchased()
        if basket.updated > checkout.created:
            # The shopper approved what the basket held then; never charge for more.
            raise ApiError(PAYMENT_FAILED, "Basket changed after the PayPal checkout started")
        purchase = purchase_record(
            basket=basket,
            user=user,
            method=Purchase.Method.PAYPAL,
            card=None,
            caller_consumer=consumer,
        )
        checkout.status = Status.COMPLETED
        checkout.save(update_fields=["status"])
    return purchase


def _completed_purchase(basket: Basket, user: SandboxUser) -> Purchase:
    purchase = Purchase.objects.filter(pk=basket.purchase_id).first()
    if purchase is None or purchase.user_id != user.pk:
        raise already_purchased()
    return purchase


def _not_approved(checkout: PayPalCheckout) -> ApiError:
    if checkout.status == Status.CANCELLED:
        return ApiError(PAYMENT_FAILED, "PayPal payment was cancelled by the payer")
    return ApiError(PAYMENT_FAILED, "PayPal payment not approved")
