"""The locker while the API misbehaves: a page that says the music is safe, and a
download that fails with a message without using up one of the track's downloads."""

import pytest
from django.contrib.messages import get_messages

from accounts.views.locker import UNAVAILABLE
from tests.faults.support import (
    assert_no_crash,
    direct_client,
    downloads_left,
    shop_customer,
    tracks_for_sale,
)

pytestmark = [pytest.mark.faults, pytest.mark.live_sandbox, pytest.mark.django_db]

FAULTS = ("latency", "reset", "503", "malformed", "429", "hang")
LOCKER_DOWN = b"Your music cannot be reached just now"


@pytest.fixture(scope="module")
def owned(account, sandbox_server):
    """A track the module's customer bought (straight from 7digital)."""
    direct = direct_client(sandbox_server)
    item = tracks_for_sale(direct, 1)[0]
    direct.purchase_user_item(
        token=account.token, release_id=item.release_id, track_id=item.track_id, price=item.price
    )
    return item


@pytest.fixture
def owner(store, client, account, owned):
    """The customer, signed in to the shop."""
    client.force_login(shop_customer(account))
    return account, owned


@pytest.mark.parametrize("mode", FAULTS)
def test_locker_page_says_the_music_is_safe(mode, owner, store, client):
    store.inject(mode)
    response = client.get("/accounts/locker/")
    assert_no_crash(response)
    assert response.status_code == 503
    assert LOCKER_DOWN in response.content


@pytest.mark.parametrize("mode", FAULTS)
def test_download_fails_with_a_message_and_loses_no_download(mode, owner, store, client, direct):
    """The download answers a way back to the locker with the message; the track has
    as many downloads left as before."""
    account, item = owner
    left = downloads_left(direct, account.token, item.track_id)
    store.inject(mode)
    fields = {"release_id": item.release_id, "track_id": item.track_id}
    response = client.post("/accounts/locker/download/", fields)
    store.heal()
    assert_no_crash(response)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/locker/"
    assert [str(message) for message in get_messages(response.wsgi_request)] == [UNAVAILABLE]
    assert downloads_left(direct, account.token, item.track_id) == left
