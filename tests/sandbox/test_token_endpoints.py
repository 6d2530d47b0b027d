"""The 3-legged dance: token operations, the authorise page, and a real client end to end."""

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.test import Client
from django.utils import timezone
from lxml import etree
from requests_oauthlib import OAuth1Session

from sandbox.models import RequestToken
from sandbox.oauth import tokens
from sandbox.wire import THREE_LEGGED, el, operation
from tests.sandbox.oauth_support import PASSWORD, make_consumer, make_user, oauth_failure, signed

pytestmark = [pytest.mark.django_db, pytest.mark.urls("sandbox.urls")]

REQUEST_TOKEN = "/1.2/oauth/requesttoken"
ACCESS_TOKEN = "/1.2/oauth/accesstoken"
SHORTCUT = "/1.2/oauth/requestToken/authorise"
PAGE = "/oauth/authorise"
CALLBACK = "https://jukebox.example/oauth/done?from=7d"
Status = RequestToken.Status


@operation("tests/tokens/whoami", auth=THREE_LEGGED)
def whoami(api):
    """Test-only 3-legged operation: the email of the user the token acts for."""
    return el("whoami", api.user.email)


@pytest.fixture
def consumer():
    return make_consumer(name="Test Jukebox")


@pytest.fixture
def user():
    return make_user()


@pytest.fixture
def authorised(consumer, user):
    token = tokens.issue_request_token(consumer=consumer, callback_url=CALLBACK)
    return tokens.authorise_request_token(token=token, user=user)


def payload(response, tag: str) -> dict:
    assert response.status_code == 200, response.content
    node = etree.fromstring(response.content).find(tag)
    return {child.tag: child.text for child in node}


def test_request_token_answers_xml_by_default(client, consumer):
    """Without Accept the token comes in the XML envelope, callback registered."""
    response = signed(client, "POST", REQUEST_TOKEN, consumer, callback_uri=CALLBACK)
    body = payload(response, "oauth_request_token")
    token = RequestToken.objects.get(key=body["oauth_token"])
    assert (token.secret, token.callback_url, token.consumer) == (
        body["oauth_token_secret"],
        CALLBACK,
        consumer,
    )


@pytest.mark.parametrize("accept", ["application/x-www-form-urlencoded", "text/plain", "*/*"])
def test_request_token_answers_form_encoded_when_asked(client, consumer, accept):
    """Generic OAuth clients (Accept */*, form or text) get oauth_token=..&oauth_token_secret=.."""
    response = signed(client, "GET", REQUEST_TOKEN, consumer, headers={"Accept": accept})
    fields = parse_qs(response.content.decode())
    assert RequestToken.objects.filter(key=fields["oauth_token"][0]).exists()
    assert fields["oauth_callback_confirmed"] == ["true"]


def test_request_token_answers_json_when_asked(client, consumer):
    """Accept: application/json gives the JSON envelope."""
    response = signed(
        client, "GET", REQUEST_TOKEN, consumer, headers={"Accept": "application/json"}
    )
    assert set(response.json()["oauth_request_token"]) == {"oauth_token", "oauth_token_secret"}


def test_request_token_refuses_a_callback_that_is_not_a_web_url(client, consumer):
    """oauth_callback must be an absolute http(s) URL or 'oob'."""
    response = signed(client, "GET", REQUEST_TOKEN, consumer, callback_uri="javascript:alert(1)")
    assert response.status_code == 400
    assert etree.fromstring(response.content).find("error").get("code") == "1002"


def test_access_token_is_issued_once_for_an_authorised_request_token(client, consumer, authorised):
    """The exchange gives the user's access token; a second exchange is refused."""
    response = signed(client, "POST", ACCESS_TOKEN, consumer, token=authorised)
    body = payload(response, "oauth_access_token")
    assert authorised.user.access_tokens.get().key == body["oauth_token"]
    again = signed(client, "POST", ACCESS_TOKEN, consumer, token=authorised)
    assert oauth_failure(again) == "Request token already used"


def test_access_token_needs_the_user_to_have_authorised(client, consumer):
    """A pending request token cannot be exchanged."""
    token = tokens.issue_request_token(consumer=consumer)
    response = signed(client, "GET", ACCESS_TOKEN, consumer, token=token)
    assert oauth_failure(response) == "Request token has not been authorised"


def test_access_token_checks_a_verifier_when_one_is_sent(client, consumer, authorised):
    """A wrong oauth_verifier fails (7digital's 1.0 clients may send none)."""
    response = signed(client, "GET", ACCESS_TOKEN, consumer, token=authorised, verifier="nope")
    assert oauth_failure(response) == "Invalid verifier"


def test_access_token_refuses_an_expired_request_token(client, consumer, authorised):
    """Request tokens last an hour."""
    RequestToken.objects.filter(pk=authorised.pk).update(
        created=timezone.now() - timedelta(hours=2)
    )
    response = signed(client, "GET", ACCESS_TOKEN, consumer, token=authorised)
    assert oauth_failure(response) == "Request token expired"


def test_access_token_refuses_another_consumers_request_token(client, authorised):
    """A request token is exchanged only by the consumer it was issued to."""
    response = signed(client, "GET", ACCESS_TOKEN, make_consumer(), token=authorised)
    assert oauth_failure(response) == "Invalid request token"


def test_partner_shortcut_authorises_with_email_and_password(client, consumer, user):
    """requestToken/authorise answers an empty ok envelope and authorises the token."""
    token = tokens.issue_request_token(consumer=consumer)
    params = {"username": user.email.upper(), "password": PASSWORD, "token": token.key}
    response = signed(client, "GET", SHORTCUT, consumer, params=params)
    assert response.status_code == 200
    assert etree.fromstring(response.content).get("status") == "ok"
    token.refresh_from_db()
    assert (token.status, token.user) == (Status.AUTHORISED, user)


@pytest.mark.parametrize(
    ("username", "password", "status", "code"),
    [("listener@example.com", "wrong", 400, "1002"), ("nobody@example.com", PASSWORD, 404, "2001")],
)
def test_partner_shortcut_refuses_bad_credentials(
    client, consumer, user, username, password, status, code
):
    """A wrong password is a 1002, an unknown email a 2001; the token stays pending."""
    token = tokens.issue_request_token(consumer=consumer)
    params = {"username": username, "password": password, "token": token.key}
    response = signed(client, "GET", SHORTCUT, consumer, params=params)
    assert response.status_code == status
    assert etree.fromstring(response.content).find("error").get("code") == code
    token.refresh_from_db()
    assert token.status == Status.PENDING


def test_authorise_page_shows_the_app_and_a_labelled_form(client, consumer):
    """The page names the asking app and labels its email and password inputs."""
    token = tokens.issue_request_token(consumer=consumer, callback_url=CALLBACK)
    html = client.get(PAGE, {"oauth_token": token.key}).content.decode()
    assert "Test Jukebox" in html
    assert '<label for="id_email">' in html and '<label for="id_password">' in html
    assert "csrfmiddlewaretoken" in html


def test_authorise_page_under_the_consumer_key_accepts_only_that_keys_tokens(client, consumer):
    """/{consumerKey}/oauth/authorise (the URL the Node client builds) checks the key."""
    token = tokens.issue_request_token(consumer=consumer, callback_url=CALLBACK)
    own = client.get(f"/{consumer.key}{PAGE}", {"oauth_token": token.key})
    other = client.get(f"/{make_consumer().key}{PAGE}", {"oauth_token": token.key})
    assert (own.status_code, other.status_code) == (200, 400)


def test_authorise_page_refuses_an_unknown_token(client):
    """An unknown or expired token gets a clear 400 page."""
    response = client.get(PAGE, {"oauth_token": "no-such-token"})
    assert response.status_code == 400
    assert b"not valid" in response.content


def test_authorise_page_shows_the_form_again_on_a_wrong_password(client, consumer, user):
    """Bad credentials keep the user on the form with an error message."""
    token = tokens.issue_request_token(consumer=consumer, callback_url=CALLBACK)
    data = {"oauth_token": token.key, "email": user.email, "password": "x", "decision": "allow"}
    response = client.post(f"{PAGE}?oauth_token={token.key}", data)
    assert response.status_code == 200
    assert b'role="alert"' in response.content


def test_allowing_redirects_to_the_registered_callback(client, consumer, user):
    """Allow goes to the registered callback (not the URL's) with token, verifier, status."""
    token = tokens.issue_request_token(consumer=consumer, callback_url=CALLBACK)
    url = f"{PAGE}?oauth_token={token.key}&oauth_callback=https://evil.example/"
    data = {"email": user.email, "password": PASSWORD, "decision": "allow"}
    response = client.post(url, data)
    location = urlsplit(response["Location"])
    token.refresh_from_db()
    assert response.status_code == 302
    assert location.netloc == "jukebox.example"
    assert parse_qs(location.query) == {
        "from": ["7d"],
        "oauth_token": [token.key],
        "oauth_verifier": [token.verifier],
        "status": ["Authorised"],
    }


def test_denying_redirects_with_status_denied(client, consumer):
    """Deny needs no password and tells the app status=Denied."""
    token = tokens.issue_request_token(consumer=consumer, callback_url=CALLBACK)
    response = client.post(f"{PAGE}?oauth_token={token.key}", {"decision": "deny"})
    assert parse_qs(urlsplit(response["Location"]).query)["status"] == ["Denied"]
    token.refresh_from_db()
    assert token.status == Status.DENIED


def test_out_of_band_tokens_show_the_verifier(client, consumer, user):
    """With no callback registered the page shows the verifier to copy."""
    token = tokens.issue_request_token(consumer=consumer)
    data = {"email": user.email, "password": PASSWORD, "decision": "allow"}
    response = client.post(f"{PAGE}?oauth_token={token.key}", data)
    token.refresh_from_db()
    assert response.status_code == 200
    assert token.verifier in response.content.decode()


def test_authorise_form_is_csrf_protected(consumer, user):
    """A POST without the CSRF token is refused."""
    token = tokens.issue_request_token(consumer=consumer, callback_url=CALLBACK)
    data = {"email": user.email, "password": PASSWORD, "decision": "allow"}
    response = Client(enforce_csrf_checks=True).post(f"{PAGE}?oauth_token={token.key}", data)
    assert response.status_code == 403


def test_admin_lists_tokens_without_their_secrets(admin_client, authorised):
    """Token secrets never appear in the admin."""
    listing = admin_client.get("/admin/sandbox/requesttoken/").content.decode()
    detail = admin_client.get(f"/admin/sandbox/requesttoken/{authorised.pk}/change/")
    assert authorised.key in listing
    assert authorised.secret not in listing + detail.content.decode()


@pytest.mark.django_db(transaction=True)
def test_requests_oauthlib_completes_the_three_legged_dance(live_server):
    """fetch_request_token -> authorise page -> fetch_access_token -> a 3L call, over HTTP."""
    consumer, user = make_consumer(), make_user()
    session = OAuth1Session(consumer.key, client_secret=consumer.secret, callback_uri=CALLBACK)
    session.fetch_request_token(f"{live_server.url}{REQUEST_TOKEN}")
    authorise_url = session.authorization_url(f"{live_server.url}{PAGE}")

    browser = requests.Session()
    form = browser.get(authorise_url, timeout=10).text
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    data = {"csrfmiddlewaretoken": csrf, "email": user.email, "password": PASSWORD}
    decision = browser.post(
        authorise_url, {**data, "decision": "allow"}, allow_redirects=False, timeout=10
    )
    session.parse_authorization_response(decision.headers["Location"])

    session.fetch_access_token(f"{live_server.url}{ACCESS_TOKEN}")
    response = session.get(f"{live_server.url}/1.2/tests/tokens/whoami", timeout=10)
    assert response.status_code == 200, response.text
    assert etree.fromstring(response.content).findtext("whoami") == user.email
