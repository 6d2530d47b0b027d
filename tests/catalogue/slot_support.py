"""Editorial slot tests' helpers: the store on the live sandbox, and catalogue picks."""

import pytest
from django.core.cache import cache

from sevendigital import Release
from storefront.api import get_client, reset_client

UNAVAILABLE_SQL = """
from sandbox.models import Release
release = Release.objects.exclude(unavailable_in="").order_by("id").first()
print(release.pk, release.unavailable_in.split(",")[0])
"""


@pytest.fixture
def live_store(settings, sandbox_server):
    """The store's client pointed at the sandbox process (real HTTP, OAuth), cold cache."""
    settings.SEVENDIGITAL_API_URL = sandbox_server.api_url
    settings.SEVENDIGITAL_CONSUMER_KEY = sandbox_server.consumer_key
    settings.SEVENDIGITAL_CONSUMER_SECRET = sandbox_server.consumer_secret
    settings.SEVENDIGITAL_DEFAULT_COUNTRY = "GB"
    cache.clear()
    reset_client()
    yield sandbox_server
    cache.clear()
    reset_client()


def charted_release(country: str = "GB") -> Release:
    """A release on sale in `country`, with its full details (cover, year, shop URL)."""
    client = get_client()
    entry = client.get_release_chart(period="week", country=country, page_size=1).items[0]
    return client.get_release_details(release_id=entry.release.id, country=country)


def release_not_sold_somewhere(server) -> tuple[int, str]:
    """A sandbox release's id and a territory where it is not on sale."""
    release_id, country = server.manage("shell", "-c", UNAVAILABLE_SQL).split()[-2:]
    return int(release_id), country
