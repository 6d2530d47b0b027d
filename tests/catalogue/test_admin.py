"""Staff curate editorial slots in Django admin and can refresh snapshots there."""

import io
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from catalogue import services
from catalogue.models import ChartSnapshot, EditorialSlot, EditorialSnapshot
from tests.catalogue import fake_api

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(settings):
    yield fake_api.install(settings)
    fake_api.uninstall()


@pytest.fixture
def staff(admin_client):
    return admin_client


def png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "PNG")
    return SimpleUploadedFile("banner.png", buffer.getvalue(), content_type="image/png")


def slot(**fields) -> EditorialSlot:
    values = {"title": "Summer", "target_type": "release", "target": "12"} | fields
    return EditorialSlot.objects.create(**values)


def test_slot_list_filters_and_searches(staff):
    slot(title="Summer picks", kind="banner", territory="GB")
    slot(title="Winter picks", kind="feature")
    url = reverse("admin:catalogue_editorialslot_changelist")
    page = staff.get(url, {"kind__exact": "banner", "q": "picks"})
    assert page.status_code == 200
    assert b"Summer picks" in page.content
    assert b"Winter picks" not in page.content


def test_slot_list_by_publish_date(staff):
    """The list drills down by publish date (date hierarchy)."""
    start = timezone.now() - timedelta(days=400)
    slot(title="Old one", publish_start=start)
    url = reverse("admin:catalogue_editorialslot_changelist")
    page = staff.get(url, {"publish_start__year": start.year})
    assert b"Old one" in page.content


def test_staff_add_a_slot_with_an_image(staff, settings, tmp_path):
    """The image is stored under MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path
    form = {
        "title": "New in",
        "text": "",
        "kind": "banner",
        "position": "1",
        "target_type": "tag",
        "target": "indie-rock",
        "territory": "",
        "publish_start_0": "2026-01-01",
        "publish_start_1": "10:00:00",
        "publish_end_0": "",
        "publish_end_1": "",
        "is_active": "on",
        "image": png(),
        "texts-TOTAL_FORMS": "0",
        "texts-INITIAL_FORMS": "0",
    }
    response = staff.post(reverse("admin:catalogue_editorialslot_add"), form)
    assert response.status_code == 302, response.content
    created = EditorialSlot.objects.get(title="New in")
    assert (tmp_path / created.image.name).is_file()


def test_bad_target_is_shown_to_staff(staff):
    form = {
        "title": "Broken",
        "kind": "slot",
        "position": "0",
        "target_type": "release",
        "target": "not-an-id",
        "publish_start_0": "2026-01-01",
        "publish_start_1": "10:00:00",
        "texts-TOTAL_FORMS": "0",
        "texts-INITIAL_FORMS": "0",
    }
    response = staff.post(reverse("admin:catalogue_editorialslot_add"), form)
    assert response.status_code == 200
    assert b"digits only" in response.content


def test_staff_write_a_slots_title_and_text_per_language(staff):
    """The slot's own title is the English; staff add the German beside it."""
    form = {
        "title": "Records of the week",
        "text": "Fresh picks",
        "kind": "slot",
        "position": "0",
        "target_type": "tag",
        "target": "rock",
        "territory": "",
        "language": "",
        "publish_start_0": "2026-01-01",
        "publish_start_1": "10:00:00",
        "is_active": "on",
        "texts-TOTAL_FORMS": "1",
        "texts-INITIAL_FORMS": "0",
        "texts-0-language": "de",
        "texts-0-title": "Platten der Woche",
        "texts-0-text": "",
    }
    response = staff.post(reverse("admin:catalogue_editorialslot_add"), form)
    assert response.status_code == 302, response.content
    created = EditorialSlot.objects.get(title="Records of the week")
    german = created.in_language("de")
    assert (german.title, german.text) == ("Platten der Woche", "Fresh picks")
    assert created.in_language("ja").title == "Records of the week"
    form["texts-1-language"], form["texts-TOTAL_FORMS"] = "de", "2"
    form["title"] = "Again"
    response = staff.post(reverse("admin:catalogue_editorialslot_add"), form)
    assert response.status_code == 200  # one text per language


def test_view_on_site_opens_the_target_page(staff):
    created = slot(target_type="artist", target="45")
    content_type = ContentType.objects.get_for_model(EditorialSlot)
    response = staff.get(reverse("admin:view_on_site", args=[content_type.pk, created.pk]))
    assert response.status_code == 302
    assert response["Location"].endswith("/artist/45/")


def test_snapshots_are_listed_read_only(staff, api):
    services.refresh_charts(countries=["GB"])
    row = ChartSnapshot.objects.get(kind="release", period="week", country="GB")
    assert staff.get(reverse("admin:catalogue_chartsnapshot_changelist")).status_code == 200
    page = staff.get(reverse("admin:catalogue_chartsnapshot_change", args=[row.pk]))
    assert page.status_code == 200
    assert b"chartItem" in page.content  # the stored body, for inspection
    assert b'name="_save"' not in page.content


def test_staff_can_refresh_a_snapshot_now(staff, api):
    services.refresh_charts(countries=["GB"])
    row = ChartSnapshot.objects.get(kind="track", period="week", country="GB")
    before = api.total
    response = staff.post(
        reverse("admin:catalogue_chartsnapshot_changelist"),
        {"action": "refresh_now", "_selected_action": [row.pk]},
        follow=True,
    )
    assert b"1 snapshot(s) refreshed" in response.content
    assert api.total == before + 1


def test_refresh_with_the_api_down_says_so(staff, api):
    services.refresh_editorial(countries=["GB"])
    api.down = True
    row = EditorialSnapshot.objects.first()
    response = staff.post(
        reverse("admin:catalogue_editorialsnapshot_changelist"),
        {"action": "refresh_now", "_selected_action": [row.pk]},
        follow=True,
    )
    assert b"The API failed" in response.content
