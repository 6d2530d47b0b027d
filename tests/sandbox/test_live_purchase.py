"""A shopper's journey over real HTTP against the running sandbox: add a card on the
hosted form, buy a track with it, find it in the locker, download the MP3."""

import io
from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from lxml import etree
from mutagen.id3 import ID3

from tests.sandbox.live_support import LiveShopper, make_live_shopper

pytestmark = [pytest.mark.live_sandbox]

RETURN_URL = "http://shop.example/cards/added"


def api(server, shopper: LiveShopper, method: str, path: str, **params) -> etree._Element:
    """The payload of an ok answer to a 3-legged call (GET: query, POST: form body)."""
    where = "params" if method == "GET" else "data"
    response = requests.request(
        method,
        f"{server.api_url}/{path}",
        auth=shopper.auth(),
        timeout=30,
        **{where: params},
    )
    root = etree.fromstring(response.content)
    assert root.get("status") == "ok", response.content
    return root[0]


def test_card_form_purchase_locker_and_download(sandbox_server):
    """The whole card-to-download journey works through HTTP alone."""
    shopper = make_live_shopper(sandbox_server, releases=1)
    registration = api(
        sandbox_server, shopper, "POST", "user/payment/cardregistration", redirectUrl=RETURN_URL
    )
    form_url = f"{sandbox_server.url}/cardregistration/{registration.get('id')}"
    assert requests.get(form_url, timeout=30).status_code == 200
    fields = {
        "cardNumber": "5555 5555 5555 4444",
        "cardHolderName": "Live Tester",
        "cardExpiryMonth": "12",
        "cardExpiryYear": str(date.today().year + 3),
        "cardPostCode": "SW1A 1AA",
        "cardVerificationCode": "321",
    }
    back = requests.post(form_url, data=fields, allow_redirects=False, timeout=30)
    assert back.status_code == 302
    registration_id = parse_qs(urlsplit(back.headers["Location"]).query)["cardRegistrationId"][0]
    status = api(sandbox_server, shopper, "GET", f"user/payment/cardregistration/{registration_id}")
    assert status.get("status") == "complete"
    assert status.findtext("card/type") == "MASTERCARD"

    track_id = shopper.track_ids[0]
    purchase = api(
        sandbox_server,
        shopper,
        "GET",
        "user/purchase/item",
        releaseId=shopper.release_ids[0],
        trackId=track_id,
    )
    assert purchase.find(".//lockerTrack/track").get("id") == str(track_id)

    locker = api(sandbox_server, shopper, "GET", "user/locker", trackId=track_id)
    url = locker.findtext(".//downloadUrl/url")
    download = requests.get(url, timeout=60)
    assert download.status_code == 200
    assert download.headers["Content-Type"] == "audio/mpeg"
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert str(ID3(io.BytesIO(download.content))["TIT2"])
    after = api(sandbox_server, shopper, "GET", "user/locker", trackId=track_id)
    assert after.findtext(".//remainingDownloads") == "2"
