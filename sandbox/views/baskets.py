"""Basket operations, PayPal checkout included (WIRE-NOTES §4.3.1, §4.3.2).

Every basket answer is the whole `basket` element. Decisions where the recordings
are silent:
- `basket` with a well-formed id the sandbox does not know answers an empty basket
  with that id (the api-stub does so; WIRE-NOTES §4.3.1), in the request's territory;
  a malformed id is a 1002. Every change to an unknown basket is a 2001.
- A bought basket refuses changes with 7001 "Basket has already been purchased".
- `basket/applyVoucher` with an empty `voucherCode` is a 1001; `basket/removeVoucher`
  (POST 2L, `basketId`) is a sandbox extension, not a 7digital operation.
- `basket/addpriceditem` takes `price` in major units ("4.99"), like every other price.
- `basket/paypalurl` needs `returnUrl` and `cancelUrl` (the real names are unknown;
  any case is accepted, as for every parameter).
"""

from django.urls import reverse

from sandbox.commerce import baskets, paypal
from sandbox.models import Basket
from sandbox.queries.catalogue import release_for, track_for
from sandbox.queries.pricing import STANDARD
from sandbox.serializers.basket import basket_element
from sandbox.wire import KEY, THREE_LEGGED, TWO_LEGGED, ApiRequest, el, operation, sub
from sandbox.wire.origin import public_url
from sandbox.wire.xml import Element


def _basket(api: ApiRequest) -> Basket:
    basket_id = baskets.parse_basket_id(api.params.str("basketId", required=True))
    return baskets.basket_get(basket_id)


def _answer(basket: Basket) -> Element:
    return basket_element(basket, baskets.basket_totals(basket))


def _item(api: ApiRequest, basket: Basket) -> dict:
    """The release, track and package named by the request, checked in the basket's shop."""
    release = release_for(api.params.id("releaseId"), basket.country)
    track_id = api.params.id("trackId", required=False)
    track = track_for(track_id, basket.country) if track_id else None
    package_id = api.params.int("packageId", default=STANDARD.id, minimum=1, maximum=10_000)
    return {"release": release, "track": track, "package_id": package_id}


@operation("basket/create", auth=KEY)
def basket_create(api: ApiRequest) -> Element:
    """A new, empty basket in the territory of `country`/`shopId` (default GB)."""
    return _answer(baskets.basket_create(consumer=api.consumer, country=api.country))


@operation("basket", auth=KEY)
def basket_details(api: ApiRequest) -> Element:
    basket_id = baskets.parse_basket_id(api.params.str("basketId", required=True))
    basket = Basket.objects.select_related("country", "voucher").filter(pk=basket_id).first()
    if basket is None:  # as the api-stub: an empty basket with the id asked for
        empty = Basket(id=basket_id, country=api.country)
        return basket_element(empty, baskets.basket_totals(empty, items=[]))
    return _answer(basket)


@operation("basket/addItem", auth=KEY)
def basket_add_item(api: ApiRequest) -> Element:
    basket = _basket(api)
    return _answer(baskets.basket_add_item(basket=basket, **_item(api, basket)))


@operation("basket/addpriceditem", auth=TWO_LEGGED)
def basket_add_priced_item(api: ApiRequest) -> Element:
    """addItem at the partner's price (`price`, required)."""
    basket = _basket(api)
    price = api.params.decimal("price", required=True)
    return _answer(baskets.basket_add_priced_item(basket=basket, price=price, **_item(api, basket)))


@operation("basket/removeItem", auth=KEY)
def basket_remove_item(api: ApiRequest) -> Element:
    basket = _basket(api)
    item_id = api.params.id("itemId")
    return _answer(baskets.basket_remove_item(basket=basket, item_id=item_id))


@operation("basket/applyVoucher", auth=TWO_LEGGED, methods=("POST",))
def basket_apply_voucher(api: ApiRequest) -> Element:
    """Items gain `discount/type` Voucher; a code that does not apply is a 3012 saying why."""
    basket = _basket(api)
    code = api.params.str("voucherCode", required=True)
    return _answer(baskets.basket_apply_voucher(basket=basket, code=code))


@operation("basket/removeVoucher", auth=TWO_LEGGED, methods=("POST",))
def basket_remove_voucher(api: ApiRequest) -> Element:
    """Sandbox extension (not on api.7digital.com): take the basket's voucher off."""
    return _answer(baskets.basket_remove_voucher(basket=_basket(api)))


@operation("basket/paypalurl", auth=KEY)
def basket_paypal_url(api: ApiRequest) -> Element:
    """`expressCheckout/url`: the sandbox's PayPal approval page for this basket."""
    checkout = paypal.paypal_checkout_start(
        basket=_basket(api),
        return_url=api.params.str("returnUrl", required=True),
        cancel_url=api.params.str("cancelUrl", required=True),
    )
    page = public_url(api.request, reverse("sandbox-paypal-approve"))
    node = el("expressCheckout")
    sub(node, "url", paypal.with_query(page, token=checkout.token))
    return node


@operation("basket/completepaypalpurchase", auth=THREE_LEGGED, methods=("POST",))
def basket_complete_paypal_purchase(api: ApiRequest) -> Element:
    """`<purchase id=".."/>`; completing the same token again answers the same purchase."""
    purchase = paypal.paypal_complete(
        basket=_basket(api),
        token=api.params.str("token", required=True),
        payer_id=api.params.str("payerId") or "",  # PayPal's PayerID is the same name
        user=api.user,
        consumer=api.consumer,
    )
    return el("purchase", id=purchase.pk)
