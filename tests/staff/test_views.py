"""The dashboard page: for staff with the permission, charts drawn by the shop's own
script from a JSON block (no inline script), each with its numbers as a table."""

import json
import re

import pytest
from django.urls import reverse

from tests.staff.conftest import item, purchase

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("staff-dashboard")


def test_staff_without_the_permission_are_refused(plain_staff):
    assert plain_staff.get(DASHBOARD).status_code == 403


def test_visitors_are_sent_to_the_admin_sign_in(client):
    answer = client.get(DASHBOARD)
    assert answer.status_code == 302 and answer.url.startswith(reverse("admin:login"))


def test_the_admin_index_links_the_dashboard_for_those_who_may_see_it(support):
    assert DASHBOARD in support.get(reverse("admin:index")).text


def test_the_index_hides_the_link_from_others(plain_staff):
    assert DASHBOARD not in plain_staff.get(reverse("admin:index")).text


def test_the_page_draws_charts_from_a_json_block_under_the_csp(support, shopper):
    purchase(shopper, "a", total="7.99", items=[item(5, "7.99", name="Blue Record")])
    purchase(shopper, "b", status="unknown")
    page = support.get(DASHBOARD)
    html = page.text
    policy = page.headers["Content-Security-Policy"]
    assert (
        "script-src 'self'" in policy
        and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    )
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    for attributes, body in scripts:  # every script is a file, or data
        assert 'src="/static/' in attributes or 'type="application/json"' in attributes, attributes
        assert "src=" in attributes or body.strip().startswith("{")
    assert 'src="/static/vendor/chart.umd.min.js"' in html
    data = json.loads(
        re.search(r'id="dashboard-data" type="application/json">(.*?)</script>', html, re.S).group(
            1
        )
    )
    assert sum(data["orders"]["series"]["Orders"]) == 1
    assert data["top_releases"] == {"labels": ["Blue Record"], "series": {"Sold": [1]}}
    assert html.count("<canvas") == 6 and html.count("<table") >= 6
    assert '<th scope="row">Blue Record</th><td>1</td>' in html
    assert "1 with an unknown outcome" in html and "status__exact=unknown" in html


def test_ninety_days_can_be_chosen(support):
    page = support.get(DASHBOARD, {"days": "90"})
    assert page.context["dashboard"].days == 90
    assert support.get(DASHBOARD, {"days": "7"}).context["dashboard"].days == 30


def test_an_empty_shop_says_so(support):
    html = support.get(DASHBOARD).text
    assert "No sales in the last 30 days." in html and "No voucher used" in html
