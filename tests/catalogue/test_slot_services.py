"""Slots keep distinct positions when moved, and broken targets are marked by Celery."""

import threading
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from catalogue import slot_services
from catalogue.models import EditorialSlot
from catalogue.slot_targets import TargetUnknownNow
from tests.catalogue.slot_support import charted_release, live_store, release_not_sold_somewhere
from tests.skips import needs_postgres

__all__ = ["live_store"]


def make_slots(count: int, kind: str = "slot") -> list[EditorialSlot]:
    return [
        EditorialSlot.objects.create(
            title=f"Slot {n}", kind=kind, position=n, target_type="tag", target="rock"
        )
        for n in range(count)
    ]


def order(kind: str = "slot") -> list[tuple[str, int]]:
    rows = EditorialSlot.objects.filter(kind=kind).order_by("position", "id")
    return [(row.title, row.position) for row in rows]


@pytest.mark.django_db
def test_moving_swaps_neighbours_and_renumbers():
    make_slots(3)
    EditorialSlot.objects.create(
        title="Other kind", kind="banner", position=0, target_type="tag", target="pop"
    )
    third = EditorialSlot.objects.get(title="Slot 2")
    slot_services.slot_move(slot_id=third.pk, direction="up")
    assert order() == [("Slot 0", 0), ("Slot 2", 1), ("Slot 1", 2)]
    assert order("banner") == [("Other kind", 0)]


@pytest.mark.django_db
def test_moving_past_either_end_keeps_the_order():
    first, _, last = make_slots(3)
    slot_services.slot_move(slot_id=first.pk, direction="up")
    slot_services.slot_move(slot_id=last.pk, direction="down")
    assert order() == [("Slot 0", 0), ("Slot 1", 1), ("Slot 2", 2)]


@pytest.mark.django_db
def test_gaps_and_ties_in_old_positions_are_made_distinct():
    for title, position in (("A", 5), ("B", 5), ("C", 9)):
        EditorialSlot.objects.create(
            title=title, position=position, target_type="tag", target="rock"
        )
    slot_services.slot_move(slot_id=EditorialSlot.objects.get(title="C").pk, direction="up")
    assert order() == [("A", 0), ("C", 1), ("B", 2)]


@pytest.mark.django_db
def test_a_new_slot_goes_to_the_end_of_its_kind():
    make_slots(2)
    assert slot_services.slot_position_last(kind="slot") == 2
    assert slot_services.slot_position_last(kind="banner") == 0


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgres
@needs_postgres  # row locks
def test_two_staff_moving_at_once_leave_distinct_positions(monkeypatch):
    """The shelf's rows are locked: the second move waits and sees the first's order.

    The first mover, about to write, waits (up to a second) until the second has read
    the order. Without the lock the second reads the old order at once, both renumber
    from it, and two slots share a position; with it the second cannot read until the
    first commits.
    """
    make_slots(4)
    second_has_read = threading.Event()
    save = EditorialSlot.save

    def save_after_the_other_read(self, *args, **kwargs):
        if threading.current_thread().name == "first":
            second_has_read.wait(timeout=1)
        else:
            second_has_read.set()
        return save(self, *args, **kwargs)

    monkeypatch.setattr(EditorialSlot, "save", save_after_the_other_read)
    errors = []

    def move(title: str, direction: str) -> None:
        try:
            slot_id = EditorialSlot.objects.get(title=title).pk
            slot_services.slot_move(slot_id=slot_id, direction=direction)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    first = threading.Thread(target=move, args=("Slot 3", "up"), name="first")
    second = threading.Thread(target=move, args=("Slot 1", "down"), name="second")
    first.start()
    time.sleep(0.2)  # the first has read the order and waits to write
    second.start()
    first.join()
    second.join()
    assert not errors
    # 0 1 2 3 -> (3 up) 0 1 3 2 -> (1 down, past its new neighbour 3) 0 3 1 2
    assert order() == [("Slot 0", 0), ("Slot 3", 1), ("Slot 1", 2), ("Slot 2", 3)]


@pytest.mark.django_db
@pytest.mark.live_sandbox
def test_a_slot_not_sold_in_its_territory_is_marked_broken_then_cleared(live_store):
    release_id, country = release_not_sold_somewhere(live_store)
    slot = EditorialSlot.objects.create(
        title="Gone", target_type="release", target=str(release_id), territory=country
    )
    healthy = charted_release()
    fine = EditorialSlot.objects.create(title="Fine", target_type="release", target=str(healthy.id))
    assert slot_services.slot_check_targets() == 1
    slot.refresh_from_db()
    fine.refresh_from_db()
    assert f"not sold in {country}" in slot.problem
    assert slot.state(timezone.now()) == EditorialSlot.State.BROKEN
    assert fine.problem == "" and fine.target_title == healthy.title and fine.checked_at

    EditorialSlot.objects.filter(pk=slot.pk).update(territory="")
    slot_services.slot_check_targets()
    slot.refresh_from_db()
    assert slot.problem == ""


@pytest.mark.django_db
@pytest.mark.live_sandbox
def test_ended_slots_are_not_checked(live_store):
    EditorialSlot.objects.create(
        title="Old",
        target_type="release",
        target="999999999",
        publish_start=timezone.now() - timedelta(days=9),
        publish_end=timezone.now() - timedelta(days=1),
    )
    assert slot_services.slot_check_targets() == 0


@pytest.mark.django_db
def test_an_api_that_is_down_marks_nothing(settings):
    """No answer says nothing about the target: the task is retried, no slot is marked."""
    settings.SEVENDIGITAL_API_URL = "http://127.0.0.1:9/1.2"  # nothing listens there
    slot = EditorialSlot.objects.create(title="X", target_type="release", target="12")
    with pytest.raises(TargetUnknownNow):
        slot_services.slot_check_targets()
    slot.refresh_from_db()
    assert slot.problem == "" and slot.checked_at is None
