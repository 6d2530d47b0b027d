"""One valid request for each of the spec's 61 operations, for the schemathesis run.

Generated data rarely names a release that exists, a basket that holds something or
a PayPal checkout that was approved, so without help most operations only ever see
their validation errors. `make_world` seeds the running sandbox (through
`manage.py shell`, as an operator would) with everything those requests need: a
consumer, a user with a password, a token and three cards, baskets in every state,
a voucher, an approved PayPal checkout, a card registration and a bought release.
`EXAMPLES` turns that into one request per operationId: each operation has its own
baskets and releases, so the requests can run in any order, once per sandbox.

Parameter names are the wire's (what 7digital and the sandbox read), which is not
always the spec's spelling (docs/WIRE-NOTES.md §8).
"""

import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from requests_oauthlib import OAuth1

PASSWORD = "examples-Otter-42"

SETUP = """
import json
from django.utils import timezone
from sandbox.commerce import baskets, cards, paypal, purchases
from sandbox.models import (Consumer, Country, EditorialList, Release, SandboxUser, Tag,
                            Voucher)
from sandbox.oauth.tokens import issue_access_token

consumer = Consumer.objects.create(key={key!r}, secret={secret!r}, name="schemathesis",
                                   rate_limit=10_000_000)
gb = Country.objects.get(code="GB")
user = SandboxUser.objects.create_user(email={email!r}, password={password!r},
                                       partner_user_id={partner_id!r}, created_by=consumer,
                                       country_code="GB")
token = issue_access_token(consumer=consumer, user=user)
fields = {{"cardNumber": "4111111111111111", "cardHolderName": "Example Shopper",
          "cardExpiryMonth": "12", "cardExpiryYear": str(timezone.localdate().year + 3),
          "cardPostCode": "SW1A 1AA", "cardVerificationCode": "123"}}
details = cards.check_card_fields(fields, today=timezone.localdate())
card_ids = [cards.card_add(user=user, details=details).pk for _ in range(3)]
cards.card_select(user=user, card_id=card_ids[0])
releases = iter(Release.objects.exclude(unavailable_in__contains="GB")
                .filter(tracks__isnull=False, price_tier__isnull=False).distinct().order_by("id"))

def basket_with(*, items=1):
    basket = baskets.basket_create(consumer=consumer, country=gb)
    for _ in range(items):
        basket = baskets.basket_add_item(basket=basket, release=next(releases))
    return basket

def release_and_track():
    release = next(releases)
    return {{"release": release.pk, "track": release.tracks.order_by("id").first().pk,
             "price": str(purchases.item_line(country=gb, release_id=release.pk).price)}}

removing = basket_with()
paying = basket_with()
checkout = paypal.paypal_checkout_start(basket=paying, return_url="https://shop.example/ok",
                                        cancel_url="https://shop.example/cancel")
paypal.paypal_checkout_decide(checkout=checkout, approve=True)
checkout.refresh_from_db()
owned = release_and_track()
purchases.purchase_item(user=user, consumer=consumer, country=gb,
                        line=purchases.item_line(country=gb, release_id=owned["release"]))
voucher = Voucher.objects.create(code={voucher!r}, amount=10)
registration = cards.registration_create(user=user, redirect_url="https://shop.example/card")
release = Release.objects.exclude(unavailable_in__contains="GB").order_by("id").first()
artist = release.artist
print(json.dumps({{
    "token": token.key, "token_secret": token.secret, "user_id": user.pk,
    "card_ids": card_ids,
    "baskets": {{name: str(basket_with(items=items).pk) for name, items in
                (("read", 1), ("add", 0), ("voucher", 1), ("priced", 0), ("paypalurl", 1),
                 ("buy", 1))}},
    "removing": {{"basket": str(removing.pk), "item": removing.items.first().pk}},
    "paypal": {{"basket": str(paying.pk), "token": checkout.token,
                "payer": checkout.payer_id}},
    "to_buy": {{name: release_and_track() for name in ("item", "rrp", "priced", "add",
                                                      "addpriced")}},
    "owned": owned,
    "registration": cards.registration_public_id(registration),
    "release": release.pk, "track": release.tracks.order_by("id").first().pk,
    "artist": artist.pk, "artist_slug": artist.slug, "release_slug": release.slug,
    "release_artist_slug": release.artist.slug, "letter": artist.name[0].lower(),
    "tag": Tag.objects.order_by("id").first().pk,
    "editorial": EditorialList.objects.filter(country=gb).order_by("id").first().key,
}}))
"""


@dataclass(frozen=True)
class World:
    """What make_world seeded, by name; `data` is the JSON the seed printed."""

    consumer_key: str
    consumer_secret: str
    partner_user_id: str
    email: str
    voucher: str
    data: dict[str, Any]

    def auth(self) -> OAuth1:
        """3-legged signing (every auth level accepts it): the consumer and the user."""
        return OAuth1(
            self.consumer_key,
            client_secret=self.consumer_secret,
            resource_owner_key=self.data["token"],
            resource_owner_secret=self.data["token_secret"],
        )

    def __getitem__(self, name: str) -> Any:
        return self.data[name]


def make_world(server) -> World:
    key = "7ds" + secrets.token_hex(5)[:9]  # 12 characters, like a real key
    secret = secrets.token_urlsafe(16)
    partner_id = f"examples-{secrets.token_hex(4)}"
    email = f"{partner_id}@example.com"
    voucher = f"EXAMPLES{secrets.token_hex(3).upper()}"
    code = SETUP.format(
        key=key,
        secret=secret,
        email=email,
        password=PASSWORD,
        partner_id=partner_id,
        voucher=voucher,
    )
    data = json.loads(server.manage("shell", "-c", code).strip().splitlines()[-1])
    return World(key, secret, partner_id, email, voucher, data)


def _new_email() -> str:
    return f"new-{secrets.token_hex(6)}@example.com"


Request = dict[str, Any]  # keyword arguments of schemathesis's operation.Case
FORM = "application/x-www-form-urlencoded"
GB = {"country": "GB"}


def _query(**query: Any) -> Request:
    return {"query": query}


def _form(query: dict | None = None, **body: Any) -> Request:
    return {"query": query or {}, "body": body, "media_type": FORM}


EXAMPLES: dict[str, Callable[[World], Request]] = {
    # Catalogue: releases
    "getReleasesByDate": lambda w: _query(**GB, fromDate="19000101"),
    "getReleaseDetails": lambda w: _query(**GB, releaseId=w["release"]),
    "getReleaseEditorial": lambda w: _query(**GB, releaseId=w["release"]),
    "getReleaseChart": lambda w: _query(**GB, period="week"),
    "getReleaseRecommendations": lambda w: _query(**GB, releaseId=w["release"]),
    "searchReleases": lambda w: _query(**GB, q=w["release_slug"].split("-")[0]),
    "getReleaseTracks": lambda w: _query(**GB, releaseId=w["release"]),
    "getReleaseTags": lambda w: _query(**GB, releaseId=w["release"]),
    "matchReleaseById": lambda w: _query(**GB, sevenDigitalIds=w["release"]),
    "getNewReleasesByTags": lambda w: _query(**GB, tags=w["tag"]),
    "getTopReleasesByTags": lambda w: _query(**GB, tags=w["tag"]),
    # Catalogue: artists
    "browseArtists": lambda w: _query(**GB, letter=w["letter"]),
    "getArtistChart": lambda w: _query(**GB, period="week"),
    "getArtistDetails": lambda w: _query(**GB, artistId=w["artist"]),
    "getArtistReleases": lambda w: _query(**GB, artistId=w["artist"]),
    "getSimilarArtists": lambda w: _query(**GB, artistId=w["artist"]),
    "searchArtists": lambda w: _query(**GB, q=w["artist_slug"].split("-")[0]),
    "getArtistTopTracks": lambda w: _query(**GB, artistId=w["artist"]),
    "getArtistTags": lambda w: _query(**GB, artistId=w["artist"]),
    "matchArtistById": lambda w: _query(**GB, sevenDigitalIds=w["artist"]),
    "getTopArtistsByTags": lambda w: _query(**GB, tags=w["tag"]),
    # Catalogue: tracks, tags, territories, lists
    "getTrackChart": lambda w: _query(**GB, period="week"),
    "getTrackDetails": lambda w: _query(**GB, trackId=w["track"]),
    "searchTracks": lambda w: _query(**GB, q=w["release_slug"].split("-")[0]),
    "matchTrackById": lambda w: _query(**GB, sevenDigitalIds=w["track"]),
    "getAllTags": lambda w: _query(**GB),
    "getCountries": lambda w: _query(),
    "getTranslations": lambda w: _query(locale="en_GB"),
    "resolveCountryForIp": lambda w: _query(ipaddress="81.2.69.160"),
    "getEditorialList": lambda w: _query(**GB, key=w["editorial"]),
    "getArtistIdByUrl": lambda w: _query(
        **GB, url=f"https://uk.7digital.com/artist/{w['artist_slug']}"
    ),
    "getReleaseIdByUrl": lambda w: _query(
        **GB,
        url=f"https://uk.7digital.com/artist/{w['release_artist_slug']}"
        f"/release/{w['release_slug']}",
    ),
    "getPaymentCardTypes": lambda w: _query(**GB),
    "getPaymentVoucherDetails": lambda w: _query(**GB, voucherCode=w.voucher),
    # Baskets
    "getBasket": lambda w: _query(**GB, basketId=w["baskets"]["read"]),
    "createBasket": lambda w: _query(**GB),
    "addBasketItem": lambda w: _query(
        **GB, basketId=w["baskets"]["add"], releaseId=w["to_buy"]["add"]["release"]
    ),
    "removeBasketItem": lambda w: _query(
        **GB, basketId=w["removing"]["basket"], itemId=w["removing"]["item"]
    ),
    "applyBasketVoucher": lambda w: _form(
        {**GB, "basketId": w["baskets"]["voucher"]}, voucherCode=w.voucher
    ),
    "addPricedBasketItem": lambda w: _query(
        **GB,
        basketId=w["baskets"]["priced"],
        releaseId=w["to_buy"]["addpriced"]["release"],
        price="1.00",
    ),
    "getBasketPayPalUrl": lambda w: _query(
        **GB,
        basketId=w["baskets"]["paypalurl"],
        returnUrl="https://shop.example/paypal/return",
        cancelUrl="https://shop.example/paypal/cancel",
    ),
    "completeBasketPayPalPurchase": lambda w: _form(
        {**GB, "basketId": w["paypal"]["basket"]},
        token=w["paypal"]["token"],
        payerId=w["paypal"]["payer"],
    ),
    # The user's purchases, cards, locker, streaming
    "getUserUnlimitedStreaming": lambda w: _query(**GB),
    "updateUserUnlimitedStreaming": lambda w: _form(GB, userId=w.partner_user_id, status="active"),
    "getUserLocker": lambda w: _query(**GB),
    "purchaseUserItem": lambda w: _query(
        **GB, releaseId=w["to_buy"]["item"]["release"], trackId=w["to_buy"]["item"]["track"]
    ),
    "purchaseUserRrpItem": lambda w: _query(**GB, releaseId=w["to_buy"]["rrp"]["release"]),
    "purchaseUserBasket": lambda w: _query(**GB, basketId=w["baskets"]["buy"]),
    "purchaseUserPricedItem": lambda w: _query(
        **GB, releaseId=w["to_buy"]["priced"]["release"], price=w["to_buy"]["priced"]["price"]
    ),
    "listUserPaymentCards": lambda w: _query(**GB),
    "selectUserPaymentCard": lambda w: _form(GB, cardId=w["card_ids"][1]),
    "deleteUserPaymentCard": lambda w: _form(GB, cardId=w["card_ids"][2]),
    "registerUserPaymentCard": lambda w: _form(GB, redirectUrl="https://shop.example/card"),
    "getUserCardRegistration": lambda w: {
        "query": GB,
        "path_parameters": {"id": w["registration"]},
    },
    "deliverUserItem": lambda w: _query(
        **GB, releaseId=w["owned"]["release"], trackId=w["owned"]["track"]
    ),
    # Users
    "signupUser": lambda w: _form(GB, emailAddress=_new_email(), password=PASSWORD),
    "createUser": lambda w: _query(
        **GB, userId=f"new-{secrets.token_hex(4)}", emailAddress=_new_email()
    ),
    "getUserDetails": lambda w: _query(**GB, userId=w.partner_user_id),
    "authenticateUser": lambda w: _form(GB, emailAddress=w.email, password=PASSWORD),
    "findUsers": lambda w: _query(**GB, emailAddress=w.email),
    "updateUser": lambda w: {  # the same password again: the other requests still sign in
        **_form(GB, password=PASSWORD),
        "path_parameters": {"id": str(w["user_id"])},
    },
}


# --- What the operations answered, for the terminal summary ---------------------------

ANSWERS = pytest.StashKey[dict[str, dict[str, int]]]()


def record(config: pytest.Config, operation_id: str, status: int) -> None:
    """Count an answer by status class for tests/sandbox/conftest.py's summary."""
    counts = config.stash.setdefault(ANSWERS, {}).setdefault(
        operation_id, {"2xx": 0, "4xx": 0, "5xx": 0}
    )
    band = f"{status // 100}xx"
    counts[band] = counts.get(band, 0) + 1


def summary(config: pytest.Config) -> list[str]:
    """One line per operation that answered: its 2xx, 4xx and 5xx counts."""
    answers = config.stash.get(ANSWERS, {})
    lines = [f"{'operation':<32} {'2xx':>5} {'4xx':>5} {'5xx':>5}"]
    for operation_id, counts in sorted(answers.items()):
        flag = "" if counts["2xx"] else "   <- never a 2xx"
        lines.append(
            f"{operation_id:<32} {counts['2xx']:>5} {counts['4xx']:>5} {counts['5xx']:>5}{flag}"
        )
    reached = sum(1 for counts in answers.values() if counts["2xx"])
    lines.append(f"{reached} of {len(answers)} operations answered at least one 2xx")
    return lines if answers else []
