"""Staff members signed in with one role each (never superusers), and purchases."""

import importlib
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache

from checkout.models import Purchase


def member_of(django_user_model, client, group: str | None):
    user = django_user_model.objects.create_user(
        username=f"{group or 'nobody'}-staff", password="not-used", is_staff=True
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return client


@pytest.fixture
def merchandiser(db, django_user_model, client):
    return member_of(django_user_model, client, "Merchandiser")


@pytest.fixture
def support(db, django_user_model, client):
    return member_of(django_user_model, client, "Support")


@pytest.fixture
def plain_staff(db, django_user_model, client):
    return member_of(django_user_model, client, None)


@pytest.fixture
def shopper(db, django_user_model):
    return django_user_model.objects.create_user(username="shopper", email="s@example.com")


def item(release_id: int, price: str, *, track_id: int | None = None, name: str = "") -> dict:
    return {
        "release_id": release_id,
        "track_id": track_id,
        "package_id": 2,
        "name": name or f"Release {release_id}",
        "artist": "Artist",
        "price": price,
    }


def purchase(
    user,
    key: str,
    *,
    status="succeeded",
    method="card",
    total="9.99",
    currency="GBP",
    items=None,
    created=None,
) -> Purchase:
    row = Purchase.objects.create(
        key=key,
        user=user,
        kind="basket",
        method=method,
        status=status,
        subject=f"basket:{key}",
        country="GB",
        total=Decimal(total) if total is not None else None,
        currency=currency,
        items=items if items is not None else [item(1, total or "0")],
    )
    if created is not None:
        Purchase.objects.filter(pk=row.pk).update(created=created)
    return row


def ensure_roles() -> None:
    """The groups of staff/migrations/0002_roles.py, for tests whose database was
    flushed after migrating (live-server tests)."""
    from django.contrib.auth.models import Permission

    roles = importlib.import_module("staff.migrations.0002_roles").ROLES
    for name, grants in roles.items():
        group, _ = Group.objects.get_or_create(name=name)
        for label, codename in grants:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=label, codename=codename)
            )


@pytest.fixture(autouse=True)
def no_kept_figures():
    """Each test counts its own dashboard figures (they are kept in the shared cache)."""
    cache.clear()
    yield
    cache.clear()
