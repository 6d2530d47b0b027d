"""Vouchers: applying them to baskets, the totals they give, their rules and details."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from sandbox.commerce.baskets import _share_out
from sandbox.commerce.vouchers import voucher_redeem
from sandbox.models import Basket, Voucher
from sandbox.wire import ApiError
from tests.sandbox.basket_support import (
    add,
    amount_due,
    apply_voucher,
    call,
    error,
    get,
    item_amounts,
    json_of,
    make_album,
    make_shops,
    make_single,
    make_voucher,
    new_basket,
    ok,
)
from tests.sandbox.factories import assert_shape_recorded
from tests.sandbox.oauth_support import make_consumer

pytestmark = [pytest.mark.django_db, pytest.mark.urls("sandbox.urls")]

FIXED = Voucher.Kind.FIXED


@pytest.fixture
def shops():
    return make_shops()


@pytest.fixture
def consumer(shops):
    return make_consumer()


@pytest.fixture
def album(shops):
    return make_album()


@pytest.fixture
def single(shops):
    return make_single()


@pytest.fixture
def basket_id(client, consumer, album, single):
    """A GB basket of the album (7.99) and the single (0.99): 8.98."""
    basket_id = new_basket(client, consumer)
    add(client, consumer, basket_id, album)
    add(client, consumer, basket_id, single)
    return basket_id


def test_percent_voucher_takes_its_share_off(client, consumer, basket_id):
    """10 % of 8.98 is 0.898, rounded to 0.90: 8.08 to pay."""
    make_voucher("TENPC", amount=Decimal("10"))
    basket = ok(apply_voucher(client, consumer, basket_id, "TENPC"))
    assert basket.findtext("price/value") == "8.98"
    assert amount_due(basket) == "8.08"
    assert basket.findtext("amountDue/formattedAmount") == "£8.08"


def test_items_of_a_discounted_basket_sum_to_its_amount_due(client, consumer, basket_id):
    make_voucher("TENPC", amount=Decimal("10"))
    basket = ok(apply_voucher(client, consumer, basket_id, "TENPC"))
    assert sum(item_amounts(basket)) == Decimal("8.08")


def test_discounted_items_carry_the_voucher_discount_type(client, consumer, basket_id):
    """As the recording basket/applyvoucher/default.xml: discount/type Voucher per item."""
    make_voucher("TENPC")
    basket = ok(apply_voucher(client, consumer, basket_id, "TENPC"))
    assert basket.xpath("basketItems/basketItem/discount/type/text()") == ["Voucher", "Voucher"]
    item = basket.find("basketItems/basketItem")
    assert_shape_recorded(item, "basket/applyvoucher/default.xml", "//basketItem")


def test_fixed_voucher_takes_its_amount_off(client, consumer, basket_id):
    make_voucher("TWOPOUNDS", kind=FIXED, amount=Decimal("2"), currency_code="GBP")
    assert amount_due(ok(apply_voucher(client, consumer, basket_id, "TWOPOUNDS"))) == "6.98"


def test_fixed_voucher_never_takes_the_basket_below_zero(client, consumer, basket_id):
    make_voucher("BIG", kind=FIXED, amount=Decimal("50"), currency_code="GBP")
    basket = ok(apply_voucher(client, consumer, basket_id, "BIG"))
    assert amount_due(basket) == "0.00"
    assert item_amounts(basket) == [Decimal("0.00"), Decimal("0.00")]


def test_fixed_voucher_in_another_currency_is_refused(client, consumer, album):
    """A GBP amount cannot come off a basket priced in US dollars."""
    basket_id = new_basket(client, consumer, country="US")
    add(client, consumer, basket_id, album)
    make_voucher("TWOPOUNDS", kind=FIXED, amount=Decimal("2"), currency_code="GBP")
    _, code, message = error(apply_voucher(client, consumer, basket_id, "TWOPOUNDS"))
    assert code == 3012
    assert "USD" in message


def test_yen_discount_is_rounded_to_whole_yen(client, consumer, album, single):
    """15 % of ¥1750 is ¥262.5, rounded half up to ¥263: ¥1487, items in whole yen."""
    basket_id = new_basket(client, consumer, country="JP")
    add(client, consumer, basket_id, album)
    add(client, consumer, basket_id, single)
    make_voucher("JP15", amount=Decimal("15"))
    basket = ok(apply_voucher(client, consumer, basket_id, "JP15"))
    assert amount_due(basket) == "1487"
    assert basket.findtext("amountDue/formattedAmount") == "¥1487"
    assert sum(item_amounts(basket)) == Decimal("1487")
    assert all(amount == amount.to_integral() for amount in item_amounts(basket))


def test_share_out_sums_exactly_and_never_exceeds_a_price():
    """A discount split over three equal items puts the odd penny on the first."""
    prices = [Decimal("0.99")] * 3
    shares = _share_out(Decimal("0.10"), prices, 2)
    assert sum(shares) == Decimal("0.10")
    assert shares == [Decimal("0.04"), Decimal("0.03"), Decimal("0.03")]
    assert _share_out(Decimal("2.97"), prices, 2) == prices


def test_minimum_spend_is_checked_in_the_basket_currency(client, consumer, album):
    make_voucher(
        "FIVEOFF10", kind=FIXED, amount=Decimal("5"), currency_code="GBP", minimum_spend=10
    )
    basket_id = new_basket(client, consumer)
    add(client, consumer, basket_id, album)  # 7.99
    status, code, message = error(apply_voucher(client, consumer, basket_id, "FIVEOFF10"))
    assert (status, code) == (400, 3012)
    assert "minimum spend" in message


def test_discount_lapses_below_the_minimum_spend_and_comes_back(client, consumer, album, single):
    """Removing an item below the minimum spend drops the discount; adding it back restores it."""
    make_voucher("MIN8", amount=Decimal("10"), minimum_spend=Decimal("8"))
    basket_id = new_basket(client, consumer)
    add(client, consumer, basket_id, album)
    item_id = add(client, consumer, basket_id, single).xpath("basketItems/basketItem/@id")[-1]
    ok(apply_voucher(client, consumer, basket_id, "MIN8"))
    basket = ok(get(client, "basket/removeItem", consumer, basketId=basket_id, itemId=item_id))
    assert amount_due(basket) == "7.99"
    assert basket.find("basketItems/basketItem/discount") is None
    assert amount_due(add(client, consumer, basket_id, single)) == "8.08"


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"valid_until": timezone.now() - timedelta(days=1)}, "has expired"),
        ({"valid_from": timezone.now() + timedelta(days=1)}, "not valid yet"),
        ({"is_active": False}, "not active"),
        ({"max_uses": 1, "uses": 1}, "used up"),
        ({"countries": "US,JP"}, "cannot be used in GB"),
    ],
)
def test_voucher_that_does_not_apply_is_3012_saying_why(
    client, consumer, basket_id, fields, reason
):
    make_voucher("NOPE", **fields)
    status, code, message = error(apply_voucher(client, consumer, basket_id, "NOPE"))
    assert (status, code) == (400, 3012)
    assert reason in message


def test_unknown_voucher_code_is_3012(client, consumer, basket_id):
    _, code, message = error(apply_voucher(client, consumer, basket_id, "P_INVALID"))
    assert code == 3012
    assert "P_INVALID" in message


def test_voucher_codes_are_case_insensitive(client, consumer, basket_id):
    make_voucher("TENPC")
    assert amount_due(ok(apply_voucher(client, consumer, basket_id, "tenpc"))) == "8.08"


def test_empty_voucher_code_is_1001(client, consumer, basket_id):
    assert error(apply_voucher(client, consumer, basket_id, ""))[1] == 1001


def test_apply_voucher_is_a_signed_post(client, consumer, basket_id):
    """applyVoucher is POST only (405 otherwise) and 2-legged (401 unsigned)."""
    make_voucher("TENPC")
    as_get = call(
        client, "GET", "basket/applyVoucher", consumer, basketId=basket_id, voucherCode="TENPC"
    )
    assert as_get.status_code == 405
    unsigned = client.post(
        "/1.2/basket/applyVoucher",
        {"oauth_consumer_key": consumer.key, "basketId": basket_id, "voucherCode": "TENPC"},
    )
    assert unsigned.status_code == 401


def test_applying_does_not_count_a_use(client, consumer, basket_id):
    voucher = make_voucher("TENPC", max_uses=1)
    ok(apply_voucher(client, consumer, basket_id, "TENPC"))
    voucher.refresh_from_db()
    assert voucher.uses == 0


def test_remove_voucher_takes_the_discount_off(client, consumer, basket_id):
    """basket/removeVoucher, a sandbox extension, answers the basket without discount."""
    make_voucher("TENPC")
    ok(apply_voucher(client, consumer, basket_id, "TENPC"))
    basket = ok(call(client, "POST", "basket/removeVoucher", consumer, basketId=basket_id))
    assert amount_due(basket) == "8.98"
    assert basket.find("basketItems/basketItem/discount") is None
    assert Basket.objects.get(pk=basket_id).voucher is None


def test_another_voucher_replaces_the_first(client, consumer, basket_id):
    make_voucher("TENPC")
    make_voucher("TWOPOUNDS", kind=FIXED, amount=Decimal("2"), currency_code="GBP")
    ok(apply_voucher(client, consumer, basket_id, "TENPC"))
    assert amount_due(ok(apply_voucher(client, consumer, basket_id, "TWOPOUNDS"))) == "6.98"


def test_redeem_counts_one_use(client, consumer, basket_id):
    voucher = make_voucher("TENPC", max_uses=5)
    ok(apply_voucher(client, consumer, basket_id, "TENPC"))
    assert voucher_redeem(basket=Basket.objects.get(pk=basket_id)) == voucher
    voucher.refresh_from_db()
    assert voucher.uses == 1


def test_redeem_of_a_used_up_voucher_is_3012(client, consumer, basket_id, album):
    """The last use goes to the first purchase; a second basket holding it is refused."""
    voucher = make_voucher("ONCEONLY", max_uses=1)
    other_id = new_basket(client, consumer)
    add(client, consumer, other_id, album)
    for held_by in (basket_id, other_id):
        ok(apply_voucher(client, consumer, held_by, "ONCEONLY"))
    voucher_redeem(basket=Basket.objects.get(pk=basket_id))
    with pytest.raises(ApiError) as refused:
        voucher_redeem(basket=Basket.objects.get(pk=other_id))
    assert refused.value.code == 3012
    voucher.refresh_from_db()
    assert voucher.uses == 1


def test_redeem_of_a_voucher_that_lapsed_counts_nothing(client, consumer, basket_id):
    voucher = make_voucher("LAPSING")
    ok(apply_voucher(client, consumer, basket_id, "LAPSING"))
    Voucher.objects.filter(pk=voucher.pk).update(valid_until=timezone.now() - timedelta(seconds=1))
    assert voucher_redeem(basket=Basket.objects.get(pk=basket_id)) is None
    voucher.refresh_from_db()
    assert voucher.uses == 0


def details(client, consumer, code: str, **options):
    return call(client, "GET", "payment/voucher/details", consumer, voucherCode=code, **options)


def test_details_of_a_demo_voucher(client, consumer):
    """The demo vouchers exist from the data migration; WELCOME10 is 10 % anywhere."""
    voucher = ok(details(client, consumer, "WELCOME10"))
    assert voucher.tag == "voucher"
    assert voucher.get("code") == "WELCOME10"
    assert voucher.findtext("type") == "percentage"
    assert voucher.findtext("amount") == "10.00"
    assert voucher.find("currency") is None
    assert len(voucher.find("territories")) == 0
    assert voucher.findtext("validUntil") == ""
    assert voucher.findtext("status") == "active"


def test_details_of_a_fixed_voucher_name_currency_spend_and_territories(client, consumer):
    voucher = ok(details(client, consumer, "fiveoff"))
    assert voucher.findtext("type") == "fixed"
    assert voucher.find("currency").get("code") == "GBP"
    assert voucher.findtext("minimumSpend") == "10.00"
    assert voucher.xpath("territories/territory/@code") == ["GB"]


@pytest.mark.parametrize(
    ("fields", "status"),
    [
        ({"valid_until": timezone.now() - timedelta(days=1)}, "expired"),
        ({"max_uses": 2, "uses": 2}, "used"),
        ({"is_active": False}, "inactive"),
        ({"valid_from": timezone.now() + timedelta(days=1)}, "pending"),
    ],
)
def test_details_status_says_why_a_voucher_cannot_be_used(client, consumer, fields, status):
    make_voucher("STATE", **fields)
    assert ok(details(client, consumer, "STATE")).findtext("status") == status


def test_details_count_remaining_uses(client, consumer):
    make_voucher("FEW", max_uses=3, uses=1)
    assert ok(details(client, consumer, "FEW")).findtext("remainingUses") == "2"


def test_details_of_an_unknown_voucher_is_2001(client, consumer):
    assert error(details(client, consumer, "NO-SUCH-CODE"))[:2] == (404, 2001)


def test_details_in_json(client, consumer):
    body = json_of(details(client, consumer, "FIVEOFF", as_json=True))
    assert body["voucher"]["code"] == "FIVEOFF"
    assert body["voucher"]["territories"]["territory"] == {"code": "GB"}


def test_details_need_a_signature(client, consumer):
    response = get(client, "payment/voucher/details", consumer, voucherCode="WELCOME10")
    assert response.status_code == 401


def test_admin_form_needs_a_currency_for_a_fixed_voucher():
    from sandbox.admin import VoucherForm

    assert "currency_code" in VoucherForm(data=_admin_data(kind="fixed")).errors
    assert VoucherForm(data=_admin_data(kind="fixed", currency_code="gbp")).is_valid()


def test_admin_form_stores_codes_and_countries_upper_case():
    from sandbox.admin import VoucherForm

    form = VoucherForm(data=_admin_data(code=" spring5 ", countries="gb, us ,"))
    assert form.is_valid(), form.errors
    voucher = form.save()
    assert (voucher.code, voucher.countries) == ("SPRING5", "GB,US")


def test_admin_form_keeps_percentages_at_most_100():
    from sandbox.admin import VoucherForm

    assert VoucherForm(data=_admin_data(amount="100")).is_valid()
    assert "amount" in VoucherForm(data=_admin_data(amount="150")).errors


def _admin_data(**fields) -> dict:
    data = {
        "code": "SPRING",
        "kind": "percent",
        "amount": "10",
        "currency_code": "",
        "minimum_spend": "0",
        "valid_from": "2026-01-01 00:00:00",
        "countries": "",
        "is_active": "on",
    }
    return {**data, **fields}
