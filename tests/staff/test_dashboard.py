"""The dashboard's sales figures are counted once and shared by every staff member
until they expire; what staff act on is always read live."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from staff import dashboard as dashboards
from staff.tasks import count_dashboard
from tests.staff.conftest import purchase

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("staff-dashboard")


def orders(page) -> int:
    return sum(page.context["charts"]["orders"]["series"]["Orders"])


@pytest.fixture
def two_staff(django_user_model):
    browsers = []
    for name in ("ann", "bob"):
        user = django_user_model.objects.create_user(name, password="x", is_staff=True)
        user.groups.add(Group.objects.get(name="Support"))
        browser = Client()
        browser.force_login(user)
        browsers.append(browser)
    return browsers


def test_two_staff_share_one_count_and_see_live_attention(two_staff, shopper):
    ann, bob = two_staff
    purchase(shopper, "first")
    assert orders(ann.get(DASHBOARD)) == 1
    purchase(shopper, "second")
    purchase(shopper, "lost", status="unknown")
    page = bob.get(DASHBOARD)
    assert orders(page) == 1  # the kept count
    assert page.context["dashboard"].attention["unknown_count"] == 1  # live
    assert "Sales figures counted" in page.text


def test_figures_expire(two_staff, shopper, monkeypatch):
    ann, _ = two_staff
    purchase(shopper, "first")
    ann.get(DASHBOARD)
    purchase(shopper, "second")
    dashboards.caches["default"].delete("staff:dashboard:30")  # as the cache does after 5 min
    assert orders(ann.get(DASHBOARD)) == 2


def test_figures_of_yesterday_are_counted_again(two_staff, shopper, monkeypatch):
    ann, _ = two_staff
    ann.get(DASHBOARD)
    kept = dashboards.caches["default"].get("staff:dashboard:30")
    kept["day_list"] = [day - timedelta(days=1) for day in kept["day_list"]]
    dashboards.caches["default"].set("staff:dashboard:30", kept)
    purchase(shopper, "today")
    assert orders(ann.get(DASHBOARD)) == 1


def test_count_again_now_is_a_csrf_protected_post(support, shopper, admin_user):
    purchase(shopper, "first")
    support.get(DASHBOARD)
    purchase(shopper, "second")
    count = reverse("staff-dashboard-count")
    assert support.get(count).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(admin_user)
    assert strict.post(count, {"days": "30"}).status_code == 403
    answer = support.post(count, {"days": "90"})
    assert answer.status_code == 302 and answer.url == f"{DASHBOARD}?days=90"
    assert orders(support.get(DASHBOARD, {"days": "90"})) == 2


def test_the_beat_task_counts_every_period(shopper):
    purchase(shopper, "first")
    count_dashboard()
    for days in dashboards.PERIODS:
        kept = dashboards.caches["default"].get(f"staff:dashboard:{days}")
        assert kept["totals"][0]["orders"] == 1
