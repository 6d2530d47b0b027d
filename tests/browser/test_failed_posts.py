"""A boosted form whose POST fails keeps the shopper on the page, with what they typed,
and says what went wrong in the shop's words: never the browser's "HTTP ERROR 405"
from loading the POST's URL again with GET."""

import pytest
from allauth.account.forms import LoginForm
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TYPED = "someone-typed-this@example.com"


def sign_in_attempt(page: Page, store: str) -> None:
    page.goto(store + "/accounts/login/")
    page.locator("main").get_by_label("Email").fill(TYPED)
    page.locator("main").get_by_label("Password").fill("a password")
    page.locator("main form").get_by_role("button", name="Sign In", exact=True).click()


def test_a_server_error_keeps_the_form_and_says_so(page: Page, store, monkeypatch):
    def broken(form):
        raise RuntimeError("the sign-in broke (test)")

    monkeypatch.setattr(LoginForm, "clean", broken)
    requests = []
    page.on("request", lambda request: requests.append((request.method, request.url)))
    sign_in_attempt(page, store)

    alert = page.locator("#request-failed[role=alert]")
    expect(alert).to_contain_text("Sorry, something went wrong.", timeout=15_000)
    expect(alert).to_contain_text("What you entered is still here")
    expect(page.locator("main").get_by_label("Email")).to_have_value(TYPED)
    assert page.url == store + "/accounts/login/"
    assert requests[-1][0] == "POST"  # nothing loaded the POST's URL again with GET


def test_a_dropped_connection_keeps_the_form_and_says_so(page: Page, store):
    page.route(
        "**/accounts/login/",
        lambda route: route.abort() if route.request.method == "POST" else route.continue_(),
    )
    sign_in_attempt(page, store)
    alert = page.locator("#request-failed[role=alert]")
    expect(alert).to_contain_text("The shop could not be reached", timeout=15_000)
    expect(page.locator("main").get_by_label("Email")).to_have_value(TYPED)
