"""`wished_release_ids` for the wishlist buttons: read once per page, lazily (only a
page that renders a button asks; from the shared cache, accounts.selectors.WISHED),
so the button tag itself reads nothing."""

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from accounts import selectors


def wishlist(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"wished_release_ids": frozenset()}
    wished = SimpleLazyObject(lambda: selectors.wished_release_ids_kept(user=user))
    return {"wished_release_ids": wished}
