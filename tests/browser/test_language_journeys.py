"""Switching language in a real browser, on the real sandbox: the same release page in
German, its price in the German format, the scripts' catalogue loaded, and back."""

import re

import pytest
from playwright.sync_api import Page, expect

from storefront.api import get_client

pytestmark = [pytest.mark.browser, pytest.mark.live_sandbox]


def test_switching_to_german_keeps_the_page_and_back_to_english(store: str, page: Page, screenshot):
    release = get_client().get_release_chart(period="week", country="GB", page_size=5).items[0]
    release_id = release.release.id
    page.goto(f"{store}/release/{release_id}/")
    languages = page.get_by_role("navigation", name="Language")
    expect(languages.get_by_role("link", name="English", exact=True)).to_have_attribute(
        "aria-current", "true"
    )

    languages.get_by_role("link", name="Deutsch").click()
    expect(page).to_have_url(re.compile(rf"/de/release/{release_id}/"))
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.locator(".package__price").first).to_contain_text(re.compile(r"\d,\d\d\s£"))
    page.wait_for_function("typeof window.gettext === 'function'")  # the catalogue ran
    screenshot("language-german")

    # The UK shop reads English: the switcher offers it, in English, on the German page.
    languages = page.locator("nav.languages")  # named "Sprache" now
    expect(languages.get_by_role("link", name="This page in English")).to_be_visible()
    languages.get_by_role("link", name="English", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(rf"{store}/release/{release_id}/$"))
    page.wait_for_load_state("networkidle")  # nothing in flight when the server stops


def test_a_german_browser_lands_on_german_pages(store: str, browser):
    context = browser.new_context(locale="de-DE")
    try:
        page = context.new_page()
        page.goto(f"{store}/charts/")
        expect(page).to_have_url(re.compile(r"/de/charts/$"))
        expect(page.locator("html")).to_have_attribute("lang", "de")
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
