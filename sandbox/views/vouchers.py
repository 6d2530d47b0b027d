"""`payment/voucher/details`: what a voucher code is worth and whether it can be used.

No source shows this answer (WIRE-NOTES §9); the `voucher` element is the sandbox's
own design, described in `sandbox.serializers.basket`. An unknown code is a 2001.
"""

from sandbox.commerce.vouchers import voucher_by_code
from sandbox.serializers.basket import voucher_element
from sandbox.wire import TWO_LEGGED, ApiRequest, not_found, operation
from sandbox.wire.xml import Element


@operation("payment/voucher/details", auth=TWO_LEGGED)
def voucher_details(api: ApiRequest) -> Element:
    code = api.params.str("voucherCode", required=True)
    voucher = voucher_by_code(code)
    if voucher is None:
        raise not_found(f"Voucher not found: {code}")
    return voucher_element(voucher)
