"""Buying music in a real browser, on the real sandbox, from sign-up to the download.

Walk 1: sign up, search, preview, add a track to the basket, apply a voucher, pay with
PayPal (approving on the sandbox's PayPal page), receipt, locker, download; the file
is the MP3 of that track. Walk 2: pay with a card registered on the sandbox's hosted
card form.
"""

import re

import pytest
from mutagen.mp4 import MP4
from playwright.sync_api import Page, expect

from checkout.models import Purchase
from sevendigital import Release, Track
from storefront.api import get_client
from tests.accounts.conftest import PASSWORD, new_email

pytestmark = [
    pytest.mark.browser,
    pytest.mark.live_sandbox,
    pytest.mark.django_db(transaction=True),
]

TEST_CARD = "4111 1111 1111 1111"  # the sandbox's approving test card (docs/sandbox.md)


def charted_track() -> tuple[Release, Track]:
    """A release from the GB chart and its first track on sale."""
    client = get_client()
    for item in client.get_release_chart(period="week", country="GB", page_size=20):
        for track in client.get_release_tracks(release_id=item.release.id, country="GB"):
            if track.packages:
                return item.release, track
    raise AssertionError("the sandbox's chart has no track on sale")


def sign_up(page: Page, store: str) -> str:
    email = new_email("checkout")
    page.goto(store + "/accounts/signup/")
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.locator("h1")).to_have_text("My music")
    return email


def find_and_add(page: Page, release: Release, track: Track) -> None:
    """Search for the release, open it, preview the track and add it to the basket."""
    search = page.get_by_role("searchbox", name="Search artists, releases and tracks")
    search.fill(release.title)
    search.press("Enter")
    page.locator("#search-results a.card__link", has_text=release.title).first.click()
    expect(page.locator("h1")).to_contain_text(release.title)
    row = page.locator("#tracklist .track-row", has_text=track.title).first
    row.locator("button.play").click()
    page.wait_for_function(
        "() => { const a = document.querySelector('#player-audio');"
        " return !a.paused && a.currentTime > 0.2; }"
    )
    row.get_by_role("button", name=f"Add {track.title} to basket").click()
    expect(row.locator("[role=status]")).to_contain_text("Added")
    expect(page.locator("#basket-badge .badge")).to_have_text("1")


def downloaded_title(page: Page, release: Release) -> str:
    """Download the one owned track of the release from the locker in the format offered
    first, the best bought (AAC in M4A for the standard package); its title tag."""
    entry = page.locator("article.locker-release", has_text=release.title)
    expect(entry).to_be_visible()
    with page.expect_download() as download_info:
        entry.locator("form.locker-download button").first.click()
    assert download_info.value.suggested_filename.endswith(".m4a")
    path = download_info.value.path()
    with open(path, "rb") as media:
        assert media.read(12)[4:11] == b"ftypM4A"
    return MP4(path)["\xa9nam"][0]


def test_walk_paypal_with_a_voucher_to_the_download(store: str, page: Page, screenshot):
    release, track = charted_track()
    sign_up(page, store)
    find_and_add(page, release, track)

    page.locator("#basket-badge").click()
    expect(page.locator("h1")).to_have_text("Your basket")
    due_before = page.locator("[data-amount-due]").inner_text()
    page.get_by_label("Voucher code").fill("WELCOME10")
    page.get_by_role("button", name="Apply").click()
    expect(page.locator("#basket-panel")).to_contain_text("Voucher WELCOME10 applied")
    expect(page.locator("[data-amount-due]")).not_to_have_text(due_before)
    screenshot("basket-voucher")

    page.get_by_role("link", name="Checkout").click()
    expect(page.locator("h1")).to_have_text("Checkout")
    page.get_by_role("button", name="Pay with PayPal").click()
    expect(page).to_have_url(re.compile(r"/paypal/approve\?token=EC-"))
    page.get_by_role("button", name="Pay with PayPal (sandbox)").click()

    expect(page.locator("h1")).to_have_text("Confirm and pay")
    screenshot("paypal-confirm")
    page.get_by_role("button", name=re.compile("Confirm and pay")).click()
    expect(page.locator("h1")).to_contain_text("Thank you")
    screenshot("receipt")
    purchase = Purchase.objects.get()
    assert (purchase.status, purchase.method) == ("succeeded", "paypal")

    page.get_by_role("link", name="Go to your locker").click()
    expect(page.locator("h1")).to_have_text("My music")
    assert downloaded_title(page, release) == track.title


def test_walk_pay_with_a_registered_card(store: str, page: Page, screenshot):
    release, track = charted_track()
    sign_up(page, store)
    find_and_add(page, release, track)

    page.goto(store + "/checkout/")
    expect(page.locator("main")).to_contain_text("You have no saved card yet")
    page.get_by_role("button", name="Add a card").click()
    expect(page.locator("h1")).to_have_text("Add a payment card")
    page.get_by_label("Card number").fill(TEST_CARD)
    page.get_by_label("Name on the card").fill("Ada Lovelace")
    page.get_by_label("Month").first.fill("12")
    page.get_by_label("Year").first.fill("2035")
    page.get_by_label("Billing postcode").fill("N1 9GU")
    page.get_by_label("Security code (CVV)").fill("123")
    page.get_by_role("button", name="Add card").click()

    expect(page.locator("h1")).to_have_text("Checkout")
    expect(page.locator(".messages")).to_contain_text("Card VISA ending 1111 added")
    screenshot("checkout-card")
    page.get_by_role("button", name=re.compile(r"Pay .* with card")).click()
    expect(page.locator("h1")).to_contain_text("Thank you")
    assert Purchase.objects.get().method == "card"

    page.get_by_role("link", name="Go to your locker").click()
    assert downloaded_title(page, release) == track.title
