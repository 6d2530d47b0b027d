"""Turning response bodies (XML or JSON) into typed models.

`decode` checks the envelope and raises the right error; the builders turn the
payload tree into models; `PAYLOAD_BUILDERS` says which builder reads which payload
element, and `parse_response` combines the three for any 7digital body.
"""

from collections.abc import Callable
from typing import Any

from ..errors import TransportError
from .account import (
    build_countries,
    build_geo_ip_lookup,
    build_geo_restrictions,
    build_oauth_token,
    build_streaming,
    build_translation,
    build_user,
    build_users,
)
from .catalogue import (
    build_artist,
    build_chart,
    build_editorial_list,
    build_matches,
    build_recommendation,
    build_release,
    build_release_editorial,
    build_search_result,
    build_tag,
    build_tagged_item,
    build_track,
    page_of,
)
from .commerce import (
    build_basket,
    build_card,
    build_card_registration,
    build_card_types,
    build_cards,
    build_express_checkout,
    build_locker,
    build_payment_status,
    build_prepare_payment,
    build_purchase,
    build_voucher,
)
from .envelope import Context, Envelope, decode

Builder = Callable[[Any], Any]

# Payload element name -> builder of its model. One entry per shape on the wire.
PAYLOAD_BUILDERS: dict[str, Builder] = {
    "artist": build_artist,
    "artists": page_of("artist", build_artist),
    "release": build_release,
    "releases": page_of("release", build_release),
    "track": build_track,
    "tracks": page_of("track", build_track),
    "tags": page_of("tag", build_tag),
    "chart": build_chart,
    "searchResults": page_of("searchResult", build_search_result),
    "taggedResults": page_of("taggedItem", build_tagged_item),
    "recommendations": page_of("recommendedItem", build_recommendation),
    "editorial": build_release_editorial,
    "list": build_editorial_list,
    "matches": build_matches,
    "basket": build_basket,
    "expressCheckout": build_express_checkout,
    "paypalurl": build_express_checkout,  # an older revision's name
    "purchase": build_purchase,
    "locker": build_locker,
    "cards": build_cards,
    "card": build_card,
    "cardRegistration": build_card_registration,
    "cardTypes": build_card_types,
    "voucher": build_voucher,
    "preparePayment": build_prepare_payment,
    "streaming": build_streaming,
    "user": build_user,
    "users": build_users,
    "countries": build_countries,
    "translations": page_of("translation", build_translation),
    "GeoIpLookup": build_geo_ip_lookup,
    "geoRestrictions": build_geo_restrictions,
    "oauth_request_token": build_oauth_token,
    "oauth_access_token": build_oauth_token,
}


def build_payload(envelope: Envelope, context: Context | None = None) -> Any:
    """The model for a decoded envelope, chosen by its payload element; None if empty."""
    if envelope.root is None:
        return None
    if envelope.root == "paymentStatus":
        return build_payment_status(envelope.document)
    builder = PAYLOAD_BUILDERS.get(envelope.root)
    if builder is None:
        context = context or Context()
        raise TransportError(
            f"Unexpected payload <{envelope.root}>",
            outcome_unknown=True,
            status=context.status,
            method=context.method,
            request_url=context.url,
        )
    return builder(envelope.payload)


def parse_response(
    body: bytes | str, *, status: int = 200, method: str | None = None, url: str | None = None
) -> Any:
    """The model for any 7digital response body, or the error it carries (raised)."""
    raw = body.encode("utf-8") if isinstance(body, str) else body
    context = Context(status=status, method=method, url=url)
    return build_payload(decode(raw, context), context)


__all__ = ["PAYLOAD_BUILDERS", "Context", "Envelope", "build_payload", "decode", "parse_response"]
