"""The API's operations, grouped by resource; the Client inherits them all."""

from .artists import ArtistOperations
from .basket import BasketOperations
from .cards import CardOperations
from .oauth import OAuthOperations
from .releases import ReleaseOperations, TrackOperations
from .table import OPERATIONS, Auth, Operation
from .territories import EditorialOperations, TerritoryOperations
from .users import AccountOperations, PurchaseOperations

__all__ = [
    "OPERATIONS",
    "AccountOperations",
    "ArtistOperations",
    "Auth",
    "BasketOperations",
    "CardOperations",
    "EditorialOperations",
    "OAuthOperations",
    "Operation",
    "PurchaseOperations",
    "ReleaseOperations",
    "TerritoryOperations",
    "TrackOperations",
]
