"""Merchandisers run the shop window, support staff look after purchases: each signed
in as a non-superuser sees and does only what their group allows."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from accounts import crypto
from accounts.models import SevenDigitalLink
from catalogue.models import ChartSnapshot, EditorialSlot
from tests.staff.conftest import purchase

pytestmark = pytest.mark.django_db


def codenames(group: str) -> set[str]:
    return set(Group.objects.get(name=group).permissions.values_list("codename", flat=True))


def test_the_migration_makes_both_roles():
    assert codenames("Merchandiser") == {
        "add_editorialslot",
        "change_editorialslot",
        "delete_editorialslot",
        "view_editorialslot",
        "view_chartsnapshot",
        "view_editorialsnapshot",
        "view_dashboard",
    }
    assert codenames("Support") == {
        "view_purchase",
        "reconcile_purchase",
        "view_sevendigitallink",
        "view_dashboard",
    }


def test_neither_role_may_touch_users_or_change_links():
    for group in ("Merchandiser", "Support"):
        names = codenames(group)
        assert not {n for n in names if n.endswith(("_user", "_group", "_permission"))}
        assert "change_sevendigitallink" not in names


def section_names(client) -> set[str]:
    return {app["name"] for app in client.get(reverse("admin:index")).context["app_list"]}


def test_a_merchandiser_sees_the_shop_window_only(merchandiser):
    assert section_names(merchandiser) == {
        "Shop window: editorial slots and snapshots",
    }
    assert merchandiser.get(reverse("admin:catalogue_editorialslot_add")).status_code == 200
    for name in ("checkout_purchase", "accounts_sevendigitallink", "auth_user"):
        assert merchandiser.get(reverse(f"admin:{name}_changelist")).status_code == 403


def test_a_merchandiser_reads_snapshots_but_cannot_change_them(merchandiser):
    row = ChartSnapshot.objects.create(
        kind="release", period="week", country="GB", fetched_at="2026-01-01T00:00Z", body=b"<x/>"
    )
    page = merchandiser.get(reverse("admin:catalogue_chartsnapshot_change", args=[row.pk]))
    assert page.status_code == 200 and "&lt;x/&gt;" in page.text
    delete = reverse("admin:catalogue_chartsnapshot_delete", args=[row.pk])
    assert merchandiser.post(delete, {"post": "yes"}).status_code == 403
    assert ChartSnapshot.objects.exists()


def test_support_reads_purchases_and_may_reconcile(support, shopper):
    purchase(shopper, "basket-1", status="unknown")
    listing = support.get(reverse("admin:checkout_purchase_changelist"))
    assert listing.status_code == 200 and "basket-1" in listing.text
    assert 'value="reconcile"' in listing.text
    assert support.get(reverse("admin:checkout_purchase_add")).status_code == 403


def test_support_cannot_edit_the_shop_window(support):
    slot = EditorialSlot.objects.create(title="Pick", target_type="tag", target="rock")
    assert support.get(reverse("admin:catalogue_editorialslot_changelist")).status_code == 403
    change = reverse("admin:catalogue_editorialslot_change", args=[slot.pk])
    assert support.post(change, {"title": "Hacked"}).status_code == 403
    move = reverse("admin:catalogue_editorialslot_move", args=[slot.pk])
    assert support.post(move, {"direction": "up"}).status_code == 403


def test_support_reads_links_without_tokens_or_password_hashes(support, shopper, settings):
    link = SevenDigitalLink(user=shopper, sevendigital_user_id="7d-42", how="signup")
    link.token_key_encrypted = crypto.encrypt("the-access-token")
    link.token_secret_encrypted = crypto.encrypt("the-token-secret")
    link.save()
    page = support.get(reverse("admin:accounts_sevendigitallink_change", args=[link.pk]))
    assert page.status_code == 200 and "7d-42" in page.text
    for secret in ("the-access-token", "the-token-secret", link.token_key_encrypted):
        assert secret not in page.text
    user_page = reverse("admin:auth_user_change", args=[shopper.pk])
    assert support.get(user_page).status_code == 403  # where the password hash is


def test_staff_who_only_view_purchases_are_not_offered_the_reconcile(
    plain_staff, django_user_model, shopper
):
    user = django_user_model.objects.get(username="nobody-staff")
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="checkout", codename="view_purchase")
    )
    unknown = purchase(shopper, "basket-2", status="unknown")
    listing = plain_staff.get(reverse("admin:checkout_purchase_changelist"))
    assert "basket-2" in listing.text and 'value="reconcile"' not in listing.text
    answer = plain_staff.post(
        reverse("admin:checkout_purchase_changelist"),
        {"action": "reconcile", "_selected_action": [str(unknown.pk)]},
    )
    assert "settled" not in answer.text  # the action is not theirs: nothing ran
    unknown.refresh_from_db()
    assert unknown.reconciled_at is None
