"""OAuth 1.0 signing, parameters and bodies of the requests the client sends."""

from datetime import date
from urllib.parse import parse_qsl

import pytest
import requests

from sevendigital import OAuthToken, UserToken

from .fakes import (
    BASKET_XML,
    CONSUMER_SECRET,
    RELEASE_XML,
    TOKEN_SECRET,
    envelope,
    error_envelope,
    make_client,
)
from .oauth_check import form_body, oauth_params, query_of, signature_is_valid, text_headers

USER = UserToken("user-access-token", TOKEN_SECRET)
LOCKER_XML = envelope("<locker><lockerReleases><page>1</page></lockerReleases></locker>")


def test_key_only_operation_is_signed_two_legged():
    """A catalogue read carries the consumer key and a valid consumer-only signature."""
    h = make_client()
    h.adapter.reply(RELEASE_XML)
    h.client.get_release_details(release_id=12)
    params = oauth_params(h.last)
    assert params["oauth_consumer_key"] == "7dtestkey001"
    assert params["oauth_signature_method"] == "HMAC-SHA1"
    assert "oauth_token" not in params
    assert signature_is_valid(h.last)
    assert not signature_is_valid(h.last, consumer_secret="wrong-secret")


def test_three_legged_operation_is_signed_with_the_user_token():
    """A per-user call carries the access token and is signed with its secret too."""
    h = make_client()
    h.adapter.reply(LOCKER_XML)
    h.client.get_user_locker(token=USER, page=2)
    assert oauth_params(h.last)["oauth_token"] == "user-access-token"
    assert signature_is_valid(h.last, token_secret=TOKEN_SECRET)
    assert not signature_is_valid(h.last, token_secret="other")


def test_post_parameters_go_in_a_signed_form_body():
    """POST parameters travel form-encoded in the body, and the signature covers them."""
    h = make_client(country="GB")
    h.adapter.reply(BASKET_XML)
    h.client.apply_basket_voucher(basket_id="b-1", voucher_code="SUMMER25")
    assert h.last.method == "POST"
    assert text_headers(h.last)["Content-Type"] == "application/x-www-form-urlencoded"
    assert dict(parse_qsl(form_body(h.last))) == {"basketId": "b-1", "voucherCode": "SUMMER25"}
    assert query_of(h.last) == {}
    assert signature_is_valid(h.last)
    h.last.body = h.last.body.replace(b"SUMMER25", b"WINTER99")
    assert not signature_is_valid(h.last)


def test_put_update_user_sends_path_id_and_form_body():
    """users/{id}/update is a PUT with the id in the path and fields in the body."""
    h = make_client()
    h.adapter.reply(envelope('<user id="42"><emailAddress>new@example.com</emailAddress></user>'))
    user = h.client.update_user(token=USER, user_id=42, email_address="new@example.com")
    assert (h.last.method, h.last.path_url) == ("PUT", "/1.2/users/42/update")
    assert dict(parse_qsl(form_body(h.last))) == {"emailAddress": "new@example.com"}
    assert signature_is_valid(h.last, token_secret=TOKEN_SECRET)
    assert user.email_address == "new@example.com"


def test_keywords_are_sent_with_the_api_camel_case_names():
    """snake_case keywords become camelCase parameters; lists, dates, bools are formatted."""
    h = make_client()
    h.adapter.reply(envelope("<releases/>"))
    h.client.get_artist_releases(
        artist_id=1,
        page_size=20,
        usage_types=["download", "subscriptionstreaming"],
        streamable=True,
    )
    assert query_of(h.last) == {
        "artistId": "1",
        "pageSize": "20",
        "usageTypes": "download,subscriptionstreaming",
        "streamable": "true",
    }
    h.adapter.reply(envelope("<releases/>"))
    h.client.get_releases_by_date(from_date=date(2024, 1, 31), to_date="20240229")
    assert query_of(h.last) == {"fromDate": "20240131", "toDate": "20240229"}


def test_ip_address_is_sent_as_ipaddress():
    """country/resolve takes `ipaddress` on the wire (the spec's `ip` is wrong)."""
    h = make_client()
    h.adapter.reply(envelope("<GeoIpLookup><countryCode>GB</countryCode></GeoIpLookup>"))
    assert h.client.resolve_country_for_ip(ip_address="84.45.95.241").country_code == "GB"
    assert query_of(h.last) == {"ipaddress": "84.45.95.241"}


def test_default_country_is_added_to_territorial_calls_only():
    """The client's country rides along on catalogue/basket calls, never on account ones."""
    h = make_client(country="GB")
    h.adapter.reply(RELEASE_XML).reply(RELEASE_XML).reply(RELEASE_XML)
    h.client.get_release_details(release_id=1)
    assert query_of(h.last)["country"] == "GB"
    h.client.get_release_details(release_id=1, country="FR")
    assert query_of(h.last)["country"] == "FR"
    h.client.get_release_details(release_id=1, shop_id=34)
    assert "country" not in query_of(h.last)
    h.adapter.reply(envelope('<user id="1"/>'))
    h.client.update_user(token=USER, user_id=1, email_address="a@b.c")
    assert "country" not in dict(parse_qsl(form_body(h.last)))


def test_query_signature_type_puts_oauth_parameters_in_the_query():
    """signature_type="query" signs in the query string, with no Authorization header."""
    h = make_client(signature_type="query")
    h.adapter.reply(RELEASE_XML)
    h.client.get_release_details(release_id=12)
    assert "Authorization" not in text_headers(h.last)
    assert query_of(h.last)["oauth_consumer_key"] == "7dtestkey001"
    assert signature_is_valid(h.last)


def test_three_legged_call_without_a_user_is_refused_before_sending():
    """A per-user call needs token= (or user_id= for managed users)."""
    h = make_client()
    with pytest.raises(ValueError, match="token="):
        h.client.get_user_locker()
    assert h.adapter.sent == []


def test_managed_user_call_is_signed_two_legged_with_user_id():
    """With user_id and no token the call is consumer-signed and names the user."""
    h = make_client()
    h.adapter.reply(LOCKER_XML)
    h.client.get_user_locker(user_id="partner-user-9")
    assert query_of(h.last)["userId"] == "partner-user-9"
    assert "oauth_token" not in oauth_params(h.last)
    assert signature_is_valid(h.last)


def test_path_arguments_are_escaped():
    """A path argument cannot add path segments."""
    h = make_client()
    h.adapter.reply(envelope('<cardRegistration id="a/b" status="pending"/>'))
    registration = h.client.get_user_card_registration(token=USER, registration_id="a/b")
    assert h.last.path_url == "/1.2/user/payment/cardregistration/a%2Fb"
    assert registration.status == "pending"


def test_request_token_is_read_from_a_form_encoded_body():
    """oauth/requesttoken: consumer-signed, callback signed in, form answer read."""
    h = make_client()
    h.adapter.reply("oauth_token=req-1&oauth_token_secret=req-secret")
    token = h.client.get_request_token(callback="https://shop.test/callback")
    assert token == OAuthToken("req-1", "req-secret")
    assert h.last.path_url.startswith("/1.2/oauth/requesttoken")
    assert oauth_params(h.last)["oauth_callback"] == "https://shop.test/callback"
    assert signature_is_valid(h.last)


def test_access_token_is_signed_with_the_request_token_and_read_from_xml():
    """oauth/accesstoken: signed with the request token; the XML answer is read."""
    h = make_client()
    h.adapter.reply(
        envelope(
            "<oauth_access_token><oauth_token>acc-1</oauth_token>"
            "<oauth_token_secret>acc-secret</oauth_token_secret></oauth_access_token>"
        )
    )
    token = h.client.get_access_token(OAuthToken("req-1", "req-secret"))
    assert token == OAuthToken("acc-1", "acc-secret")
    assert oauth_params(h.last)["oauth_token"] == "req-1"
    assert signature_is_valid(h.last, token_secret="req-secret")


def test_partner_authorise_sends_credentials_and_raises_refusals():
    """oauth/requestToken/authorise sends username/password/token; an error raises."""
    h = make_client()
    h.adapter.reply(envelope())
    h.client.authorise_request_token(request_token="req-1", username="u@x.y", password="pw")
    assert query_of(h.last) == {"username": "u@x.y", "password": "pw", "token": "req-1"}
    assert h.last.path_url.startswith("/1.2/oauth/requestToken/authorise")
    h.adapter.reply(error_envelope(1002, "Invalid credentials"), status=400)
    with pytest.raises(Exception, match="Invalid credentials"):
        h.client.authorise_request_token(request_token="req-1", username="u", password="bad")


def test_authorise_url_defaults_to_the_site_of_the_api():
    """The authorise page is {site}/oauth/authorise, configurable via authorise_url."""
    h = make_client()
    url = h.client.build_authorise_url(OAuthToken("req-1", "s"), callback="https://shop.test/cb")
    assert url == (
        "http://api.test/oauth/authorise?oauth_token=req-1"
        "&oauth_callback=https%3A%2F%2Fshop.test%2Fcb"
    )
    custom = make_client(authorise_url="https://account.test/key/oauth/authorise")
    assert custom.client.build_authorise_url("t").startswith("https://account.test/key/oauth/")
    real = make_client(base_url="https://api.7digital.com/1.2")
    assert real.client.build_authorise_url("t").startswith(
        "https://account.7digital.com/7dtestkey001/oauth/authorise?"
    )


def test_json_format_asks_for_json_and_parses_it():
    """format="json" sends Accept: application/json and reads the JSON answer."""
    h = make_client(format="json", user_agent="shop/2.0")
    h.adapter.reply('{"status": "ok", "release": {"id": "5", "title": "Json"}}')
    assert h.client.get_release_details(release_id=5).title == "Json"
    assert text_headers(h.last)["Accept"] == "application/json"
    assert text_headers(h.last)["User-Agent"] == "shop/2.0"
    assert CONSUMER_SECRET not in str(h.last.headers)


def test_signed_url_is_a_valid_presigned_get():
    """signed_url puts a valid signature in the query of a media URL, 3-legged if asked."""
    h = make_client()
    url = h.client.signed_url("http://media.test/download?formatid=17", token=USER, track_id=5)
    prepared = requests.Request("GET", url).prepare()
    assert query_of(prepared)["formatid"] == "17"
    assert query_of(prepared)["trackId"] == "5"
    assert query_of(prepared)["oauth_token"] == "user-access-token"
    assert signature_is_valid(prepared, token_secret=TOKEN_SECRET)
    assert not signature_is_valid(prepared, token_secret="other")
