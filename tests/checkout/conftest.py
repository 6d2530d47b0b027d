"""Fixtures for checkout tests: the store pointed at a live sandbox, linked shoppers.

`shop` points the store's client at the `sandbox_server` process (real HTTP);
`shopper` is a shop account linked to a new 7digital account (made through the
accounts app's own sign-up link), `card_shopper` the same with a good card stored.
"""

import uuid

import pytest
import requests
from django.core.cache import cache

from accounts.services import link_create_on_signup
from storefront.api import reset_client
from tests.checkout.races import CountingAdapter
from tests.checkout.support import PASSWORD, catalogue_items, register_card


@pytest.fixture
def shop(settings, sandbox_server):
    settings.SEVENDIGITAL_API_URL = sandbox_server.api_url
    settings.SEVENDIGITAL_CONSUMER_KEY = sandbox_server.consumer_key
    settings.SEVENDIGITAL_CONSUMER_SECRET = sandbox_server.consumer_secret
    reset_client()
    cache.clear()
    yield sandbox_server
    reset_client()


def new_shopper(django_user_model, *, linked: bool = True):
    email = f"checkout-{uuid.uuid4().hex[:12]}@example.com"
    user = django_user_model.objects.create_user(username=email, email=email, password=PASSWORD)
    if linked:
        link_create_on_signup(user=user, password=PASSWORD)
    return user


@pytest.fixture
def shopper(db, shop, django_user_model):
    return new_shopper(django_user_model)


@pytest.fixture
def card_shopper(shopper):
    register_card(shopper)
    return shopper


@pytest.fixture
def items(shop):
    """Two different releases on sale in GB (with a priced track each)."""
    return catalogue_items(2)


@pytest.fixture
def counted_api(shop):
    """The store's client sending through a CountingAdapter: what it sent, by path."""
    adapter = CountingAdapter()
    session = requests.Session()
    session.mount("http://", adapter)
    reset_client(session=session)
    yield adapter
    reset_client()
