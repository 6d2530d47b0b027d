"""Exactly once under real concurrency: eight simultaneous "Pay" submits of one basket
against a live store (PostgreSQL, real row locks) and a live sandbox.

Skipped unless DATABASE_URL points at PostgreSQL (SQLite serialises every writer, so
it cannot show a race):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/pytest -m postgres
"""

import re
import threading

import pytest
import requests
from django.test import Client
from django.urls import reverse

from checkout.models import Purchase
from checkout.services import basket_ref_for_user
from storefront.api import get_client
from tests.checkout.conftest import new_shopper
from tests.checkout.support import purchase_ids_in_locker, register_card, user_token
from tests.skips import needs_postgres

SUBMITS = 8

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.live_sandbox,
    needs_postgres,
]


def checkout_forms(live_server, cookies: dict, count: int) -> list[dict]:
    """`count` checkout pages loaded by the shopper (each form has its own token)."""
    forms = []
    with requests.Session() as browser:
        browser.cookies.update(cookies)
        for _ in range(count):
            page = browser.get(live_server.url + reverse("checkout"), timeout=10).text
            fields = dict(
                re.findall(
                    r'name="(csrfmiddlewaretoken|basket_id|submit_token)" value="([^"]+)"', page
                )
            )
            assert len(fields) == 3, page[:2000]
            forms.append(fields)
        cookies.update(browser.cookies.get_dict())
    return forms


def submit_all(live_server, cookies: dict, forms: list[dict]) -> list[requests.Response]:
    """POST every form at the same instant, one thread each."""
    barrier = threading.Barrier(len(forms))
    answers: list[requests.Response | Exception] = [None] * len(forms)

    def submit(index: int) -> None:
        with requests.Session() as browser:
            browser.cookies.update(cookies)
            barrier.wait()
            try:
                answers[index] = browser.post(
                    live_server.url + reverse("checkout-card"),
                    data=forms[index],
                    allow_redirects=False,
                    timeout=30,
                )
            except requests.RequestException as error:
                answers[index] = error

    threads = [threading.Thread(target=submit, args=(i,)) for i in range(len(forms))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return answers


def test_concurrent_pay_submits_make_one_purchase(
    live_server, transactional_db, counted_api, django_user_model, items
):
    """Eight simultaneous submits (two tabs' worth of forms, double clicks) of one
    basket: 7digital is asked to charge once, the locker shows one purchase, the
    store holds one succeeded Purchase, and every submit lands on its receipt."""
    shopper = new_shopper(django_user_model)
    register_card(shopper)
    store = Client()
    store.force_login(shopper)
    for item in items:
        store.post(reverse("basket-add"), {"release_id": item.release.id})
    assert basket_ref_for_user(user=shopper).item_count == 2
    cookies = {"sessionid": store.cookies["sessionid"].value}
    forms = checkout_forms(live_server, cookies, SUBMITS // 2)
    forms = forms + forms  # each form twice: double clicks beside second tabs

    answers = submit_all(live_server, cookies, forms)

    assert all(isinstance(a, requests.Response) for a in answers), answers
    assert counted_api.calls["/1.2/user/purchase/basket"] == 1
    purchase = Purchase.objects.get(user=shopper)  # exactly one record at all
    assert purchase.status == Purchase.Status.SUCCEEDED
    assert {a.status_code for a in answers} == {302}
    assert {a.headers["Location"] for a in answers} == {purchase.get_absolute_url()}
    locker_ids = purchase_ids_in_locker(get_client(), user_token(shopper))
    assert locker_ids == {int(purchase.sevendigital_purchase_id)}
