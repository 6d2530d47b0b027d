"""Helpers of the fault tests: customers, things to buy, what pages hold, the locker.

The store runs in-process (Django's test client) with its client pointed at the fault
proxy; the checks of what 7digital really holds go to the sandbox directly, around
the proxy (`direct_client`).
"""

import itertools
import os
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import requests
from django.contrib.auth import get_user_model

from accounts.models import SevenDigitalLink
from sevendigital import Client, UserToken

PASSWORD = "fault-test-horse-battery"
GOOD_CARD = "4111111111111111"
INPUT = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')
_numbers = itertools.count(1)


@dataclass(frozen=True)
class ForSale:
    release_id: int
    track_id: int
    price: Decimal


def direct_client(sandbox) -> Client:
    """A client that talks to the sandbox itself, not through the proxy."""
    return Client(
        base_url=sandbox.api_url,
        consumer_key=sandbox.consumer_key,
        consumer_secret=sandbox.consumer_secret,
        country="GB",
        retries=0,
    )


@dataclass(frozen=True)
class Account:
    """A 7digital user with a card on file, and its access token."""

    user_id: str
    email: str
    token: UserToken


def sevendigital_account(direct: Client) -> Account:
    """Sign a user up on the sandbox, authorise a token for it (the partner flow that
    shop sign-up uses) and add a card through the hosted form, as a browser would."""
    email = f"faults-{os.getpid()}-{next(_numbers)}@example.com"
    user_id = direct.signup_user(email_address=email, password=PASSWORD).id
    request_token = direct.get_request_token()
    direct.authorise_request_token(request_token=request_token, username=email, password=PASSWORD)
    token = direct.get_access_token(request_token)
    registration = direct.register_user_payment_card(
        token=token, redirect_url="http://testserver/cards/added/"
    )
    site = direct.base_url.removesuffix("/1.2")
    fields = {
        "cardNumber": GOOD_CARD,
        "cardHolderName": "Fault Tester",
        "cardExpiryMonth": "12",
        "cardExpiryYear": str(date.today().year + 3),
        "cardPostCode": "N1 9GU",
        "cardVerificationCode": "123",
    }
    answer = requests.post(
        f"{site}/cardregistration/{registration.id}", data=fields, allow_redirects=False, timeout=10
    )
    assert answer.status_code == 302, answer.text[:300]
    return Account(str(user_id), email, UserToken(token.token, token.secret))


def shop_customer(account: Account):
    """A shop account linked to `account` (what sign-up leaves behind)."""
    user = get_user_model().objects.create_user(
        username=account.email, email=account.email, password=PASSWORD
    )
    link = SevenDigitalLink(
        user=user,
        sevendigital_user_id=account.user_id,
        email=account.email,
        how=SevenDigitalLink.How.SIGNUP,
    )
    link.set_token(account.token)
    link.save()
    return user


def tracks_for_sale(direct: Client, count: int) -> list[ForSale]:
    """`count` tracks of different releases on the GB chart, each with its MP3 price."""
    found: list[ForSale] = []
    for entry in direct.get_release_chart(period="week", page_size=50):
        for track in direct.get_release_tracks(release_id=entry.release.id):
            price = next(
                (
                    p.price.sevendigital_price.amount
                    for p in track.packages
                    if p.id == 2 and p.price
                ),
                None,
            )
            if price:
                found.append(ForSale(entry.release.id, track.id, price))
                break
        if len(found) == count:
            return found
    raise AssertionError(f"fewer than {count} priced tracks on the sandbox's chart")


def hidden_fields(page: str, action: str) -> dict[str, str]:
    """The hidden inputs of the first form of `page` that posts to `action`."""
    start = page.index(f'action="{action}"')
    form = page[start : page.index("</form>", start)]
    return dict(INPUT.findall(form))


def purchase_ids(direct: Client, token: UserToken) -> set[int]:
    """Every distinct 7digital purchase in the user's locker."""
    locker = direct.get_user_locker(token=token, page_size=50)
    return {owned.purchase_id for entry in locker for owned in entry.tracks if owned.purchase_id}


def downloads_left(direct: Client, token: UserToken, track_id: int) -> int | None:
    locker = direct.get_user_locker(token=token, page_size=50)
    for entry in locker:
        for owned in entry.tracks:
            if owned.track.id == track_id:
                return owned.remaining_downloads
    return None


def assert_no_crash(response) -> None:
    """What no shopper may ever see: a 500 page or a traceback."""
    assert response.status_code != 500, response.content[:300]
    assert b"Traceback" not in response.content
    assert b"Server Error" not in response.content
