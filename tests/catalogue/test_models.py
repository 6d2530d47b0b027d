"""Editorial slots (what is live, where they link) and stored API snapshots."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

import sevendigital
from catalogue import models
from catalogue.models import ChartSnapshot, EditorialSlot
from catalogue.services import CHART_PERIODS
from tests.catalogue import fake_api

pytestmark = pytest.mark.django_db


def slot(**fields) -> EditorialSlot:
    values = {"title": "A slot", "target_type": "tag", "target": "rock"} | fields
    return EditorialSlot.objects.create(**values)


def test_live_slots_are_active_published_and_for_the_territory():
    now = timezone.now()
    everywhere = slot(publish_start=now - timedelta(hours=1))
    here = slot(territory="FR", publish_start=now - timedelta(hours=1))
    slot(territory="GB", publish_start=now - timedelta(hours=1))
    slot(is_active=False, publish_start=now - timedelta(hours=1))
    slot(publish_start=now + timedelta(hours=1))
    slot(publish_start=now - timedelta(days=2), publish_end=now)
    assert set(EditorialSlot.objects.live("FR", now)) == {everywhere, here}


def test_live_slots_come_by_kind_then_position():
    now = timezone.now()
    second = slot(kind="slot", position=2, publish_start=now)
    first = slot(kind="slot", position=1, publish_start=now)
    banner = slot(kind="banner", position=9, publish_start=now)
    assert list(EditorialSlot.objects.live("GB", now)) == [banner, first, second]


@pytest.mark.parametrize(
    ("target_type", "target", "url"),
    [
        ("release", "123", "/release/123/"),
        ("artist", "45", "/artist/45/"),
        ("tag", "indie-rock", "/tags/indie-rock/"),
        ("url", "https://example.com/gig", "https://example.com/gig"),
    ],
)
def test_slot_links_to_its_target(target_type, target, url):
    """ "View on site" and the home page link to the target's page."""
    assert slot(target_type=target_type, target=target).get_absolute_url() == url


@pytest.mark.parametrize(
    ("target_type", "target"),
    [("release", "abc"), ("artist", "1.5"), ("tag", "Indie Rock"), ("url", "example.com")],
)
def test_malformed_targets_are_refused(target_type, target):
    with pytest.raises(ValidationError):
        EditorialSlot(title="x", target_type=target_type, target=target).full_clean()


def test_slot_must_end_after_it_starts():
    now = timezone.now()
    bad = EditorialSlot(
        title="x", target_type="tag", target="rock", publish_start=now, publish_end=now
    )
    with pytest.raises(ValidationError):
        bad.full_clean()


def test_one_snapshot_per_chart_and_territory():
    fields = {"kind": "release", "period": "week", "country": "GB", "body": b"<x/>"}
    ChartSnapshot.objects.create(fetched_at=timezone.now(), **fields)
    with pytest.raises(IntegrityError):
        ChartSnapshot.objects.create(fetched_at=timezone.now(), **fields)


def test_snapshot_is_parsed_once_per_version(monkeypatch):
    """The stored body is parsed on first use, then reused until it is replaced."""
    parses = []
    real_parse = sevendigital.parse_response

    def counting_parse(body):
        parses.append(body)
        return real_parse(body)

    monkeypatch.setattr(models.sevendigital, "parse_response", counting_parse)
    body = fake_api.envelope(fake_api.chart("release", "GB"))
    row = ChartSnapshot.objects.create(
        kind="release", period="week", country="GB", body=body, fetched_at=timezone.now()
    )
    first = ChartSnapshot.objects.get(pk=row.pk).parsed()
    assert ChartSnapshot.objects.defer("body").get(pk=row.pk).parsed() == first
    assert len(parses) == 1
    row.fetched_at += timedelta(minutes=1)
    row.save()
    ChartSnapshot.objects.get(pk=row.pk).parsed()
    assert len(parses) == 2
    assert first.items[0].release.title == "Release 1 (GB)"


def test_the_charts_page_offers_every_snapshot_period():
    assert set(CHART_PERIODS) == set(ChartSnapshot.Period.values)
