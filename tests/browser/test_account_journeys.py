"""Shoppers' account journeys in a real browser, on the real sandbox: sign up, play
and download owned music, link an existing 7digital account, keep a wishlist.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from accounts.models import SevenDigitalLink
from storefront.api import get_client
from tests.accounts.conftest import PASSWORD, deliver, new_email

pytestmark = [
    pytest.mark.browser,
    pytest.mark.live_sandbox,
    pytest.mark.django_db(transaction=True),
]

FULL_TRACK_PLAYING = (
    "() => { const a = document.querySelector('#player-audio');"
    " return !a.paused && a.currentTime > 0.3 && a.duration > 31; }"
)


def charted_release():
    client = get_client()
    for item in client.get_release_chart(period="week", country="GB", page_size=10):
        return client.get_release_details(release_id=item.release.id, country="GB")
    raise AssertionError("the sandbox's chart is empty")


def sign_up(page: Page, store: str, email: str, screenshot=None) -> None:
    page.goto(store + "/accounts/signup/")
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    if screenshot:
        screenshot("signup")
    page.get_by_role("button", name="Create account").click()
    expect(page.locator("h1")).to_have_text("My music")


def test_sign_up_then_play_and_download_owned_music(store: str, page: Page, screenshot):
    """A new shopper's locker fills with what they own; it plays in full, downloads,
    and the live search narrows it down."""
    email = new_email("browser")
    sign_up(page, store, email, screenshot)
    release = charted_release()
    deliver(get_user_model().objects.get(email=email), release)

    page.reload()
    entry = page.locator("article.locker-release", has_text=release.title)
    expect(entry).to_be_visible()
    expect(entry.locator("img")).to_have_js_property("complete", True)
    screenshot("locker")

    entry.locator("[data-track]").first.click()
    page.wait_for_function(FULL_TRACK_PLAYING)

    # The best format bought is offered first: AAC in M4A for the standard package.
    with page.expect_download() as download_info:
        entry.locator("form.locker-download button").first.click()
    assert download_info.value.suggested_filename.endswith(".m4a")
    with open(download_info.value.path(), "rb") as media:
        assert media.read(12)[4:11] == b"ftypM4A"
    first_form = entry.locator("form.locker-download").first
    first_form.get_by_label(re.compile("^Format of")).select_option("17")  # MP3 320
    with page.expect_download() as download_info:
        first_form.get_by_role("button", name=re.compile("^Download")).click()
    with open(download_info.value.path(), "rb") as media:
        assert media.read(3) == b"ID3"
    expect(entry.locator(".downloads-left").nth(1)).to_have_text(re.compile(r"\d downloads? left"))

    page.get_by_label("Search your music").press_sequentially("zzqx", delay=30)
    expect(page.locator("#locker-results .results-count")).to_contain_text("0 of 1 release")
    expect(page).to_have_url(re.compile(r"q=zzqx"))


def test_linking_an_existing_account_through_sevendigital(store: str, page: Page, screenshot):
    """Sign up while the email has another 7digital password, then link it by signing in."""
    email = new_email("browser-link")
    get_client().signup_user(email_address=email, password="their-own-7d-password")
    page.goto(store + "/accounts/signup/")
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.locator(".messages")).to_contain_text("already uses this email address")

    page.goto(store + "/accounts/7digital/")
    screenshot("link")
    page.get_by_role("button", name="Sign in with 7digital").click()
    expect(page.locator("h1")).to_contain_text("to use your 7digital account")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill("their-own-7d-password")
    page.get_by_role("button", name="Allow").click()

    expect(page.locator("h1")).to_have_text("My music")
    expect(page.locator(".messages")).to_contain_text("is now linked")
    assert SevenDigitalLink.objects.get(user__email=email).how == "oauth"


def test_wishlist_toggle_on_a_release_page(store: str, page: Page, screenshot):
    """The wishlist button flips in place (htmx), and the release is on the wishlist page."""
    sign_up(page, store, new_email("browser-wish"))
    release = charted_release()
    page.goto(f"{store}/release/{release.id}/")
    button = page.get_by_role("button", name=re.compile("Add to wishlist"))
    button.click()
    expect(page.get_by_role("button", name=re.compile("On your wishlist"))).to_be_visible()
    screenshot("release-wished")
    page.get_by_role("link", name="Account").click()
    page.get_by_role("link", name="Wishlist").first.click()
    expect(page.locator(".wishlist")).to_contain_text(release.title)
