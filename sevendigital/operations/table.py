"""The single source of truth for the 61 operations of the 7digital v1.2 API.

One row per operation: the Python method name (the spec's operationId in
snake_case), HTTP method and path, auth level (from the spec's `security`),
the payload elements it answers with and the builder of its model, whether an
automatic retry is safe, whether the client's default territory applies, and how
long a response may be cached (None: never).

Retries and caching are for catalogue reads only. Basket changes, purchases,
delivery, user and card operations are never retried (many are GETs on 7digital:
a generic "retry idempotent methods" rule would repeat a purchase) and their
responses are never cached.
"""

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from ..parsing import PAYLOAD_BUILDERS


class Auth(StrEnum):
    KEY = "key"  # consumer key only (the client still signs it, 2-legged)
    TWO_LEGGED = "2L"  # signed with the consumer key and secret
    THREE_LEGGED = "3L"  # signed with a user's access token too (or 2L + userId)


MINUTE, HOUR, DAY = 60, 3600, 86400


@dataclass(frozen=True)
class Operation:
    name: str
    method: str
    path: str
    auth: Auth
    roots: tuple[str, ...]  # payload element(s) expected; () = an empty ok envelope
    retry_safe: bool
    territorial: bool  # the client's default `country` is sent unless given
    cache_ttl: int | None

    @property
    def operation_id(self) -> str:
        """The spec's operationId (getReleaseDetails, getBasketPayPalUrl, ...)."""
        first, *rest = self.name.split("_")
        return (first + "".join(word.title() for word in rest)).replace("Paypal", "PayPal")

    @property
    def build(self) -> Callable[[Any], Any] | None:
        return PAYLOAD_BUILDERS[self.roots[0]] if self.roots else None


K, L2, L3 = Auth.KEY, Auth.TWO_LEGGED, Auth.THREE_LEGGED
G, P, U = "GET", "POST", "PUT"


def _roots(roots: str | tuple[str, ...]) -> tuple[str, ...]:
    return (roots,) if isinstance(roots, str) else roots


def safe_read(
    name: str,
    path: str,
    roots: str | tuple[str, ...],
    cache_ttl: int,
    *,
    auth: Auth = K,
    territorial: bool = True,
) -> Operation:
    """A catalogue read: a GET that is retried on 429/5xx/connection errors and cached."""
    return Operation(name, "GET", path, auth, _roots(roots), True, territorial, cache_ttl)


def never_retry(
    name: str,
    method: str,
    path: str,
    auth: Auth,
    roots: str | tuple[str, ...],
    *,
    territorial: bool = False,
) -> Operation:
    """A basket, purchase, delivery, user or card operation: never retried, never cached."""
    return Operation(name, method, path, auth, _roots(roots), False, territorial, None)


_TABLE = [
    # Catalogue reads: retry-safe, cached for the lifetime given.
    safe_read("get_releases_by_date", "release/byDate", "releases", HOUR),
    safe_read("get_release_details", "release/details", "release", HOUR),
    safe_read("get_release_editorial", "release/editorial", "editorial", DAY),
    safe_read("get_release_chart", "release/chart", "chart", HOUR),
    safe_read("get_release_recommendations", "release/recommend", "recommendations", 6 * HOUR),
    safe_read("search_releases", "release/search", "searchResults", 5 * MINUTE),
    safe_read("get_release_tracks", "release/tracks", "tracks", HOUR),
    safe_read("get_release_tags", "release/tags", "tags", DAY),
    safe_read(
        "match_release_by_id", "release/match/byId", "matches", DAY, auth=L2, territorial=False
    ),
    safe_read("get_new_releases_by_tags", "release/bytag/new", "taggedResults", 30 * MINUTE),
    safe_read("get_top_releases_by_tags", "release/bytag/top", "taggedResults", 30 * MINUTE),
    safe_read("browse_artists", "artist/browse", "artists", HOUR),
    safe_read("get_artist_chart", "artist/chart", "chart", HOUR),
    safe_read("get_artist_details", "artist/details", "artist", HOUR),
    safe_read("get_artist_releases", "artist/releases", "releases", HOUR),
    safe_read("get_similar_artists", "artist/similar", "artists", 6 * HOUR),
    safe_read("search_artists", "artist/search", "searchResults", 5 * MINUTE),
    safe_read("get_artist_top_tracks", "artist/topTracks", "tracks", HOUR),
    safe_read("get_artist_tags", "artist/tags", "tags", DAY),
    safe_read(
        "match_artist_by_id", "artist/match/byId", "matches", DAY, auth=L2, territorial=False
    ),
    safe_read("get_top_artists_by_tags", "artist/bytag/top", "taggedResults", 30 * MINUTE),
    safe_read("get_track_chart", "track/chart", "chart", HOUR),
    safe_read("get_track_details", "track/details", "track", HOUR),
    safe_read("search_tracks", "track/search", "searchResults", 5 * MINUTE),
    safe_read("match_track_by_id", "track/match/byId", "matches", DAY, auth=L2, territorial=False),
    safe_read("get_all_tags", "tag", "tags", DAY),
    safe_read("get_countries", "countries", "countries", DAY, territorial=False),
    safe_read("get_translations", "translations", "translations", DAY),
    safe_read("resolve_country_for_ip", "country/resolve", "GeoIpLookup", DAY, territorial=False),
    safe_read("get_editorial_list", "editorial/list", "list", 10 * MINUTE),
    safe_read("get_artist_id_by_url", "catalogue/artist-byurl", "artist", DAY, territorial=False),
    safe_read(
        "get_release_id_by_url", "catalogue/release-byurl", "release", DAY, territorial=False
    ),
    safe_read("get_payment_card_types", "payment/card/type", "cardTypes", DAY, territorial=False),
    # Everything else: NEVER retried automatically, never cached.
    never_retry("get_basket", G, "basket", K, "basket"),
    never_retry("create_basket", G, "basket/create", K, "basket", territorial=True),
    never_retry("add_basket_item", G, "basket/addItem", K, "basket", territorial=True),
    never_retry("remove_basket_item", G, "basket/removeItem", K, "basket"),
    never_retry("apply_basket_voucher", P, "basket/applyVoucher", L2, "basket"),
    never_retry(
        "add_priced_basket_item", G, "basket/addpriceditem", L2, "basket", territorial=True
    ),
    never_retry(
        "get_basket_paypal_url", G, "basket/paypalurl", K, ("expressCheckout", "paypalurl")
    ),
    never_retry(
        "complete_basket_paypal_purchase", P, "basket/completepaypalpurchase", L3, "purchase"
    ),
    never_retry("get_user_unlimited_streaming", G, "user/unlimitedStreaming", L3, "streaming"),
    never_retry("update_user_unlimited_streaming", P, "user/unlimitedStreaming", L2, "streaming"),
    never_retry("get_user_locker", G, "user/locker", L3, "locker", territorial=True),
    never_retry("purchase_user_item", G, "user/purchase/item", L3, "purchase", territorial=True),
    never_retry(
        "purchase_user_rrp_item", G, "user/purchase/rrpitem", L3, "purchase", territorial=True
    ),
    never_retry(
        "purchase_user_basket", G, "user/purchase/basket", L3, "purchase", territorial=True
    ),
    never_retry(
        "purchase_user_priced_item", G, "user/purchase/priceditem", L3, "purchase", territorial=True
    ),
    never_retry("list_user_payment_cards", G, "user/payment/card", L3, "cards"),
    never_retry("select_user_payment_card", P, "user/payment/card/select", L3, ()),
    never_retry("delete_user_payment_card", P, "user/payment/card/delete", L3, ()),
    never_retry(
        "register_user_payment_card", P, "user/payment/cardregistration", L3, "cardRegistration"
    ),
    never_retry(
        "get_user_card_registration",
        G,
        "user/payment/cardregistration/{id}",
        L3,
        "cardRegistration",
    ),
    never_retry("deliver_user_item", G, "user/deliveritem", L3, "purchase", territorial=True),
    never_retry("signup_user", P, "user/signup", L2, "user"),
    never_retry("create_user", G, "user/create", L2, "user"),
    never_retry("get_user_details", G, "user/details", L2, "user"),
    never_retry("authenticate_user", P, "user/authenticate", L2, "user"),
    never_retry("find_users", G, "users", L2, "users"),
    never_retry("update_user", U, "users/{id}/update", L3, "user"),
    never_retry("get_payment_voucher_details", G, "payment/voucher/details", L2, "voucher"),
]

OPERATIONS: dict[str, Operation] = {op.name: op for op in _TABLE}
