"""Fixtures for accounts tests: the store pointed at a live sandbox, shoppers, owned music.

`live_api` points the store's client at the `sandbox_server` process (real HTTP, its
own database), so sign-up, OAuth, the locker and downloads run as in production.
The sandbox keeps its users for the whole session: every shopper gets a new email.
"""

import uuid
from dataclasses import dataclass

import pytest
from django.core.cache import cache

from accounts.services import link_create_on_signup, locker_forget, sevendigital_token_for
from sevendigital import Release
from storefront.api import get_client, reset_client

PASSWORD = "tuneful-Otter-42"


def new_email(prefix: str = "shopper") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}@example.com"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters, cached lockers and catalogue reads start empty in each test."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def live_api(settings, sandbox_server):
    settings.SEVENDIGITAL_API_URL = sandbox_server.api_url
    settings.SEVENDIGITAL_CONSUMER_KEY = sandbox_server.consumer_key
    settings.SEVENDIGITAL_CONSUMER_SECRET = sandbox_server.consumer_secret
    reset_client()
    yield sandbox_server
    reset_client()


def make_shopper(django_user_model, *, email: str | None = None, linked: bool = False):
    email = email or new_email()
    user = django_user_model.objects.create_user(username=email, email=email, password=PASSWORD)
    if linked:
        link_create_on_signup(user=user, password=PASSWORD)
    return user


@pytest.fixture
def shopper(db, django_user_model):
    """A shop account with no 7digital link."""
    return make_shopper(django_user_model)


@pytest.fixture
def linked_shopper(db, live_api, django_user_model):
    """A shop account linked to a new 7digital account in the sandbox."""
    return make_shopper(django_user_model, linked=True)


@pytest.fixture
def sold_release(live_api) -> Release:
    """A release on sale in GB, with a price and tracks."""
    client = get_client()
    for entry in client.get_release_chart(page_size=20, country="GB"):
        release = client.get_release_details(release_id=entry.release.id, country="GB")
        if release.packages and release.packages[0].price:
            return release
    raise AssertionError("the sandbox catalogue has no priced release in GB")


@dataclass(frozen=True)
class Owned:
    release: Release
    track_ids: tuple[int, ...]


def deliver(user, release: Release, package_id: int | None = None) -> Owned:
    """Put a whole release in the shopper's locker (user/deliveritem credits it), as a
    sale made outside the shop: the cached locker is dropped as the shop's purchases do."""
    token = sevendigital_token_for(user=user)
    purchase = get_client().deliver_user_item(
        token=token, release_id=release.id, country="GB", package_id=package_id
    )
    locker_forget(user=user)
    track_ids = tuple(owned.track.id for entry in purchase.releases or () for owned in entry.tracks)
    return Owned(release=release, track_ids=track_ids)


@pytest.fixture
def owned(linked_shopper, sold_release) -> Owned:
    return deliver(linked_shopper, sold_release)
