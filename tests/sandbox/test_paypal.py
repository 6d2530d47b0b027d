"""PayPal checkout in the sandbox: paypalurl, the approval page, completepaypalpurchase."""

import re
import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.test import Client
from lxml import etree
from requests_oauthlib import OAuth1

from sandbox.commerce import paypal
from sandbox.models import Basket, PayPalCheckout, Purchase, SandboxUser, Voucher
from sandbox.oauth.tokens import issue_access_token
from tests.sandbox.basket_support import (
    add,
    apply_voucher,
    call,
    error,
    get,
    json_of,
    make_album,
    make_shops,
    make_single,
    new_basket,
    ok,
)
from tests.sandbox.oauth_support import make_consumer, make_user, oauth_failure, signed

pytestmark = [pytest.mark.django_db, pytest.mark.urls("sandbox.urls")]

RETURN_URL = "https://shop.example/checkout/paypal/return?step=2"
CANCEL_URL = "https://shop.example/checkout/paypal/cancel"
APPROVE = "/paypal/approve"


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
def user():
    return make_user()


@pytest.fixture
def basket_id(client, consumer, album):
    basket_id = new_basket(client, consumer)
    add(client, consumer, basket_id, album)
    return basket_id


def paypal_url(client, consumer, basket_id, **params):
    params = {"returnUrl": RETURN_URL, "cancelUrl": CANCEL_URL, **params}
    return get(client, "basket/paypalurl", consumer, basketId=basket_id, **params)


def start(client, consumer, basket_id) -> str:
    """Start a checkout; its EC- token."""
    url = ok(paypal_url(client, consumer, basket_id)).findtext("url")
    return parse_qs(urlsplit(url).query)["token"][0]


def decide(client, token: str, decision: str = "pay", **extra):
    return client.post(APPROVE, {"token": token, "decision": decision, **extra})


def complete(client, consumer, user, basket_id, token, **params):
    access = issue_access_token(consumer=consumer, user=user)
    params = {"basketId": basket_id, "token": token, **params}
    return signed(
        client, "POST", "/1.2/basket/completepaypalpurchase", consumer, params=params, token=access
    )


def approved(client, consumer, basket_id) -> tuple[str, str]:
    """(token, PayerID) of a checkout the shopper approved."""
    token = start(client, consumer, basket_id)
    location = decide(client, token)["Location"]
    return token, parse_qs(urlsplit(location).query)["PayerID"][0]


# --- basket/paypalurl ----------------------------------------------------------------


def test_paypalurl_points_at_the_sandbox_approval_page(client, consumer, basket_id):
    node = ok(paypal_url(client, consumer, basket_id))
    assert node.tag == "expressCheckout"
    url = urlsplit(node.findtext("url"))
    assert (url.scheme, url.netloc, url.path) == ("http", "testserver", APPROVE)
    assert re.fullmatch(r"EC-[A-Z0-9]{17}", parse_qs(url.query)["token"][0])


def test_paypalurl_parameters_are_case_insensitive(client, consumer, basket_id):
    response = get(
        client,
        "basket/paypalurl",
        consumer,
        basketid=basket_id,
        RETURNURL=RETURN_URL,
        cancelurl=CANCEL_URL,
    )
    assert PayPalCheckout.objects.get().return_url == RETURN_URL
    assert ok(response).tag == "expressCheckout"


@pytest.mark.parametrize("missing", ["returnUrl", "cancelUrl"])
def test_paypalurl_needs_both_urls(client, consumer, basket_id, missing):
    params = {"returnUrl": RETURN_URL, "cancelUrl": CANCEL_URL}
    del params[missing]
    response = get(client, "basket/paypalurl", consumer, basketId=basket_id, **params)
    _, code, message = error(response)
    assert code == 1001
    assert missing in message


def test_paypalurl_refuses_relative_urls(client, consumer, basket_id):
    assert error(paypal_url(client, consumer, basket_id, returnUrl="/thanks"))[1] == 1002


def test_paypalurl_of_an_empty_basket_is_7001(client, consumer):
    assert error(paypal_url(client, consumer, new_basket(client, consumer)))[1] == 7001


def test_paypalurl_in_json(client, consumer, basket_id):
    response = call(
        client,
        "GET",
        "basket/paypalurl",
        consumer,
        as_json=True,
        basketId=basket_id,
        returnUrl=RETURN_URL,
        cancelUrl=CANCEL_URL,
    )
    assert json_of(response)["expressCheckout"]["url"].startswith(
        "http://testserver/paypal/approve?token=EC-"
    )


# --- the approval page ---------------------------------------------------------------


def test_approval_page_shows_items_total_and_both_buttons(client, consumer, basket_id):
    page = client.get(APPROVE, {"token": start(client, consumer, basket_id)})
    html = page.content.decode()
    assert page.status_code == 200
    assert "Perfect Symmetry" in html and "£7.99" in html
    assert "Pay with PayPal (sandbox)" in html and ">Cancel<" in html
    assert "csrfmiddlewaretoken" in html


def test_approval_page_of_an_unknown_token_is_400(client):
    page = client.get(APPROVE, {"token": "EC-NOSUCHTOKEN0000"})
    assert page.status_code == 400
    assert "not valid" in page.content.decode()


def test_paying_returns_to_the_return_url_with_token_and_payer(client, consumer, basket_id):
    token = start(client, consumer, basket_id)
    response = decide(client, token)
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    query = parse_qs(location.query)
    assert f"{location.scheme}://{location.netloc}{location.path}" == RETURN_URL.split("?")[0]
    assert query["step"] == ["2"] and query["token"] == [token]
    assert query["PayerID"] == [PayPalCheckout.objects.get(token=token).payer_id]
    assert PayPalCheckout.objects.get(token=token).status == PayPalCheckout.Status.APPROVED


def test_cancelling_returns_to_the_cancel_url(client, consumer, basket_id):
    token = start(client, consumer, basket_id)
    response = decide(client, token, "cancel")
    assert response["Location"] == f"{CANCEL_URL}?token={token}"
    assert PayPalCheckout.objects.get(token=token).status == PayPalCheckout.Status.CANCELLED


def test_approval_page_never_redirects_elsewhere(client, consumer, basket_id):
    """URLs posted to the page are ignored: only the registered return URL is followed."""
    token = start(client, consumer, basket_id)
    evil = "https://evil.example/steal"
    response = client.post(
        f"{APPROVE}?returnUrl={evil}&next={evil}",
        {"token": token, "decision": "pay", "returnUrl": evil, "return_url": evil, "next": evil},
    )
    assert response["Location"].startswith("https://shop.example/")


def test_approval_form_is_csrf_protected(consumer, basket_id):
    browser = Client(enforce_csrf_checks=True)
    token = start(browser, consumer, basket_id)
    assert decide(browser, token).status_code == 403
    assert PayPalCheckout.objects.get(token=token).status == PayPalCheckout.Status.PENDING


def test_a_second_press_of_pay_redirects_as_the_first(client, consumer, basket_id):
    """A double press is not 'not valid': the same return URL and PayerID again."""
    token = start(client, consumer, basket_id)
    first = decide(client, token)
    second = decide(client, token)
    assert second.status_code == 302 and second["Location"] == first["Location"]


def test_a_decision_stands_whatever_a_later_press_asks(client, consumer, basket_id):
    token = start(client, consumer, basket_id)
    first = decide(client, token, "cancel")
    assert decide(client, token, "pay")["Location"] == first["Location"]
    assert PayPalCheckout.objects.get(token=token).status == PayPalCheckout.Status.CANCELLED


def test_a_press_after_the_purchase_completed_still_goes_back(client, consumer, user, basket_id):
    """The shop may complete the purchase before the second press lands."""
    token, payer_id = approved(client, consumer, basket_id)
    ok(complete(client, consumer, user, basket_id, token, payerId=payer_id))
    again = decide(client, token)
    assert again.status_code == 302
    assert parse_qs(urlsplit(again["Location"]).query)["PayerID"] == [payer_id]


def test_presses_that_both_found_the_checkout_pending_agree(client, consumer, basket_id):
    """Two requests that read the checkout before either wrote (a concurrent double
    press): the second's decision does not overwrite the first's."""
    token = start(client, consumer, basket_id)
    one, other = (paypal.paypal_checkout_find(token) for _ in range(2))
    first = paypal.paypal_checkout_decide(checkout=one, approve=True)
    assert paypal.paypal_checkout_decide(checkout=other, approve=False) == first
    assert paypal.paypal_checkout_decide(checkout=other, approve=True) == first


def test_the_page_of_a_decided_checkout_offers_the_way_back(client, consumer, basket_id):
    token = start(client, consumer, basket_id)
    location = decide(client, token)["Location"]
    page = client.get(APPROVE, {"token": token})
    assert page.status_code == 200
    assert "You approved this PayPal payment" in page.content.decode()
    assert f'href="{location.replace("&", "&amp;")}"' in page.content.decode()


# --- basket/completepaypalpurchase ---------------------------------------------------


def test_complete_records_the_purchase(client, consumer, user, basket_id):
    token, payer_id = approved(client, consumer, basket_id)
    node = ok(complete(client, consumer, user, basket_id, token, payerId=payer_id))
    purchase = Purchase.objects.get()
    assert node.tag == "purchase" and node.get("id") == str(purchase.pk)
    assert len(node) == 0
    assert (purchase.user, purchase.method, purchase.total) == (user, "paypal", Decimal("7.99"))
    assert Basket.objects.get(pk=basket_id).purchase == purchase
    assert PayPalCheckout.objects.get(token=token).status == PayPalCheckout.Status.COMPLETED


def test_complete_fills_the_locker(client, consumer, user, basket_id, album):
    token, _ = approved(client, consumer, basket_id)
    ok(complete(client, consumer, user, basket_id, token))
    assert set(user.locker.values_list("track__release", flat=True)) == {album.pk}
    assert user.locker.count() == 2


def test_completing_twice_gives_one_purchase(client, consumer, user, basket_id):
    """A retried completion answers the same purchase id; nothing is charged twice."""
    token, _ = approved(client, consumer, basket_id)
    first = ok(complete(client, consumer, user, basket_id, token)).get("id")
    second = ok(complete(client, consumer, user, basket_id, token)).get("id")
    assert first == second
    assert Purchase.objects.count() == 1


def test_completing_another_users_purchase_is_7001(client, consumer, user, basket_id):
    token, _ = approved(client, consumer, basket_id)
    ok(complete(client, consumer, user, basket_id, token))
    other = make_user("someone@example.com")
    assert error(complete(client, consumer, other, basket_id, token))[1] == 7001


def test_complete_before_approval_is_3003(client, consumer, user, basket_id):
    token = start(client, consumer, basket_id)
    _, code, message = error(complete(client, consumer, user, basket_id, token))
    assert (code, message) == (3003, "PayPal payment not approved")
    assert not Purchase.objects.exists()


def test_complete_after_cancel_is_3003(client, consumer, user, basket_id):
    token = start(client, consumer, basket_id)
    decide(client, token, "cancel")
    assert error(complete(client, consumer, user, basket_id, token))[1] == 3003


def test_complete_with_an_unknown_token_is_1002(client, consumer, user, basket_id):
    assert error(complete(client, consumer, user, basket_id, "EC-UNKNOWN"))[1] == 1002


def test_complete_with_another_payer_is_1002(client, consumer, user, basket_id):
    token, _ = approved(client, consumer, basket_id)
    assert (
        error(complete(client, consumer, user, basket_id, token, PayerID="SOMEONEELSE12"))[1]
        == 1002
    )


def test_complete_after_the_basket_changed_is_3003(client, consumer, user, basket_id, shops):
    """The shopper approved what the basket held; more items are not charged silently."""
    token, _ = approved(client, consumer, basket_id)
    add(client, consumer, basket_id, make_single())
    _, code, message = error(complete(client, consumer, user, basket_id, token))
    assert code == 3003 and "changed" in message


def test_complete_charges_the_discounted_total_and_counts_the_voucher(
    client, consumer, user, basket_id
):
    voucher = Voucher.objects.create(code="HALF", amount=Decimal("50"), max_uses=10)
    ok(apply_voucher(client, consumer, basket_id, "HALF"))
    token, _ = approved(client, consumer, basket_id)
    ok(complete(client, consumer, user, basket_id, token))
    # Half of 7.99 is a discount of 3.995, rounded half up to 4.00: 3.99 to pay.
    assert Purchase.objects.get().total == Decimal("3.99")
    voucher.refresh_from_db()
    assert voucher.uses == 1


def test_complete_for_a_managed_user_by_user_id(client, consumer, basket_id):
    person = SandboxUser.objects.create_user(partner_user_id="p-1", created_by=consumer)
    token, _ = approved(client, consumer, basket_id)
    params = {"basketId": basket_id, "token": token, "userId": "p-1"}
    ok(signed(client, "POST", "/1.2/basket/completepaypalpurchase", consumer, params=params))
    assert Purchase.objects.get().user == person


def test_complete_needs_a_user(client, consumer, basket_id):
    token, _ = approved(client, consumer, basket_id)
    params = {"basketId": basket_id, "token": token}
    response = signed(client, "POST", "/1.2/basket/completepaypalpurchase", consumer, params=params)
    assert "no user credentials" in oauth_failure(response)


def test_complete_in_json(client, consumer, user, basket_id):
    token, _ = approved(client, consumer, basket_id)
    access = issue_access_token(consumer=consumer, user=user)
    response = signed(
        client,
        "POST",
        "/1.2/basket/completepaypalpurchase",
        consumer,
        params={"basketId": basket_id, "token": token},
        token=access,
        headers={"Accept": "application/json"},
    )
    assert json_of(response)["purchase"] == {"id": str(Purchase.objects.get().pk)}


# --- over real HTTP ------------------------------------------------------------------

LIVE_RELEASE = (
    "from sandbox.models import Release;"
    "print(Release.objects.filter(unavailable_in='').order_by('id').values_list('id')[0][0])"
)


def _live_checkout(sandbox_server) -> tuple[str, str]:
    """(basket id, approval page URL) of a new PayPal checkout in the running sandbox."""
    auth = OAuth1(sandbox_server.consumer_key, sandbox_server.consumer_secret)
    api = sandbox_server.api_url
    release_id = sandbox_server.manage("shell", "-c", LIVE_RELEASE).split()[-1]
    basket_id = _live(
        requests.get(f"{api}/basket/create", params={"country": "GB"}, auth=auth, timeout=10)
    ).get("id")
    _live(
        requests.get(
            f"{api}/basket/addItem",
            params={"basketId": basket_id, "releaseId": release_id},
            auth=auth,
            timeout=10,
        )
    )
    urls = {"basketId": basket_id, "returnUrl": RETURN_URL, "cancelUrl": CANCEL_URL}
    approve_url = _live(
        requests.get(f"{api}/basket/paypalurl", params=urls, auth=auth, timeout=10)
    ).findtext("url")
    assert approve_url.startswith(f"{sandbox_server.url}/paypal/approve?token=EC-")
    return basket_id, approve_url


def _approval_form(browser: requests.Session, approve_url: str, decision: str) -> dict:
    page = browser.get(approve_url, timeout=10)
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    token = parse_qs(urlsplit(approve_url).query)["token"][0]
    return {"csrfmiddlewaretoken": csrf, "token": token, "decision": decision}


@pytest.mark.live_sandbox
def test_paypal_journey_over_http(sandbox_server):
    """Basket, PayPal approval in a browser session, completion for a managed user."""
    auth = OAuth1(sandbox_server.consumer_key, sandbox_server.consumer_secret)
    api = sandbox_server.api_url
    basket_id, approve_url = _live_checkout(sandbox_server)
    browser = requests.Session()
    form = _approval_form(browser, approve_url, "pay")
    token = form["token"]
    back = browser.post(approve_url, data=form, allow_redirects=False, timeout=10)
    assert back.status_code == 302 and back.headers["Location"].startswith(RETURN_URL)
    payer_id = parse_qs(urlsplit(back.headers["Location"]).query)["PayerID"][0]

    _live(
        requests.get(
            f"{api}/user/create", params={"userId": f"journey-{basket_id}"}, auth=auth, timeout=10
        )
    )
    body = {
        "basketId": basket_id,
        "token": token,
        "PayerID": payer_id,
        "userId": f"journey-{basket_id}",
    }
    first = _live(
        requests.post(f"{api}/basket/completepaypalpurchase", data=body, auth=auth, timeout=10)
    )
    again = _live(
        requests.post(f"{api}/basket/completepaypalpurchase", data=body, auth=auth, timeout=10)
    )
    assert first.tag == "purchase" and first.get("id") == again.get("id")


@pytest.mark.live_sandbox
@pytest.mark.parametrize("decisions", [("pay",) * 6, ("pay", "cancel") * 3])
def test_a_concurrent_double_press_over_http_redirects_every_press_alike(sandbox_server, decisions):
    """Presses that reach the server at once (gunicorn threads and workers) all get
    the redirect of the one decision recorded, with one PayerID."""
    _, approve_url = _live_checkout(sandbox_server)
    browser = requests.Session()
    forms = [_approval_form(browser, approve_url, decision) for decision in decisions]
    barrier = threading.Barrier(len(forms))

    def press(form: dict) -> requests.Response:
        barrier.wait()
        return browser.post(approve_url, data=form, allow_redirects=False, timeout=20)

    with ThreadPoolExecutor(len(forms)) as pool:
        answers = list(pool.map(press, forms))
    assert {answer.status_code for answer in answers} == {302}
    assert len({answer.headers["Location"] for answer in answers}) == 1


def _live(response):
    assert response.status_code == 200, response.text
    root = etree.fromstring(response.content)
    assert root.get("status") == "ok", response.text
    return root[0]
