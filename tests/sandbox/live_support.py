"""Parties and purchases made inside a running sandbox (the `sandbox_server` fixture),
for tests that talk to it over real HTTP.

The rows are made by `manage.py shell` against the sandbox's own database, the way an
operator would seed it; the tests then only use HTTP, signed with requests-oauthlib.
"""

import json
import secrets
from dataclasses import dataclass

from requests_oauthlib import OAuth1

SETUP = """
import json
from decimal import Decimal
from sandbox.commerce import baskets, cards
from sandbox.models import Consumer, Country, Release, SandboxUser
from sandbox.oauth.tokens import issue_access_token
from django.utils import timezone

consumer = Consumer.objects.create(key={key!r}, secret={secret!r}, name="live tests",
                                   rate_limit=10_000_000)
user = SandboxUser.objects.create_user(email={email!r}, password="not used",
                                       partner_user_id={partner_id!r}, created_by=consumer)
token = issue_access_token(consumer=consumer, user=user)
fields = {{"cardNumber": "4111111111111111", "cardHolderName": "Live Tester",
          "cardExpiryMonth": "12", "cardExpiryYear": str(timezone.localdate().year + 3),
          "cardPostCode": "SW1A 1AA", "cardVerificationCode": "123"}}
cards.card_add(user=user, details=cards.check_card_fields(fields, today=timezone.localdate()))
gb = Country.objects.get(code="GB")
releases = list(Release.objects.exclude(unavailable_in__contains="GB")
                .filter(tracks__isnull=False).distinct().order_by("id")[:{releases}])
basket = baskets.basket_create(consumer=consumer, country=gb)
for release in releases:
    baskets.basket_add_item(basket=basket, release=release)
print(json.dumps({{
    "token": token.key, "token_secret": token.secret, "basket_id": str(basket.id),
    "release_ids": [r.pk for r in releases],
    "track_ids": [t.pk for r in releases for t in r.tracks.all()],
}}))
"""


@dataclass(frozen=True)
class LiveShopper:
    consumer_key: str
    consumer_secret: str
    token: str
    token_secret: str
    partner_user_id: str
    basket_id: str
    release_ids: list[int]
    track_ids: list[int]

    def auth(self) -> OAuth1:
        """3-legged signing: the consumer and the shopper's access token."""
        return OAuth1(
            self.consumer_key,
            client_secret=self.consumer_secret,
            resource_owner_key=self.token,
            resource_owner_secret=self.token_secret,
        )


def make_live_shopper(server, *, releases: int = 2) -> LiveShopper:
    """A consumer (no rate limit to speak of), a user with a token and a default VISA
    card, and a GB basket holding the first `releases` releases of the catalogue."""
    key = "7dl" + secrets.token_hex(5)[:9]  # 12 characters, like a real key
    secret = secrets.token_urlsafe(16)
    partner_id = f"live-{secrets.token_hex(4)}"
    code = SETUP.format(
        key=key,
        secret=secret,
        email=f"{partner_id}@example.com",
        partner_id=partner_id,
        releases=releases,
    )
    made = json.loads(server.manage("shell", "-c", code).strip().splitlines()[-1])
    return LiveShopper(
        consumer_key=key,
        consumer_secret=secret,
        partner_user_id=partner_id,
        **made,
    )
