"""No open redirects: a `next` (or any target) on another site is never followed.

Sign-in, sign-out, the territory switch, the 7digital link's OAuth callback, PayPal's
return and the basket all take a place to go back to; each must stay on the shop,
whatever spelling of "elsewhere" it is given.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from accounts.services import link_create_on_signup
from checkout.services import basket_ref_for_user
from storefront.api import get_client, reset_client
from tests.accounts.oauth_support import authorise_on_sandbox, local_path
from tests.checkout.support import approve_on_paypal, catalogue_items

pytestmark = pytest.mark.django_db

PASSWORD = "tuneful-Otter-42"
ELSEWHERE = [
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    "https:evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
]


def assert_stays_on_site(target: str) -> None:
    assert target, "no redirect target"
    assert url_has_allowed_host_and_scheme(target, allowed_hosts={"testserver"}), target
    assert "evil.example" not in target and not target.startswith("javascript")


@pytest.fixture
def shopper(django_user_model):
    email = "redirects@example.com"
    return django_user_model.objects.create_user(username=email, email=email, password=PASSWORD)


@pytest.fixture
def live_api(settings, sandbox_server):
    settings.SEVENDIGITAL_API_URL = sandbox_server.api_url
    settings.SEVENDIGITAL_CONSUMER_KEY = sandbox_server.consumer_key
    settings.SEVENDIGITAL_CONSUMER_SECRET = sandbox_server.consumer_secret
    reset_client()
    yield sandbox_server
    reset_client()


@pytest.mark.parametrize("elsewhere", ELSEWHERE)
def test_sign_in_stays_on_the_site(client, shopper, elsewhere):
    """After signing in, an external `next` is replaced by the shop's own page."""
    data = {"login": shopper.email, "password": PASSWORD, "next": elsewhere}
    response = client.post(reverse("account_login"), data)
    assert response.status_code == 302
    assert_stays_on_site(response["Location"])


@pytest.mark.parametrize("elsewhere", ELSEWHERE)
def test_sign_out_stays_on_the_site(client, shopper, elsewhere):
    """Signing out with an external `next` lands on the shop."""
    client.force_login(shopper)
    response = client.post(reverse("account_logout"), {"next": elsewhere})
    assert response.status_code == 302
    assert_stays_on_site(response["Location"])


@pytest.mark.parametrize("elsewhere", ELSEWHERE)
def test_territory_switch_stays_on_the_site(client, elsewhere):
    """Switching territory goes back to `next` only when it is on the shop."""
    response = client.post(reverse("set-territory"), {"country": "US", "next": elsewhere})
    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.parametrize("elsewhere", ELSEWHERE[:2])
def test_territory_switch_from_htmx_stays_on_the_site(client, elsewhere):
    """The htmx answer's HX-Redirect is held to the same rule."""
    data = {"country": "US", "next": elsewhere}
    response = client.post(reverse("set-territory"), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert response["HX-Redirect"] == "/"


@pytest.mark.parametrize("elsewhere", ELSEWHERE[:3])
def test_basket_add_stays_on_the_site(client, elsewhere):
    """A refused basket change goes back to `next` only when it is on the shop."""
    response = client.post(reverse("basket-add"), {"release_id": "", "next": elsewhere})
    assert response.status_code == 302
    assert_stays_on_site(response["Location"])


@pytest.mark.live_sandbox
@pytest.mark.parametrize("elsewhere", ELSEWHERE[:3])
def test_link_callback_stays_on_the_site(client, shopper, live_api, elsewhere):
    """The 7digital sign-in round trip ends on the shop, whatever `next` it started with."""
    email, password = f"link-{elsewhere.count('/')}-{id(client)}@example.com", "seven-pw-123"
    get_client().signup_user(email_address=email, password=password)
    client.force_login(shopper)
    started = client.post(reverse("sevendigital-link-start"), {"next": elsewhere})
    assert started.status_code == 302
    callback = authorise_on_sandbox(started["Location"], email=email, password=password)
    finished = client.get(local_path(callback))
    assert finished.status_code == 302
    assert_stays_on_site(finished["Location"])


@pytest.mark.live_sandbox
def test_paypal_sends_the_shopper_back_to_the_shop_only(client, shopper, live_api):
    """PayPal's return address is the shop's own, and its answers redirect on the site."""
    link_create_on_signup(user=shopper, password=PASSWORD)
    client.force_login(shopper)
    client.post(reverse("basket-add"), {"release_id": catalogue_items(1)[0].release.id})
    basket_id = basket_ref_for_user(user=shopper).basket_id
    started = client.post(reverse("checkout-paypal"), {"basket_id": basket_id})
    back = approve_on_paypal(started["Location"])
    assert urlsplit(back).netloc == "testserver"
    page = client.get(f"{local_path(back)}&next=https://evil.example/")
    assert page.status_code == 200
    form = dict(re.findall(r'name="(\w+)" value="([^"]*)"', page.content.decode()))
    paid = client.post(reverse("checkout-paypal-return"), {**form, "next": "//evil.example/"})
    assert paid.status_code == 302
    assert_stays_on_site(paid["Location"])


def test_paypal_cancel_stays_on_the_site(client, shopper):
    """Cancelling on PayPal comes back to the shop's checkout, never elsewhere."""
    client.force_login(shopper)
    response = client.get(reverse("checkout-paypal-cancel"), {"next": "https://evil.example/"})
    assert response.status_code == 302
    assert_stays_on_site(response["Location"])


def test_a_forged_host_cannot_make_the_return_address(client, shopper):
    """Return addresses are built from the request's host: an unknown host is refused."""
    client.force_login(shopper)
    response = client.post(reverse("checkout-paypal"), {"basket_id": "1"}, HTTP_HOST="evil.example")
    assert response.status_code == 400
