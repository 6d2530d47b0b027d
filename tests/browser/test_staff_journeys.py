"""Staff in a real browser: a merchandiser schedules a slot without knowing any id,
previews the home page and sees the slot live; support reads the dashboard's charts.

Both sign in as non-superusers holding one role (the groups the migration makes).
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import Page, expect

from catalogue.models import EditorialSlot
from tests.catalogue.slot_support import charted_release
from tests.staff.conftest import ensure_roles, item, purchase

pytestmark = [pytest.mark.browser, pytest.mark.live_sandbox]

PASSWORD = "a-staff-password"
COLLECT_VIOLATIONS = """(() => {
  window.cspViolations = [];
  document.addEventListener("securitypolicyviolation", (event) => {
    window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
  });
})()"""


def sign_in(page: Page, store: str, django_user_model, group: str, next_path: str):
    user = django_user_model.objects.create_user(
        username=group.lower(), password=PASSWORD, is_staff=True
    )
    ensure_roles()
    user.groups.add(Group.objects.get(name=group))
    page.add_init_script(COLLECT_VIOLATIONS)
    page.goto(f"{store}/admin/login/?next={next_path}")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    return user


def fill_when(page: Page, field: str, moment) -> None:
    local = timezone.localtime(moment)
    page.locator(f"#id_{field}_0").fill(local.strftime("%Y-%m-%d"))
    page.locator(f"#id_{field}_1").fill(local.strftime("%H:%M:%S"))


def test_a_merchandiser_schedules_a_release_by_name_and_sees_it_live(
    store: str, page: Page, django_user_model, screenshot
):
    release = charted_release()
    now = timezone.now()
    EditorialSlot.objects.create(
        title="Last month's pick",
        target_type="tag",
        target="rock",
        publish_start=now - timedelta(days=30),
        publish_end=now - timedelta(days=1),
    )
    sign_in(page, store, django_user_model, "Merchandiser", "/admin/catalogue/editorialslot/add/")

    page.get_by_label("Links to a").select_option("release")
    page.locator("#id_target + .select2 .select2-selection").click()
    page.locator(".select2-search__field").press_sequentially(release.title[:-2], delay=40)
    option = page.locator(".select2-results__option", has_text=release.title).first
    expect(option.locator("img.slot-target__cover")).to_have_attribute("src", release.image)
    expect(option).to_contain_text(release.artist.name)
    option.click()
    expect(page.locator("#slot-chosen figcaption")).to_contain_text(release.title)
    expect(page.locator("#slot-chosen img")).to_be_visible()
    assert page.evaluate("window.cspViolations") == []  # select2 and covers: all allowed
    page.get_by_label("Kind").select_option("feature")
    fill_when(page, "publish_start", now - timedelta(days=2))
    fill_when(page, "publish_end", now + timedelta(days=1))
    screenshot("staff-slot-form")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    row = page.locator("#result_list tbody tr", has_text=release.title)
    expect(row.locator(".slot-state")).to_have_text("Live")
    expect(row.locator("img.slot-thumb")).to_have_attribute("src", release.image)
    ended = page.locator("#result_list tbody tr", has_text="Last month's pick")
    expect(ended.locator(".slot-state")).to_have_text("Ended")

    page.get_by_role("link", name="Preview the home page").click()
    page.get_by_label("Territory").select_option("GB")
    page.get_by_role("button", name="Preview").click()
    expect(page.locator(".messages")).to_contain_text("Preview: the home page in GB")
    expect(page.locator(".slot--feature", has_text=release.title)).to_be_visible()
    assert page.evaluate("window.cspViolations") == []

    page.goto(store + "/")
    live = page.locator(".slot--feature", has_text=release.title)
    expect(live).to_be_visible()
    expect(live.locator("a")).to_have_attribute("href", f"/release/{release.id}/")
    expect(page.get_by_text("Last month's pick")).to_have_count(0)
    screenshot("staff-home-with-slot")


def test_support_reads_the_dashboard_charts_in_light_and_dark(
    store: str, page: Page, django_user_model, screenshot
):
    shopper = django_user_model.objects.create_user(username="buyer")
    for n in range(12):
        created = timezone.now() - timedelta(days=n)
        purchase(shopper, f"p{n}", total="7.99", items=[item(n % 4, "7.99")], created=created)
    sign_in(page, store, django_user_model, "Support", "/admin/")
    page.get_by_role("link", name="Sales, top sellers, shoppers").click()
    page.wait_for_selector("body[data-charts-drawn='6']")
    drawn = "() => [...document.querySelectorAll('canvas[data-chart]')].every((c) => c.width > 0)"
    assert page.evaluate(drawn)
    expect(page.get_by_text("Orders per day: the numbers")).to_be_visible()
    screenshot("staff-dashboard")

    light = page.evaluate("Chart.defaults.color")
    page.evaluate("document.documentElement.dataset.theme = 'dark'")
    page.wait_for_function(f"Chart.defaults.color !== {light!r}")
    dark_fg = page.evaluate(
        "getComputedStyle(document.documentElement).getPropertyValue('--body-fg').trim()"
    )
    assert page.evaluate("Chart.defaults.color") == dark_fg
    screenshot("staff-dashboard-dark")
    assert page.evaluate("window.cspViolations") == []
