"""Shoppers' journeys through the catalogue in a real browser, on the real sandbox.

Few and broad: each journey crosses the live search, boosted navigation, the preview
player, the territory switcher or the admin, as a shopper (or staff) would.
"""

import contextlib
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from catalogue.models import EditorialSlot
from sevendigital import NotAvailableError, Release
from storefront.api import get_client

pytestmark = [pytest.mark.browser, pytest.mark.live_sandbox]

AUDIO_PLAYING = (
    "() => { const a = document.querySelector('#player-audio');"
    " return !a.paused && a.currentTime > 0.3; }"
)


def charted_release(*, also_in: str | None = None) -> Release:
    """A release from the sandbox's GB chart (sold in `also_in` too, if given)."""
    client = get_client()
    for item in client.get_release_chart(period="week", country="GB", page_size=20):
        if also_in is None:
            return item.release
        try:
            client.get_release_details(release_id=item.release.id, country=also_in)
        except NotAvailableError:
            continue
        return item.release
    raise AssertionError("the sandbox's chart has no release for this test")


def test_live_search_finds_a_release_and_opens_it(store: str, page: Page):
    """Typing part of a title shows it as you type; arrows reach results; a click opens it."""
    release = charted_release()
    page.goto(store + "/")
    search = page.get_by_role("searchbox", name="Search artists, releases and tracks")
    typed = release.title[:-2]
    search.press_sequentially(typed, delay=40)

    result = page.locator("#search-results a.card__link", has_text=release.title).first
    expect(result).to_be_visible()
    # The answer to the whole text has landed (its URL is pushed once it is swapped in):
    # on a loaded machine a pause in the typing sends a live search for part of it,
    # whose results may show the release too and are then replaced under the focus.
    page.wait_for_function("q => new URLSearchParams(location.search).get('q') === q", arg=typed)
    expect(page).to_have_url(re.compile(r"/search/\?q="))
    expect(page).to_have_title(re.compile("search · Crate"))
    expect(search).to_be_focused()  # the live results did not steal focus

    search.press("ArrowDown")
    expect(page.locator("#search-results [data-primary]").first).to_be_focused()
    page.keyboard.press("Escape")
    expect(search).to_be_focused()

    result.click()
    expect(page.locator("h1")).to_contain_text(release.title)
    expect(page).to_have_url(re.compile(rf"/release/{release.id}/"))


def test_a_page_opened_while_a_live_search_is_on_its_way_stays_open(store: str, page: Page):
    """The shopper types, then opens a release before the live results came back: the
    late answer neither lands on the release page nor pushes the search's URL back."""
    held = []

    def hold_live_search(route):
        if route.request.headers.get("hx-request"):
            held.append(route)
        else:
            route.continue_()

    page.goto(store + "/")
    link = page.locator("#main a[href^='/release/']").first
    href = link.get_attribute("href")
    page.route(re.compile(r"/search/\?q="), hold_live_search)
    page.get_by_role("searchbox", name="Search artists, releases and tracks").press_sequentially(
        "love", delay=20
    )
    for _ in range(100):
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "the live search sent no request"
    link.click()
    expect(page).to_have_url(re.compile(re.escape(href)))
    # The late answer; Playwright refuses to continue a request the page aborted.
    with contextlib.suppress(Exception):
        held[0].continue_()
    page.wait_for_timeout(1000)
    expect(page).to_have_url(re.compile(re.escape(href)))
    expect(page.locator("#search-results")).to_have_count(0)


def test_preview_keeps_playing_across_navigation(store: str, page: Page, screenshot):
    """A preview plays in the one player and keeps playing on the next page."""
    release = charted_release()
    page.goto(f"{store}/release/{release.id}/")
    screenshot("release")
    page.locator("#tracklist button.play").first.click()
    page.wait_for_function(AUDIO_PLAYING)
    expect(page.locator("#player")).to_be_visible()
    expect(page.locator("[data-player-title]")).not_to_have_text("Nothing playing")
    playing = page.locator("#tracklist .play").first
    expect(playing.locator(".play__bars")).to_be_visible()  # drawn by the stylesheet
    expect(playing.locator(".play__icon")).to_be_hidden()
    screenshot("release-playing")
    page.evaluate("window.firstAudio = document.querySelector('#player-audio')")
    played = page.evaluate("document.querySelector('#player-audio').currentTime")

    page.locator(".detail__byline a").click()  # the artist's page, by boosted navigation
    expect(page).to_have_url(re.compile(r"/artist/\d+/"))
    expect(page.locator("h1")).to_be_focused()
    expect(page).to_have_title(re.compile(re.escape(release.artist.name)))
    assert page.evaluate("document.querySelector('#player-audio') === window.firstAudio")
    page.wait_for_function(
        f"() => {{ const a = document.querySelector('#player-audio');"
        f" return !a.paused && a.currentTime > {played} + 0.5; }}"
    )


def test_switching_territory_changes_the_currency(store: str, page: Page):
    """Prices follow the territory: pounds in the UK shop, dollars in the US one."""
    release = charted_release(also_in="US")
    page.goto(f"{store}/release/{release.id}/")
    price = page.locator(".package__price").first
    expect(price).to_contain_text("£")

    page.get_by_label("Shop in").first.select_option("US")
    page.get_by_role("button", name="Go").first.click()
    expect(price).to_contain_text("$")
    expect(page.locator(".package__price").first).not_to_contain_text("£")
    expect(page).to_have_url(re.compile(rf"/release/{release.id}/"))


def test_editorial_slot_shows_only_inside_its_window(
    store: str, page: Page, admin_user, screenshot
):
    """A banner staff add in admin is on the home page; slots outside their dates are not."""
    now = timezone.now()
    EditorialSlot.objects.create(
        title="Yesterday's news",
        kind="slot",
        target_type="tag",
        target="rock",
        publish_start=now - timedelta(days=3),
        publish_end=now - timedelta(days=1),
    )
    EditorialSlot.objects.create(
        title="Coming next week",
        kind="slot",
        target_type="tag",
        target="pop",
        publish_start=now + timedelta(days=7),
    )
    page.goto(store + "/admin/login/?next=/admin/catalogue/editorialslot/add/")
    page.get_by_label("Username").fill(admin_user.username)
    page.get_by_label("Password").fill("password")
    page.get_by_role("button", name="Log in").click()
    page.get_by_label("Title").first.fill("Rock of ages")  # the slot's own, in English
    page.get_by_label("Kind").select_option("banner")
    page.get_by_label("Links to a").select_option("tag")
    page.locator("#id_target + .select2 .select2-selection").click()
    page.locator(".select2-search__field").press_sequentially("rock", delay=40)
    page.locator(".select2-results__option", has_text="rock").first.click()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    page.goto(store + "/")
    banner = page.locator(".slot--banner", has_text="Rock of ages")
    expect(banner).to_be_visible()
    expect(banner.locator("a")).to_have_attribute("href", "/tags/rock/")
    expect(page.get_by_text("Yesterday's news")).to_have_count(0)
    expect(page.get_by_text("Coming next week")).to_have_count(0)
    screenshot("home")


def test_browsing_works_without_javascript(store: str, browser):
    """With JavaScript off, search is a form, pages are links and previews are clips."""
    release = charted_release()
    context = browser.new_context(java_script_enabled=False, base_url=store)
    page = context.new_page()
    try:
        page.goto("/")
        page.get_by_role("searchbox", name="Search artists, releases and tracks").fill(
            release.title
        )
        page.get_by_role("button", name="Search", exact=True).click()
        expect(page).to_have_url(re.compile(r"/search/\?q="))
        page.locator("#search-results a.card__link", has_text=release.title).first.click()
        expect(page.locator("h1")).to_contain_text(release.title)

        play = page.locator("#tracklist a.play").first
        # The store's preview link, which redirects to the clip itself.
        expect(play).to_have_attribute("href", re.compile(r"/track/\d+/preview/$"))
        clip = page.request.get(play.get_attribute("href"))
        assert clip.ok and re.search(r"/media/preview/\d+\.mp3$", clip.url)
        assert clip.headers["content-type"].startswith("audio/")
        expect(page.locator("#player")).to_be_hidden()
    finally:
        context.close()
