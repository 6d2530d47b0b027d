from .catalogue import (
    Artist,
    ArtistSimilarity,
    Country,
    EditorialList,
    EditorialListItem,
    Label,
    Licensor,
    PriceTier,
    Release,
    ReleaseRecommendation,
    Sale,
    Tag,
    Track,
    Translation,
)
from .commerce import Basket, BasketItem, PayPalCheckout, Voucher
from .consumers import Consumer, UsedNonce
from .purchases import Card, CardRegistration, LockerTrack, Purchase, Subscription
from .search import SearchTerm, SearchWord
from .users import AccessToken, RequestToken, SandboxUser

__all__ = [
    "AccessToken",
    "Artist",
    "ArtistSimilarity",
    "Basket",
    "BasketItem",
    "Card",
    "CardRegistration",
    "Consumer",
    "Country",
    "EditorialList",
    "EditorialListItem",
    "Label",
    "Licensor",
    "LockerTrack",
    "PayPalCheckout",
    "PriceTier",
    "Purchase",
    "Release",
    "ReleaseRecommendation",
    "RequestToken",
    "Sale",
    "SandboxUser",
    "SearchTerm",
    "SearchWord",
    "Subscription",
    "Tag",
    "Track",
    "Translation",
    "UsedNonce",
    "Voucher",
]
