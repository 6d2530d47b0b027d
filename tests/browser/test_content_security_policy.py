"""The Content-Security-Policy and the pages agree: Chromium refuses nothing.

The policy is in force in every environment (settings.CONTENT_SECURITY_POLICY), so a
page that needs a source the policy does not allow (an inline script or <style>,
another host's images or audio) breaks in these tests before it breaks in production.
Chromium reports each refusal as a `securitypolicyviolation` event: none may occur
while a shopper browses, searches, opens a release and plays a preview.
"""

import pytest
from playwright.sync_api import Page, expect

from storefront.api import get_client

pytestmark = [pytest.mark.browser, pytest.mark.live_sandbox]

COLLECT_VIOLATIONS = """() => {
  window.cspViolations = window.cspViolations || [];
  document.addEventListener("securitypolicyviolation", (event) => {
    window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
  });
}"""
AUDIO_PLAYING = (
    "() => { const a = document.querySelector('#player-audio');"
    " return !a.paused && a.currentTime > 0.3; }"
)


def violations(page: Page) -> list[str]:
    return page.evaluate("window.cspViolations || []")


def test_browsing_and_playing_a_preview_breaks_no_rule(store: str, page: Page):
    """Home, live search, a release page with cover art, a preview: no CSP refusal."""
    page.add_init_script(f"({COLLECT_VIOLATIONS})()")
    chart = get_client().get_release_chart(period="week", country="GB")
    entry = next(iter(chart))
    page.goto(store + "/")
    search = page.get_by_role("searchbox", name="Search artists, releases and tracks")
    search.press_sequentially(entry.release.title[:4], delay=40)
    expect(page.locator("#search-results")).to_be_visible()
    assert violations(page) == []

    page.goto(f"{store}/release/{entry.release.id}/")
    expect(page.locator("img").first).to_have_js_property("complete", True)
    page.locator("#tracklist button.play").first.click()
    page.wait_for_function(AUDIO_PLAYING)
    assert violations(page) == []
    # A refused or broken image is complete with no width (lazy ones may still wait).
    broken = "() => [...document.images].filter((i) => i.complete && !i.naturalWidth).length"
    assert page.evaluate(broken) == 0
