"""Writes about the shopper's locker: the store keeps a copy (accounts.selectors);
after a download or a purchase that copy must go."""

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.cache import cache

from accounts.selectors import locker_cache_key


def locker_forget(*, user: AbstractBaseUser) -> None:
    """Drop the shopper's cached locker (after a download or a purchase)."""
    countries = {*settings.STORE_TERRITORIES, settings.SEVENDIGITAL_DEFAULT_COUNTRY}
    cache.delete_many([locker_cache_key(user.pk, country) for country in countries])
