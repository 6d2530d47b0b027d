"""A shop, a shopper with a token and cards, and 3-legged calls, for the tests of cards,
purchases, the locker, delivery and streaming.

Prices (from `factories`, GB): track 0.99, album 7.99 (rrp 9.99), FLAC album 11.99.
"""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from sandbox.commerce import cards
from sandbox.models import AccessToken, Card, Consumer, Release, SandboxUser
from sandbox.oauth.tokens import issue_access_token
from tests.sandbox.factories import make_artist, make_country, make_release, make_track
from tests.sandbox.oauth_support import make_consumer, make_user, signed

VISA = "4111111111111111"


@dataclass
class Shopper:
    consumer: Consumer
    user: SandboxUser
    token: AccessToken


@dataclass
class Shop:
    album: Release  # three tracks, lossless too, not sold in FR
    single: Release  # one track, standard package only


def make_shop() -> Shop:
    make_country("GB")
    make_country("FR")
    keane = make_artist("Keane")
    album = make_release(
        keane, "Perfect Symmetry", has_lossless=True, price_tier=10, unavailable_in="FR"
    )
    for number, title in enumerate(("Spiralling", "The Lovers Are Losing", "Better Than This")):
        make_track(album, title, number + 1)
    single = make_release(make_artist("Aqua"), "Barbie Girl", price_tier=1, track_count=1)
    make_track(single, "Barbie Girl", 1)
    return Shop(album, single)


def make_shopper(email: str = "listener@example.com", consumer: Consumer | None = None) -> Shopper:
    consumer = consumer or make_consumer()
    user = make_user(email)
    return Shopper(consumer, user, issue_access_token(consumer=consumer, user=user))


def future_year(years: int = 2) -> int:
    return timezone.localdate().year + years


def add_card(user: SandboxUser, number: str = VISA, **fields) -> Card:
    """A card added the way the card form adds one (it becomes the default)."""
    values = {
        "cardNumber": number,
        "cardHolderName": "Bob Smith",
        "cardExpiryMonth": "09",
        "cardExpiryYear": str(future_year()),
        "cardPostCode": "SW1A 1AA",
        "cardVerificationCode": "1234" if number.startswith(("34", "37")) else "123",
        **fields,
    }
    details = cards.check_card_fields(values, today=timezone.localdate())
    return cards.card_add(user=user, details=details)


def card_form(**fields) -> dict[str, str]:
    """Valid hosted-form fields (a VISA test card), with fields changed."""
    return {
        "cardNumber": "4111 1111 1111 1111",
        "cardHolderName": "Bob Smith",
        "cardExpiryMonth": "09",
        "cardExpiryYear": str(future_year()),
        "cardStartMonth": "",
        "cardStartYear": "",
        "cardPostCode": "SW1A 1AA",
        "cardVerificationCode": "123",
        **fields,
    }


def call(client, method: str, path: str, shopper: Shopper, *, as_json: bool = False, **params):
    """A 3-legged call to /1.2/<path>, signed with the shopper's access token."""
    headers = {"Accept": "application/json"} if as_json else None
    return signed(
        client,
        method,
        f"/1.2/{path}",
        shopper.consumer,
        params={key: str(value) for key, value in params.items()},
        token=shopper.token,
        headers=headers,
    )


def today() -> date:
    return timezone.localdate()
