"""User operations of the sandbox API: signup, create, details, authenticate, find, update."""

import secrets

import pytest
import requests
from lxml import etree
from requests_oauthlib import OAuth1

from sandbox.models import SandboxUser
from sandbox.oauth.tokens import issue_access_token
from tests.sandbox.basket_support import call, error, json_of, ok
from tests.sandbox.factories import assert_shape_recorded, make_country
from tests.sandbox.oauth_support import PASSWORD, make_consumer, make_user, oauth_failure, signed

pytestmark = [pytest.mark.django_db, pytest.mark.urls("sandbox.urls")]


@pytest.fixture
def user():
    return make_user("listener@example.com")


def as_user(client, method: str, path: str, consumer, user, **params):
    """A 3-legged call signed with user's access token at consumer."""
    token = issue_access_token(consumer=consumer, user=user)
    return signed(client, method, f"/1.2/{path}", consumer, params=params, token=token)


def managed(consumer, partner_user_id: str = "partner-42", **fields) -> SandboxUser:
    return SandboxUser.objects.create_user(
        partner_user_id=partner_user_id, created_by=consumer, **fields
    )


# --- user/signup ---------------------------------------------------------------------


def test_signup_answers_the_new_user(client, consumer):
    body = {"emailAddress": "new@example.com", "password": "s3cret-enough"}
    node = ok(call(client, "POST", "user/signup", consumer, **body))
    assert node.tag == "user"
    assert node.findtext("type") == "7digital"
    assert node.findtext("emailAddress") == "new@example.com"
    assert SandboxUser.objects.get(pk=node.get("id")).check_password("s3cret-enough")


def test_signup_has_the_recorded_shape(client, consumer):
    node = ok(
        call(
            client, "POST", "user/signup", consumer, emailAddress="a@example.com", password="abcdef"
        )
    )
    assert_shape_recorded(node, "user/signup/*.xml", "/response/user")


def test_signup_with_a_taken_email_is_2003(client, consumer, user):
    """Emails compare case-insensitively."""
    response = call(
        client,
        "POST",
        "user/signup",
        consumer,
        emailAddress="LISTENER@example.com",
        password="abcdef",
    )
    assert error(response)[1] == 2003


def test_signup_accepts_the_openapi_email_name(client, consumer):
    node = ok(
        call(client, "POST", "user/signup", consumer, email="alias@example.com", password="abcdef")
    )
    assert node.findtext("emailAddress") == "alias@example.com"


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"emailAddress": "not-an-email", "password": "abcdef"}, 1002),
        ({"emailAddress": "short@example.com", "password": "abc"}, 1002),
        ({"emailAddress": "nopass@example.com"}, 1001),
        ({"password": "abcdef"}, 1001),
    ],
)
def test_signup_checks_its_parameters(client, consumer, body, code):
    assert error(call(client, "POST", "user/signup", consumer, **body))[:2] == (400, code)


def test_signup_is_2_legged(client, consumer):
    response = client.post(
        "/1.2/user/signup", {"oauth_consumer_key": consumer.key, "emailAddress": "x@example.com"}
    )
    assert response.status_code == 401


# --- user/create (managed users) -----------------------------------------------------


def test_create_makes_a_managed_user(client, consumer):
    node = ok(call(client, "GET", "user/create", consumer, userId="partner-1", country="FR"))
    user = SandboxUser.objects.get(pk=node.get("id"))
    assert (user.partner_user_id, user.created_by, user.country_code) == (
        "partner-1",
        consumer,
        "FR",
    )
    assert not user.check_password("")


def test_create_with_an_existing_user_id_is_2003(client, consumer):
    managed(consumer, "partner-1")
    assert error(call(client, "GET", "user/create", consumer, userId="partner-1"))[1] == 2003


def test_the_same_user_id_at_another_partner_is_another_user(client, consumer):
    managed(make_consumer(), "partner-1")
    assert ok(call(client, "GET", "user/create", consumer, userId="partner-1")).tag == "user"


def test_create_takes_user_ids_up_to_255_characters(client, consumer):
    assert ok(call(client, "GET", "user/create", consumer, userId="u" * 255)).tag == "user"
    assert error(call(client, "GET", "user/create", consumer, userId="v" * 256))[1] == 1002


def test_create_with_a_taken_email_is_2003(client, consumer, user):
    response = call(client, "GET", "user/create", consumer, userId="p-2", emailAddress=user.email)
    assert error(response)[1] == 2003


def test_create_by_a_key_without_user_management_is_7002(client):
    make_country("GB")
    plain = make_consumer(can_manage_users=False)
    assert error(call(client, "GET", "user/create", plain, userId="p-3"))[:2] == (403, 7002)


# --- user/details --------------------------------------------------------------------


def test_details_of_the_token_user(client, consumer, user):
    node = ok(as_user(client, "GET", "user/details", consumer, user))
    assert node.get("id") == str(user.pk)
    assert node.findtext("emailAddress") == "listener@example.com"
    assert_shape_recorded(node, "user/details/*.xml", "/response/user")


def test_details_of_a_managed_user_by_user_id(client, consumer):
    person = managed(consumer, "partner-7", email="seven@example.com")
    node = ok(call(client, "GET", "user/details", consumer, userid="partner-7"))
    assert node.get("id") == str(person.pk)


def test_details_of_an_unknown_user_id_is_1002_with_400(client, consumer):
    """As the recording user/details/userid-invalid.xml."""
    status, code, message = error(call(client, "GET", "user/details", consumer, userId="invalid"))
    assert (status, code) == (400, 1002)
    assert message == "Value of parameter userId is not valid: invalid"


def test_details_of_another_partners_user_is_1002(client, consumer):
    managed(make_consumer(), "theirs")
    assert error(call(client, "GET", "user/details", consumer, userId="theirs"))[1] == 1002


def test_details_without_token_or_user_id_is_1001(client, consumer):
    assert error(call(client, "GET", "user/details", consumer))[1] == 1001


# --- user/authenticate ---------------------------------------------------------------


def test_authenticate_answers_the_user(client, consumer, user):
    response = call(
        client,
        "POST",
        "user/authenticate",
        consumer,
        emailaddress="Listener@Example.com",
        password=PASSWORD,
    )
    node = ok(response)
    assert node.get("id") == str(user.pk)
    assert_shape_recorded(node, "user/authenticate/*.xml", "/response/user")


def test_authenticate_with_a_wrong_password_is_1002(client, consumer, user):
    response = call(
        client, "POST", "user/authenticate", consumer, emailAddress=user.email, password="wrong!"
    )
    status, code, message = error(response)
    assert (status, code) == (400, 1002)
    assert "password" in message


def test_authenticate_an_unknown_email_is_2001(client, consumer):
    response = call(
        client,
        "POST",
        "user/authenticate",
        consumer,
        emailAddress="nobody@example.com",
        password="x",
    )
    assert error(response)[:2] == (404, 2001)


def test_authenticate_in_json(client, consumer, user):
    response = call(
        client,
        "POST",
        "user/authenticate",
        consumer,
        as_json=True,
        emailAddress=user.email,
        password=PASSWORD,
    )
    body = json_of(response)
    assert body["user"] == {"id": str(user.pk), "type": "7digital", "emailAddress": user.email}


# --- users (find) --------------------------------------------------------------------


def test_users_finds_by_email(client, consumer, user):
    users = ok(call(client, "GET", "users", consumer, emailAddress=user.email.upper()))
    assert users.tag == "users"
    assert users.xpath("user/@id") == [str(user.pk)]
    assert_shape_recorded(users.find("user"), "users/find/*.xml", "//users/user")


def test_users_with_no_match_is_an_empty_list(client, consumer):
    users = ok(call(client, "GET", "users", consumer, emailAddress="nobody@example.com"))
    assert len(users) == 0


def test_users_needs_an_email(client, consumer):
    assert error(call(client, "GET", "users", consumer))[1] == 1001


# --- users/{id}/update ---------------------------------------------------------------


def test_update_changes_the_callers_email(client, consumer, user):
    node = ok(
        as_user(
            client,
            "PUT",
            f"users/{user.pk}/update",
            consumer,
            user,
            emailAddress="moved@example.com",
        )
    )
    assert node.findtext("emailAddress") == "moved@example.com"
    user.refresh_from_db()
    assert user.email == "moved@example.com"


def test_update_changes_the_password(client, consumer, user):
    ok(as_user(client, "PUT", f"users/{user.pk}/update", consumer, user, password="brand-new-pw"))
    user.refresh_from_db()
    assert user.check_password("brand-new-pw")


def test_update_of_another_user_is_refused(client, consumer, user):
    other = make_user("other@example.com")
    response = as_user(
        client, "PUT", f"users/{other.pk}/update", consumer, user, emailAddress="x@example.com"
    )
    assert error(response)[:2] == (403, 7001)
    other.refresh_from_db()
    assert other.email == "other@example.com"


def test_partner_may_update_its_managed_user(client, consumer):
    """2-legged with userId acts for the managed user, who may update itself."""
    person = managed(consumer, "partner-9")
    response = call(
        client,
        "PUT",
        f"users/{person.pk}/update",
        consumer,
        userId="partner-9",
        emailAddress="nine@example.com",
    )
    assert ok(response).findtext("emailAddress") == "nine@example.com"


def test_token_user_of_a_partner_may_update_the_partners_managed_user(client, consumer, user):
    person = managed(consumer, "partner-10")
    response = as_user(
        client, "PUT", f"users/{person.pk}/update", consumer, user, password="set-by-partner"
    )
    assert ok(response).get("id") == str(person.pk)


def test_update_to_a_taken_email_is_2003(client, consumer, user):
    make_user("taken@example.com")
    response = as_user(
        client, "PUT", f"users/{user.pk}/update", consumer, user, emailAddress="TAKEN@example.com"
    )
    assert error(response)[1] == 2003


def test_update_with_nothing_to_change_is_1002(client, consumer, user):
    assert error(as_user(client, "PUT", f"users/{user.pk}/update", consumer, user))[1] == 1002


def test_update_of_an_unknown_user_is_2001(client, consumer, user):
    response = as_user(client, "PUT", "users/987654/update", consumer, user, password="abcdefg")
    assert error(response)[:2] == (404, 2001)


def test_update_needs_a_user(client, consumer, user):
    """3-legged: a 2-legged call without userId is an OAuth failure."""
    response = call(client, "PUT", f"users/{user.pk}/update", consumer, password="abcdefg")
    assert "no user credentials" in oauth_failure(response)


def test_update_is_a_put(client, consumer, user):
    response = as_user(
        client, "POST", f"users/{user.pk}/update", consumer, user, password="abcdefg"
    )
    assert response.status_code == 405


# --- over real HTTP ------------------------------------------------------------------


@pytest.mark.live_sandbox
def test_signup_sign_in_and_update_over_http(sandbox_server):
    """A signed form POST signs up, authenticates; a signed PUT body updates the user."""

    def payload(response):
        assert response.status_code == 200, response.text
        return etree.fromstring(response.content)[0]

    auth = OAuth1(sandbox_server.consumer_key, sandbox_server.consumer_secret)
    api = sandbox_server.api_url
    email = f"http-{secrets.token_hex(4)}@example.com"
    credentials = {"emailAddress": email, "password": "over-the-wire"}
    user_id = payload(
        requests.post(f"{api}/user/signup", data=credentials, auth=auth, timeout=10)
    ).get("id")
    signed_in = payload(
        requests.post(f"{api}/user/authenticate", data=credentials, auth=auth, timeout=10)
    )
    assert signed_in.get("id") == user_id

    partner_id = f"http-{secrets.token_hex(4)}"
    managed_id = payload(
        requests.get(f"{api}/user/create", params={"userId": partner_id}, auth=auth, timeout=10)
    ).get("id")
    body = {"userId": partner_id, "emailAddress": f"managed-{email}"}
    updated = payload(
        requests.put(f"{api}/users/{managed_id}/update", data=body, auth=auth, timeout=10)
    )
    assert updated.findtext("emailAddress") == f"managed-{email}"
