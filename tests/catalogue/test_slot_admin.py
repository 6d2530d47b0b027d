"""Staff edit slots without ids: the form checks targets on the live sandbox, the list
shows covers and states, buttons reorder (POST + CSRF), and the home page previews."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from catalogue.models import EditorialSlot
from tests.catalogue.slot_support import charted_release, live_store, release_not_sold_somewhere

pytestmark = pytest.mark.django_db
__all__ = ["live_store"]

ADD = "admin:catalogue_editorialslot_add"
LIST = "admin:catalogue_editorialslot_changelist"


def form(**fields) -> dict:
    start = timezone.localtime() - timedelta(hours=1)
    return {
        "target_type": "release",
        "target": "",
        "title": "",
        "text": "",
        "kind": "slot",
        "territory": "",
        "language": "",
        "publish_start_0": start.strftime("%Y-%m-%d"),
        "publish_start_1": start.strftime("%H:%M:%S"),
        "publish_end_0": "",
        "publish_end_1": "",
        "is_active": "on",
        **NO_TEXTS,
    } | fields


# The inline of per-language texts, left empty.
NO_TEXTS = {"texts-TOTAL_FORMS": "0", "texts-INITIAL_FORMS": "0"}


@pytest.mark.live_sandbox
def test_a_shop_url_is_saved_as_the_release_with_its_cover_and_title(admin_client, live_store):
    release = charted_release()
    EditorialSlot.objects.create(title="Already there", target_type="tag", target="rock")
    url = f"https://www.7digital.com/artist/{release.artist.slug}/release/{release.slug}/"
    response = admin_client.post(reverse(ADD), form(target=url))
    assert response.status_code == 302, response.context["adminform"].form.errors
    slot = EditorialSlot.objects.get(target_type="release")
    assert slot.target == str(release.id)
    assert (slot.target_title, slot.target_artist) == (release.title, release.artist.name)
    assert slot.target_image == release.image and slot.position == 1  # after the other one
    listing = admin_client.get(reverse(LIST)).text
    assert f'src="{release.image}"' in listing and release.title in listing
    assert '<span class="slot-state slot-state--live"' in listing


@pytest.mark.live_sandbox
@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"target": "999999999"}, "No release has the 7digital id 999999999."),
        ({"target": "new album"}, "Choose a release from the list, or give its 7digital id"),
    ],
)
def test_targets_that_cannot_be_linked_say_why(admin_client, live_store, fields, message):
    response = admin_client.post(reverse(ADD), form(**fields))
    assert response.status_code == 200
    assert message in response.text
    assert not EditorialSlot.objects.exists()


@pytest.mark.live_sandbox
def test_a_release_not_sold_in_the_slots_territory_is_refused(admin_client, live_store, settings):
    release_id, country = release_not_sold_somewhere(live_store)
    settings.STORE_TERRITORIES = [*settings.STORE_TERRITORIES, country]
    response = admin_client.post(reverse(ADD), form(target=str(release_id), territory=country))
    assert f"This release ({release_id}) is not sold in {country}." in response.text
    assert not EditorialSlot.objects.exists()


def test_an_end_before_the_start_is_refused(admin_client):
    start = timezone.localtime()
    end = start - timedelta(days=1)
    fields = form(
        target_type="tag",
        target="rock",
        publish_end_0=end.strftime("%Y-%m-%d"),
        publish_end_1=end.strftime("%H:%M:%S"),
    )
    response = admin_client.post(reverse(ADD), fields)
    assert "The slot must end after it starts." in response.text
    assert not EditorialSlot.objects.exists()


@pytest.mark.live_sandbox
def test_the_lookup_answers_select2_with_covers(admin_client, live_store):
    release = charted_release()
    lookup = reverse("admin:catalogue_editorialslot_lookup")
    answer = admin_client.get(lookup, {"term": release.title[:-1], "kind": "release"}).json()
    match = next(item for item in answer["results"] if item["id"] == str(release.id))
    assert match["image"] == release.image and match["title"] == release.title
    assert answer["pagination"] == {"more": False}


def test_the_lookup_is_for_staff_who_edit_slots(client, django_user_model):
    user = django_user_model.objects.create_user("viewer", password="pw", is_staff=True)
    client.force_login(user)
    lookup = reverse("admin:catalogue_editorialslot_lookup")
    assert client.get(lookup, {"term": "love"}).status_code == 403


def slots_in_order() -> list[str]:
    return list(EditorialSlot.objects.order_by("position", "id").values_list("title", flat=True))


def test_up_and_down_buttons_move_slots_with_a_post(admin_user):
    for n, title in enumerate(["A", "B", "C"]):
        EditorialSlot.objects.create(title=title, position=n, target_type="tag", target="rock")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(admin_user)
    listing = browser.get(reverse(LIST))
    assert 'aria-label="Move “C” up"' in listing.text
    token = listing.cookies["csrftoken"].value
    move = reverse(
        "admin:catalogue_editorialslot_move", args=[EditorialSlot.objects.get(title="C").pk]
    )

    assert browser.post(move, {"direction": "up"}).status_code == 403  # no CSRF token
    assert browser.get(move, {"direction": "up"}).status_code == 405
    back = f"{reverse(LIST)}?kind__exact=slot"
    answer = browser.post(move, {"direction": "up", "csrfmiddlewaretoken": token, "next": back})
    assert answer.status_code == 302 and answer.url == back
    assert slots_in_order() == ["A", "C", "B"]


def test_the_move_never_redirects_off_site(admin_client):
    slot = EditorialSlot.objects.create(title="A", target_type="tag", target="rock")
    move = reverse("admin:catalogue_editorialslot_move", args=[slot.pk])
    answer = admin_client.post(move, {"direction": "down", "next": "https://evil.example/"})
    assert answer.url == reverse(LIST)


def test_the_state_filter_finds_each_state(admin_client):
    now = timezone.now()
    common = {"target_type": "tag", "target": "rock"}
    EditorialSlot.objects.create(title="Live one", **common)
    EditorialSlot.objects.create(title="Coming", publish_start=now + timedelta(days=2), **common)
    EditorialSlot.objects.create(
        title="Over",
        publish_start=now - timedelta(days=5),
        publish_end=now - timedelta(days=1),
        **common,
    )
    EditorialSlot.objects.create(
        title="Gone", problem="No release has the 7digital id 1.", **common
    )
    expected = {"live": "Live one", "scheduled": "Coming", "ended": "Over", "broken": "Gone"}
    for state, title in expected.items():
        page = admin_client.get(reverse(LIST), {"state": state}).text
        shown = {name for name in expected.values() if f">{name}</a>" in page}
        assert shown == {title}, state


@pytest.mark.live_sandbox
def test_the_preview_shows_the_slots_of_a_chosen_date(admin_client, live_store):
    later = timezone.localtime() + timedelta(days=3)
    EditorialSlot.objects.create(
        title="Next week's pick", target_type="tag", target="rock", publish_start=later
    )
    preview = reverse("admin:catalogue_editorialslot_preview")
    assert 'type="datetime-local"' in admin_client.get(preview).text
    at = (later + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    page = admin_client.get(preview, {"at": at, "territory": "GB", "language": "en"}).text
    assert "Next week&#x27;s pick" in page and "Preview: the home page in GB (en)" in page
    assert "Next week&#x27;s pick" not in admin_client.get("/").text


def test_admin_sections_have_distinct_names(admin_client):
    apps = admin_client.get(reverse("admin:index")).context["app_list"]
    names = [app["name"] for app in apps]
    assert len(names) == len(set(names)), names
