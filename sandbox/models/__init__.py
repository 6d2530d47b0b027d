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
from .consumers import Consumer, UsedNonce
from .search import SearchWord
from .users import AccessToken, RequestToken, SandboxUser

__all__ = [
    "AccessToken",
    "Artist",
    "ArtistSimilarity",
    "Consumer",
    "Country",
    "EditorialList",
    "EditorialListItem",
    "Label",
    "Licensor",
    "PriceTier",
    "Release",
    "ReleaseRecommendation",
    "RequestToken",
    "Sale",
    "SandboxUser",
    "SearchWord",
    "Tag",
    "Track",
    "Translation",
    "UsedNonce",
]
