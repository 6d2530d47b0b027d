"""Signal receivers: the basket follows the shopper through sign-in."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from checkout.services.sign_in import basket_keep_on_login


@receiver(user_logged_in, dispatch_uid="checkout.basket_keep_on_login")
def keep_basket_on_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    # request is None when login happens outside a request (tests' client.force_login
    # passes one; management commands may not).
    if request is not None and hasattr(request, "session"):
        for note in basket_keep_on_login(session=request.session, user=user):
            messages.add_message(request, note.level, note.text)
