"""Shopping end to end in German and in Japanese, in a real browser on the real sandbox.

Each walk is a browser whose language (Accept-Language) is de-DE, resp. ja-JP, in the
territory that reads it (DE: euros; JP: yen), from a first visit to "/" to the order
confirmation e-mail. Expected texts come from the shop's catalogues
(`translation.override`), never written here, and each must differ from the English,
so a walk fails when a catalogue is missing or a text is not translated.
"""

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.utils import translation
from django.utils.translation import gettext, pgettext
from playwright.sync_api import Browser, Page, expect

from catalogue.templatetags.store import SEARCH_TABS
from checkout.models import Purchase
from sevendigital import Release
from storefront.api import get_client
from storefront.money import format_money
from tests.accounts.conftest import PASSWORD, new_email
from tests.browser.conftest import STEP_SECONDS
from tests.browser.test_checkout_journeys import TEST_CARD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.live_sandbox,
    pytest.mark.django_db(transaction=True),
]

# Prices as Babel writes them (CLDR): "7,99 €" (no-break space), "￥1,500" (no decimals).
EUROS_IN_GERMAN = re.compile(r"\d+,\d\d\s€")
YEN_IN_JAPANESE = re.compile(r"[￥¥][\d,]+(?![.\d])")


def t(language: str, message: str, context: str | None = None, **values: object) -> str:
    """`message` in `language` from the shop's catalogues; it must not be the English."""
    with translation.override(language):
        text = pgettext(context, message) if context else gettext(message)
    assert text != message, f"{message!r} is not translated into {language}"
    return text % values if values else text


@dataclass(frozen=True)
class Locale:
    language: str  # the URL prefix and catalogue
    browser: str  # the browser's locale (Accept-Language)
    territory: str  # the shop territory
    price: re.Pattern[str]


GERMAN = Locale("de", "de-DE", "DE", EUROS_IN_GERMAN)
JAPANESE = Locale("ja", "ja-JP", "JP", YEN_IN_JAPANESE)


@pytest.fixture
def open_page(browser: Browser, store: str, settings) -> Iterator:
    """A page of a new browser in `locale`, shopping in its territory (the store on
    loopback takes the default territory)."""
    contexts = []

    def open_(locale: Locale) -> Page:
        settings.SEVENDIGITAL_DEFAULT_COUNTRY = locale.territory
        context = browser.new_context(
            locale=locale.browser, viewport={"width": 1366, "height": 900}
        )
        context.set_default_timeout(STEP_SECONDS * 1000)
        context.set_default_navigation_timeout(STEP_SECONDS * 1000)
        contexts.append(context)
        return context.new_page()

    yield open_
    for context in contexts:
        context.close()


def release_on_sale(country: str) -> Release:
    """A release of the territory's chart with a price."""
    client = get_client()
    for item in client.get_release_chart(period="week", country=country, page_size=20):
        if item.release.price or item.release.packages:
            return item.release
    raise AssertionError(f"the sandbox's {country} chart has no release on sale")


def japanese_artist(sandbox_server) -> tuple[str, int]:
    """The most popular artist of the sandbox's catalogue written in kana or kanji whose
    releases sell in Japan: (name, artist id)."""
    found = sandbox_server.manage(
        "shell",
        "-c",
        "from sandbox.models import Artist\n"
        "for a in Artist.objects.order_by('-popularity', 'id'):\n"
        "    if a.releases.exclude(unavailable_in__contains='JP').exists():\n"
        "        print(a.id, a.name)",
    )
    for line in found.splitlines():
        artist_id, _, name = line.partition(" ")
        if any(unicodedata.name(c, "").startswith(("CJK", "HIRAGANA", "KATAKANA")) for c in name):
            return name, int(artist_id)
    raise AssertionError("the sandbox's catalogue has no Japanese-named artist")


def first_visit(page: Page, store: str, locale: Locale) -> None:
    """ "/" with no cookies lands on the home page in the browser's language."""
    assert not page.context.cookies()
    page.goto(store + "/")
    expect(page).to_have_url(f"{store}/{locale.language}/")
    expect(page.locator("html")).to_have_attribute("lang", locale.language)
    language = locale.language
    browse = page.get_by_role("navigation", name=t(language, "Browse"))
    # "Charts" and "Genres" are German words too: the translated navigation is proven by
    # "New & notable" and "Artists A-Z" (en dash), which no language here writes as
    # English does.
    for word in ("New & notable", "Artists A\u2013Z"):
        expect(browse.get_by_role("link", name=t(language, word), exact=True)).to_be_visible()
    search = page.get_by_role("searchbox", name=t(language, "Search artists, releases and tracks"))
    expect(search).to_have_attribute("placeholder", t(language, "Search music"))
    expect(page.locator("#basket-badge")).to_contain_text(t(language, "Basket"))


def sign_up(page: Page, store: str, language: str) -> str:
    email = new_email(f"journey-{language}")
    page.goto(f"{store}/{language}/accounts/signup/")
    page.get_by_label(t(language, "Email"), exact=True).fill(email)
    page.get_by_label(t(language, "Password"), exact=True).fill(PASSWORD)
    page.get_by_label(t(language, "Password (again)")).fill(PASSWORD)
    page.get_by_role("button", name=t(language, "Create account")).click()
    expect(page.locator("h1")).to_have_text(t(language, "My music"))
    expect(page).to_have_url(re.compile(rf"/{language}/"))
    return email


def add_from_release_page(page: Page, locale: Locale, title: str) -> None:
    """On a release page: its prices in the locale's format; add it to the basket."""
    language = locale.language
    expect(page.locator("h1")).to_contain_text(title)
    expect(page.locator("#tracklist-heading")).to_have_text(t(language, "Tracklist"))
    expect(page.locator(".package__price").first).to_have_text(locale.price)
    add = page.locator(".packages .buy form[hx-post] button").first
    expect(add).to_contain_text(t(language, "Add to basket"))
    add.click()
    expect(page.locator(".packages .buy__status").first).to_contain_text(t(language, "View basket"))
    expect(page.locator("#basket-badge .badge")).to_have_text("1")


def pay_by_card(page: Page, locale: Locale) -> Purchase:
    """Basket, checkout, a card on 7digital's hosted form (the sandbox's, in English like
    7digital's), pay; the receipt. The purchase."""
    language = locale.language
    page.locator("#basket-badge").click()
    expect(page).to_have_url(re.compile(rf"/{language}/basket/"))
    expect(page.locator("h1")).to_have_text(t(language, "Your basket"))
    expect(page.locator("[data-amount-due]")).to_have_text(locale.price)

    page.get_by_role("link", name=t(language, "Checkout"), exact=True).click()
    expect(page.locator("h1")).to_have_text(t(language, "Checkout"))
    expect(page.locator("main")).to_contain_text(t(language, "You have no saved card yet."))
    page.get_by_role("button", name=t(language, "Add a card")).click()
    page.get_by_label("Card number").fill(TEST_CARD)
    page.get_by_label("Name on the card").fill("Ada Lovelace")
    page.get_by_label("Month").first.fill("12")
    page.get_by_label("Year").first.fill("2035")
    page.get_by_label("Billing postcode").fill("N1 9GU")
    page.get_by_label("Security code (CVV)").fill("123")
    page.get_by_role("button", name="Add card").click()

    expect(page).to_have_url(re.compile(rf"/{language}/checkout/"))
    expect(page.locator("h1")).to_have_text(t(language, "Checkout"))
    with translation.override(language):
        pay = gettext("Pay %(amount)s with card")
    before, _, after = pay.partition("%(amount)s")
    assert pay != "Pay %(amount)s with card", f"the pay button is not translated into {language}"
    button = page.get_by_role(
        "button",
        name=re.compile(re.escape(before) + locale.price.pattern + re.escape(after)),
    )
    button.click()
    expect(page.locator("h1")).to_have_text(t(language, "Thank you: it\u2019s yours"))
    expect(page).to_have_url(re.compile(rf"/{language}/"))
    purchase = Purchase.objects.get()
    assert (purchase.status, purchase.method, purchase.country) == (
        "succeeded",
        "card",
        locale.territory,
    )
    total = format_money(purchase.total_money, language)
    assert locale.price.fullmatch(total), total
    expect(page.locator("main")).to_contain_text(total)
    return purchase


def check_confirmation(mailoutbox, email: str, purchase: Purchase, language: str) -> None:
    """The order confirmation went out once, in the shopper's language, its prices too
    (the outbox also holds the sign-up's address confirmation)."""
    orders = [message for message in mailoutbox if purchase.key in message.subject]
    assert [message.to for message in orders] == [[email]]
    message = orders[0]
    assert message.subject == t(language, "Your Crate order %(number)s", number=purchase.key)
    total = format_money(purchase.total_money, language)
    thanks = t(language, "Thank you for your order. Your music is ready to download.")
    assert thanks in message.body
    assert f"{t(language, 'Total')}: {total}" in message.body
    assert f"/{language}/" in message.body  # its links lead to pages in that language
    html, mime = message.alternatives[0]
    assert mime == "text/html"
    assert f'lang="{language}"' in html
    assert total in html


def test_german_shopper_from_first_visit_to_the_confirmation(
    store: str, open_page, mailoutbox, screenshot
):
    release = release_on_sale("DE")
    page = open_page(GERMAN)
    first_visit(page, store, GERMAN)

    email = sign_up(page, store, "de")
    search = page.get_by_role("searchbox", name=t("de", "Search artists, releases and tracks"))
    search.fill(release.title)
    search.press("Enter")
    expect(page).to_have_url(re.compile(r"/de/search/\?"))
    results = page.locator("#search-results")
    expect(results.get_by_role("link", name=str(t("de", "Releases")))).to_be_visible()
    results.locator("a.card__link", has_text=release.title).first.click()
    expect(page).to_have_url(re.compile(rf"/de/release/{release.id}/"))
    add_from_release_page(page, GERMAN, release.title)
    screenshot("de-release")

    purchase = pay_by_card(page, GERMAN)
    screenshot("de-receipt")
    assert purchase.currency == "EUR"
    check_confirmation(mailoutbox, email, purchase, "de")
    page.wait_for_load_state("networkidle")  # nothing in flight when the server stops


def test_japanese_shopper_finds_a_japanese_artist_and_buys(
    store: str, sandbox_server, open_page, mailoutbox, screenshot
):
    name, artist_id = japanese_artist(sandbox_server)
    page = open_page(JAPANESE)
    first_visit(page, store, JAPANESE)
    email = sign_up(page, store, "ja")

    # Typing the name's first characters searches as you type (htmx, no Enter).
    search = page.get_by_role("searchbox", name=t("ja", "Search artists, releases and tracks"))
    search.press_sequentially(name[:2])
    expect(page).to_have_url(re.compile(r"/ja/search/\?q="))
    with translation.override("ja"):
        artists = str(SEARCH_TABS["artists"])
    assert artists != "Artists", "the Artists tab is not translated into ja"
    page.locator("#search-results").get_by_role("link", name=artists, exact=True).click()
    expect(page).to_have_url(re.compile(r"type=artists"))
    page.locator("#search-results a", has_text=name).first.click()
    expect(page).to_have_url(re.compile(rf"/ja/artist/{artist_id}/"))
    expect(page.locator("h1")).to_contain_text(name)

    page.locator("main a.card__link").first.click()
    expect(page).to_have_url(re.compile(r"/ja/release/\d+/"))
    title = page.locator("h1.detail__title").inner_text()
    add_from_release_page(page, JAPANESE, title)
    screenshot("ja-release")

    purchase = pay_by_card(page, JAPANESE)
    screenshot("ja-receipt")
    assert purchase.currency == "JPY"
    check_confirmation(mailoutbox, email, purchase, "ja")
    page.wait_for_load_state("networkidle")


def test_switching_from_german_to_french_keeps_the_release_and_its_query(store: str, open_page):
    release = release_on_sale("DE")
    page = open_page(GERMAN)
    page.goto(f"{store}/de/release/{release.id}/?from=newsletter&utm_medium=email")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.locator("#tracklist-heading")).to_have_text(t("de", "Tracklist"))

    languages = page.get_by_role("navigation", name=t("de", "Language"))
    expect(languages.get_by_role("link", name="Deutsch", exact=True)).to_have_attribute(
        "aria-current", "true"
    )
    languages.get_by_role("link", name="Français", exact=True).click()
    expect(page).to_have_url(f"{store}/fr/release/{release.id}/?from=newsletter&utm_medium=email")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("h1")).to_contain_text(release.title)
    expect(page.locator("#tracklist-heading")).to_have_text(t("fr", "Tracklist"))
    languages = page.get_by_role("navigation", name=t("fr", "Language"))
    expect(languages.get_by_role("link", name="Français", exact=True)).to_have_attribute(
        "aria-current", "true"
    )
    # Territory DE reads German: the French page offers it, in German.
    expect(page.locator(".languages__suggestion")).to_have_attribute("lang", "de")
    page.wait_for_load_state("networkidle")
