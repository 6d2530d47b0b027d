"""Shoppers for demos: each signs up (a real 7digital account in the sandbox), stores a
card on 7digital's hosted form, adds releases to a basket and pays, through the
store's own pages (Django's test client, in process) and the sandbox over HTTP.
Their purchases are then spread over the past days, so the dashboard has a month.

For the sandbox only: it creates 7digital accounts and buys with a test card.
"""

import random
import re
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlsplit

import requests
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.backends import USERS
from accounts.models import SevenDigitalLink
from accounts.services import link_create_on_signup
from checkout.models import Purchase
from storefront.api import get_client

TEST_CARD = "4111111111111111"  # the sandbox's always-good VISA
PASSWORD = "simulated-shopper"  # nosec B105  # demo accounts in the sandbox only
TOKEN = re.compile(r'name="submit_token" value="([^"]+)"')
BASKET = re.compile(r'name="basket_id" value="([^"]+)"')


class SimulationError(Exception):
    pass


@dataclass(frozen=True)
class Outcome:
    email: str
    purchases: int


def releases_on_sale(*, country: str, count: int = 50) -> list[int]:
    """Ids of the releases in the territory's monthly chart (what shoppers buy most)."""
    chart = get_client().get_release_chart(period="month", country=country, page_size=count)
    return [entry.release.id for entry in chart]


def fill_card_form(
    form_url: str, *, number: str = TEST_CARD, holder: str = "Demo Shopper"
) -> requests.Response:
    """Post 7digital's hosted card form (the sandbox's) as a shopper's browser does: the
    answer, a 302 back to the store when the card is accepted. The one way the demo
    shoppers, the load bench and the tests fill it."""
    return requests.post(
        form_url,
        data={
            "cardNumber": number,
            "cardHolderName": holder,
            "cardExpiryMonth": "12",
            "cardExpiryYear": str(date.today().year + 3),
            "cardPostCode": "N1 9GU",
            "cardVerificationCode": "123",
        },
        allow_redirects=False,
        timeout=10,
    )


def _store_card(browser: Client) -> None:
    """Add a card as a browser does: the store's "add a card", 7digital's hosted form,
    and back to the store's return page."""
    answer = fill_card_form(browser.post(reverse("card-add")).url)
    if answer.status_code != 302:
        raise SimulationError(f"the card form answered {answer.status_code}")
    back = urlsplit(answer.headers["Location"])
    browser.get(f"{back.path}?{back.query}")


def _buy(browser: Client, release_ids: list[int]) -> None:
    for release_id in release_ids:
        browser.post(reverse("basket-add"), {"release_id": release_id})
    answer = browser.get(reverse("checkout"), follow=True)
    page = answer.content.decode()
    token, basket = TOKEN.search(page), BASKET.search(page)
    if not token or not basket:
        notes = "; ".join(str(m) for m in answer.context["messages"]) if answer.context else ""
        raise SimulationError(f"the checkout page had no pay form ({notes or answer.status_code})")
    browser.post(
        reverse("checkout-card"),
        {"basket_id": basket.group(1), "submit_token": token.group(1)},
    )


def simulate_shopper(*, catalogue: list[int], rng: random.Random, days: int) -> Outcome:
    """One shopper: sign up and link, store a card, buy a few times; backdated."""
    email = f"shopper-{uuid.uuid4().hex[:10]}@example.com"
    user = get_user_model().objects.create_user(username=email, email=email, password=PASSWORD)
    link_create_on_signup(user=user, password=PASSWORD)
    browser = Client(HTTP_HOST="localhost")
    browser.force_login(user)
    _store_card(browser)
    for _ in range(rng.randint(1, 3)):
        _buy(browser, rng.sample(catalogue, k=rng.randint(1, 3)))
    joined = timezone.now() - timedelta(days=rng.uniform(0, days))
    _backdate(user, joined)
    return Outcome(email, Purchase.objects.filter(user=user).count())


def _backdate(user, joined) -> None:
    """Move the shopper's sign-up, link and purchases to `joined` and the days after."""
    get_user_model().objects.filter(pk=user.pk).update(date_joined=joined)
    USERS.changed(user.pk)  # an update() sends no signal
    SevenDigitalLink.objects.filter(user=user).update(linked_at=joined)
    span = max((timezone.now() - joined).total_seconds(), 1)
    for n, purchase in enumerate(Purchase.objects.filter(user=user).order_by("created")):
        when = joined + timedelta(seconds=span * n / 3)
        Purchase.objects.filter(pk=purchase.pk).update(created=when, completed_at=when)
