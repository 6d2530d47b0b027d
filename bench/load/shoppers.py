"""Make the load test's returning customers: shop accounts linked to 7digital, a card each.

    DJANGO_SETTINGS_MODULE=storefront.settings.local python bench/load/shoppers.py OUT.json COUNT

Run by bench/load/run.py with the store's environment before the load starts (so its
API calls are not counted). Each account is made the way the shop makes them at
sign-up (`link_create_on_signup`: a 7digital user and its access token), and its card
is added the way a browser adds one: a card registration started through the API,
then the sandbox's hosted card form posted with a test card. The accounts' emails
and password are written to OUT.json for the locustfile's buyers to sign in with.
"""

import json
import os
import sys
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "load-test-horse-battery"
GOOD_CARD = "4111111111111111"


def register_card(user) -> None:
    """Start a registration and fill the hosted form as a browser would."""
    from accounts.services import sevendigital_token_for
    from checkout.services import card_form_url
    from staff.simulation import fill_card_form
    from storefront.api import get_client

    registration = get_client().register_user_payment_card(
        token=sevendigital_token_for(user=user), redirect_url="https://127.0.0.1/cards/added/"
    )
    answer = fill_card_form(card_form_url(registration.id), number=GOOD_CARD, holder="Load Tester")
    if answer.status_code != 302:
        raise RuntimeError(f"the card form answered {answer.status_code}")


def make_shoppers(count: int) -> list[dict[str, str]]:
    from django.contrib.auth import get_user_model

    from accounts.services import link_create_on_signup

    users = get_user_model()
    made = []
    for number in range(1, count + 1):
        email = f"load-shopper-{number}@example.com"
        user = users.objects.create_user(username=email, email=email, password=PASSWORD)
        link_create_on_signup(user=user, password=PASSWORD)
        register_card(user)
        made.append({"email": email, "password": PASSWORD})
    return made


def main() -> None:
    out, count = Path(sys.argv[1]), int(sys.argv[2])
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "storefront.settings.local")
    django.setup()
    out.write_text(json.dumps(make_shoppers(count), indent=1))
    print(f"{count} shoppers with a card written to {out}")


if __name__ == "__main__":
    main()
