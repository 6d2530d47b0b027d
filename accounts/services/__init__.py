"""Writes of the accounts app (HackSoft style: `<entity>_<action>`, keyword-only).

The 7digital link (`links`), the locker's copy (`locker`) and the wishlist
(`wishlist`); import from here:
`from accounts.services import sevendigital_token_for, NotLinked`.
"""

from accounts.services.links import (
    PENDING_OAUTH_KEY,
    RELINK,
    AccountsError,
    LinkFailed,
    NotLinked,
    link_cancel_oauth,
    link_complete_oauth,
    link_create_on_signup,
    link_remove,
    link_start_oauth,
    sevendigital_token_for,
)
from accounts.services.locker import locker_forget
from accounts.services.preferences import UnknownLanguage, preferences_set_language
from accounts.services.wishlist import (
    PriceAlert,
    WishlistError,
    wishlist_add,
    wishlist_check_prices,
    wishlist_remove,
)

__all__ = [
    "PENDING_OAUTH_KEY",
    "RELINK",
    "AccountsError",
    "LinkFailed",
    "NotLinked",
    "PriceAlert",
    "UnknownLanguage",
    "WishlistError",
    "link_cancel_oauth",
    "link_complete_oauth",
    "link_create_on_signup",
    "link_remove",
    "link_start_oauth",
    "locker_forget",
    "preferences_set_language",
    "sevendigital_token_for",
    "wishlist_add",
    "wishlist_check_prices",
    "wishlist_remove",
]
