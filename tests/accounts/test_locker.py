"""The locker page, downloads and full-length streams, against a live sandbox.

The music bytes come from the sandbox: the store only answers with redirects, which
the tests follow with `requests` as a browser would.
"""

import zipfile
from io import BytesIO

import pytest
import requests
from cryptography.fernet import Fernet
from django.urls import reverse

from accounts import selectors
from accounts.models import SevenDigitalLink
from accounts.services import sevendigital_token_for
from sevendigital import UserToken
from storefront.api import get_client
from tests.accounts.conftest import make_shopper

pytestmark = [pytest.mark.django_db, pytest.mark.live_sandbox]


def is_mp3(body: bytes) -> bool:
    """An ID3 tag, or an MPEG frame sync at the start."""
    return body[:3] == b"ID3" or (len(body) > 1 and body[0] == 0xFF and body[1] & 0xE0 == 0xE0)


def download_form(owned, track_id=None, **extra):
    return {"release_id": owned.release.id, "track_id": track_id or owned.track_ids[0], **extra}


def use_up_downloads(user, owned, *, leave: int) -> None:
    """Download the first track directly until `leave` downloads are left."""
    entry = selectors.locker_entry(
        user=user, country="GB", release_id=owned.release.id, track_id=owned.track_ids[0]
    )
    for _ in range(entry.remaining_downloads - leave):
        assert requests.get(entry.download_urls[0].url, timeout=30).status_code == 200


def test_locker_lists_what_the_shopper_owns(client, linked_shopper, owned):
    """A release delivered to the shopper's 7digital locker is on the locker page."""
    client.force_login(linked_shopper)
    response = client.get(reverse("locker"))
    assert response.status_code == 200
    assert owned.release.title in response.content.decode()
    listed = response.context["listing"].releases
    assert [entry.release.id for entry in listed] == [owned.release.id]
    assert {t.track.id for t in listed[0].tracks} == set(owned.track_ids)


def test_owned_tracks_play_in_full_through_the_store(client, linked_shopper, owned):
    """Owned tracks carry the store's stream URL as `data-preview-url`."""
    client.force_login(linked_shopper)
    html = client.get(reverse("locker")).content.decode()
    stream = reverse("locker-stream", args=[owned.track_ids[0]])
    assert f'data-preview-url="{stream}"' in html


def test_locker_search_filters_by_words(client, linked_shopper, owned):
    """A search that matches nothing owned lists nothing; the title's words match it."""
    client.force_login(linked_shopper)
    missing = client.get(reverse("locker"), {"q": "zzzz-no-such-words"})
    assert missing.context["listing"].total == 0
    found = client.get(reverse("locker"), {"q": owned.release.title.split()[0].upper()})
    assert found.context["listing"].total == 1


def test_locker_is_read_once_a_minute(client, linked_shopper, owned, monkeypatch):
    """A second view of the locker within the minute makes no API call."""
    client.force_login(linked_shopper)
    client.get(reverse("locker"))
    calls = []
    original = get_client().get_user_locker
    monkeypatch.setattr(
        get_client(), "get_user_locker", lambda **kw: calls.append(kw) or original(**kw)
    )
    assert client.get(reverse("locker"), {"sort": "title"}).status_code == 200
    assert calls == []


def test_download_redirects_to_signed_mp3(client, linked_shopper, owned):
    """The download view answers a 302 to a signed URL whose bytes are an MP3."""
    client.force_login(linked_shopper)
    response = client.post(reverse("locker-download"), download_form(owned, format_id=17))
    assert response.status_code == 302
    media = requests.get(response["Location"], timeout=30)
    assert media.status_code == 200
    assert media.headers["Content-Type"] == "audio/mpeg"
    assert is_mp3(media.content)


def test_download_needs_a_post(client, linked_shopper, owned):
    """Downloads use up a download: a GET is refused."""
    client.force_login(linked_shopper)
    assert client.get(reverse("locker-download")).status_code == 405


def test_last_download_asks_for_confirmation(client, linked_shopper, owned):
    """With one download left the shopper is warned first; nothing is used up."""
    use_up_downloads(linked_shopper, owned, leave=1)
    client.force_login(linked_shopper)
    response = client.post(reverse("locker-download"), download_form(owned))
    assert response.status_code == 200
    assert "This is your last download" in response.content.decode()
    entry = selectors.locker_entry(
        user=linked_shopper, country="GB", release_id=owned.release.id, track_id=owned.track_ids[0]
    )
    assert entry.remaining_downloads == 1


def test_confirmed_last_download_is_served(client, linked_shopper, owned):
    """Confirming the warning downloads it."""
    use_up_downloads(linked_shopper, owned, leave=1)
    client.force_login(linked_shopper)
    form = download_form(owned, confirm="on", format_id=17)
    response = client.post(reverse("locker-download"), form)
    assert response.status_code == 302
    assert is_mp3(requests.get(response["Location"], timeout=30).content)


def test_no_downloads_left_is_explained(client, linked_shopper, owned):
    """Nothing left: back to the locker with a message, no redirect to the media."""
    use_up_downloads(linked_shopper, owned, leave=0)
    client.force_login(linked_shopper)
    response = client.post(reverse("locker-download"), download_form(owned), follow=True)
    assert "no downloads left" in response.content.decode()


def test_a_track_not_owned_is_refused(client, linked_shopper, owned):
    """A track id the shopper does not own gets a message, not a link."""
    client.force_login(linked_shopper)
    form = download_form(owned, track_id=999_999_999)
    response = client.post(reverse("locker-download"), form, follow=True)
    assert "not in your locker" in response.content.decode()


def test_release_download_is_a_zip_of_mp3s(client, linked_shopper, owned):
    """The whole release comes as a zip of the owned tracks, straight from the sandbox."""
    client.force_login(linked_shopper)
    form = {"release_id": owned.release.id}
    response = client.post(reverse("locker-download-release"), form)
    assert response.status_code == 302
    media = requests.get(response["Location"], timeout=60)
    archive = zipfile.ZipFile(BytesIO(media.content))
    names = archive.namelist()
    assert len(names) == len(owned.track_ids) + 1 and names[-1].endswith("/cover.jpg")
    assert is_mp3(archive.read(names[0]))  # no format asked: the standard package's first


def test_stream_redirects_to_a_fresh_signed_url_each_time(client, linked_shopper, owned):
    """Each request gets a new signed link (a signed link works once), all playable."""
    client.force_login(linked_shopper)
    url = reverse("locker-stream", args=[owned.track_ids[0]])
    first, second = client.get(url), client.get(url)
    assert first["Location"] != second["Location"]
    for response in (first, second):
        media = requests.get(response["Location"], timeout=30)
        assert media.status_code == 200
        assert is_mp3(media.content)


def test_unlinked_shoppers_are_sent_to_the_link_page(client, shopper):
    """No 7digital link: the locker page sends the shopper to link one."""
    client.force_login(shopper)
    response = client.get(reverse("locker"))
    assert response["Location"] == reverse("sevendigital-link")


def test_locker_needs_sign_in(client, db):
    """Signed-out visitors go to the sign-in page first."""
    response = client.get(reverse("locker"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_shopper_cannot_use_another_shoppers_token(linked_shopper, owned, django_user_model):
    """Tokens are per user: another linked shopper's locker is their own (empty)."""
    other = make_shopper(django_user_model, linked=True)
    locker = get_client().get_user_locker(token=sevendigital_token_for(user=other))
    assert len(locker) == 0


def test_a_token_7digital_no_longer_accepts_asks_to_link_again(client, shopper, live_api):
    """A revoked (here: unknown) token sends the shopper to link 7digital again."""
    link = SevenDigitalLink(user=shopper, sevendigital_user_id="999999", how="oauth")
    link.set_token(UserToken("no-such-token", "no-such-secret"))
    link.save()
    client.force_login(shopper)
    response = client.get(reverse("locker"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("sevendigital-link")
    assert "needs renewing" in response.content.decode()


def test_a_token_no_key_can_decrypt_asks_to_link_again(client, shopper, settings):
    """A token sealed with a key that was rotated away counts as not linked."""
    settings.TOKEN_ENCRYPTION_KEY = Fernet.generate_key().decode()
    link = SevenDigitalLink(user=shopper, sevendigital_user_id="999998", how="oauth")
    link.set_token(UserToken("token", "secret"))
    link.save()
    settings.TOKEN_ENCRYPTION_KEY = Fernet.generate_key().decode()
    client.force_login(shopper)
    response = client.get(reverse("locker"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("sevendigital-link")
    assert "needs renewing" in response.content.decode()


def test_two_shoppers_each_see_their_own_locker_copy(
    client, linked_shopper, owned, django_user_model
):
    """The locker copy is kept per shopper: another shopper's page, read while the
    first one's copy is warm, shows only what they own, and theirs stays theirs."""
    other = make_shopper(django_user_model, linked=True)
    client.force_login(linked_shopper)
    assert owned.release.title in client.get(reverse("locker")).content.decode()
    client.force_login(other)
    page = client.get(reverse("locker"))
    assert list(page.context["listing"].releases) == []
    assert owned.release.title not in page.content.decode()
    client.force_login(linked_shopper)
    listed = client.get(reverse("locker")).context["listing"].releases
    assert [entry.release.id for entry in listed] == [owned.release.id]
