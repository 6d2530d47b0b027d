"""`basket_count` for the header badge, read lazily from the stored basket reference
(the session, or the account's count kept in the shared cache: `BASKET_COUNTS`):
rendering the badge never calls 7digital."""

from django.conf import settings
from django.http import HttpRequest


def basket(request: HttpRequest) -> dict:
    def count() -> int:
        # Imported here, not at module level: the sandbox process inherits the store's
        # TEMPLATES (context processors included) without installing the checkout app.
        from checkout.services.baskets import basket_count
        from checkout.views.common import basket_owner

        return basket_count(owner=basket_owner(request))

    # A callable: templates call it only where the badge is rendered (read it once,
    # with `{% with %}`), so pages without the badge (admin, the sandbox) cost nothing.
    # Without a session there is neither an account nor a session basket: the header
    # shows 0 without a hole for it (and a signed-out visitor's page can be kept).
    known_empty = settings.SESSION_COOKIE_NAME not in request.COOKIES
    return {"basket_count": count, "basket_known_empty": known_empty}
