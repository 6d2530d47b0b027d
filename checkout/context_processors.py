"""`basket_count` for the header badge, read lazily from the stored basket reference
(the session, or the account's row): rendering the badge never calls 7digital."""

from django.http import HttpRequest


def basket(request: HttpRequest) -> dict:
    def count() -> int:
        # Imported here, not at module level: the sandbox process inherits the store's
        # TEMPLATES (context processors included) without installing the checkout app.
        from checkout.services.baskets import basket_ref_get
        from checkout.views.common import basket_owner

        ref = basket_ref_get(owner=basket_owner(request))
        return ref.item_count if ref is not None else 0

    # A callable: templates call it only where the badge is rendered (read it once,
    # with `{% with %}`), so pages without the badge (admin, the sandbox) cost nothing.
    return {"basket_count": count}
