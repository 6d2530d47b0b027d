"""Helpers for checkout tests against a live sandbox: catalogue picks, cards, PayPal.

Everything talks HTTP to the `sandbox_server` process, as the store does; the
sandbox's own pages (card form, PayPal approval) are driven with `requests`, as a
browser would.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

import requests

from accounts.services import sevendigital_token_for
from checkout.services import card_form_url
from sevendigital import Client, Release, Track, UserToken
from staff.simulation import fill_card_form
from storefront.api import get_client

GOOD_CARD = "4111111111111111"
DECLINED_CARD = "4000000000000002"  # 3102 when charged (sandbox TEST_CARDS)
EXPIRED_CARD = "4000000000000069"  # 3001 when charged
PASSWORD = "correct-horse-battery"


@dataclass(frozen=True)
class Item:
    """A release on sale in GB, one of its tracks, and their standard prices."""

    release: Release
    track: Track
    release_price: Decimal
    track_price: Decimal


def standard_price(item: Release | Track) -> Decimal | None:
    for package in item.packages:
        if package.id == 2 and package.price and package.price.sevendigital_price:
            return package.price.sevendigital_price.amount
    return None


def catalogue_items(count: int, *, country: str = "GB") -> list[Item]:
    """`count` different releases sold in `country`, each with a priced track."""
    client = get_client()
    found: list[Item] = []
    for entry in client.get_release_chart(page_size=50, country=country):
        release = client.get_release_details(release_id=entry.release.id, country=country)
        tracks = client.get_release_tracks(release_id=release.id, country=country)
        priced = [track for track in tracks if standard_price(track)]
        if standard_price(release) and priced:
            found.append(
                Item(release, priced[0], standard_price(release), standard_price(priced[0]))
            )
        if len(found) == count:
            return found
    raise AssertionError(f"the sandbox catalogue has fewer than {count} priced releases")


def user_token(user) -> UserToken:
    return sevendigital_token_for(user=user)


def register_card(user, number: str = GOOD_CARD, *, holder: str = "Ada Lovelace") -> str:
    """Add a card the way a browser does: start a registration, post the hosted form.
    Returns where the form sent the browser (the redirect URL + cardRegistrationId)."""
    registration = get_client().register_user_payment_card(
        token=user_token(user), redirect_url="http://testserver/cards/added/"
    )
    return post_card_form(card_form_url(registration.id), number=number, holder=holder)


def post_card_form(form_url: str, *, number: str, holder: str = "Ada Lovelace") -> str:
    response = fill_card_form(form_url, number=number, holder=holder)
    assert response.status_code == 302, response.text[:500]
    return response.headers["Location"]


def approve_on_paypal(approval_url: str, decision: str = "pay") -> str:
    """Press "Pay with PayPal" (or "Cancel") on the sandbox's approval page; where the
    browser is sent back to."""
    with requests.Session() as browser:
        page = browser.get(approval_url, timeout=10)
        assert page.status_code == 200, page.text[:500]
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        token = re.search(r'name="token" value="([^"]+)"', page.text).group(1)
        answer = browser.post(
            approval_url,
            data={"csrfmiddlewaretoken": csrf, "token": token, "decision": decision},
            headers={"Referer": approval_url},
            allow_redirects=False,
            timeout=10,
        )
    assert answer.status_code == 302, answer.text[:500]
    return answer.headers["Location"]


def purchase_ids_in_locker(client: Client, token: UserToken) -> set[int]:
    """Every distinct 7digital purchase the user's locker shows (all pages)."""
    ids: set[int] = set()
    page = 1
    while True:
        locker = client.get_user_locker(token=token, page=page, page_size=50)
        ids.update(t.purchase_id for r in locker for t in r.tracks if t.purchase_id)
        if not locker.has_next:
            return ids
        page += 1
