"""Writes of the editorial slots: their order on the shelf, and whether their targets
still exist and are on sale where the slot is shown."""

import logging
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from catalogue.models import EditorialSlot
from catalogue.slot_targets import TargetError, TargetUnknownNow, check_country, target_resolve

logger = logging.getLogger(__name__)

UP, DOWN = "up", "down"


@transaction.atomic
def slot_move(*, slot_id: int, direction: str) -> EditorialSlot:
    """Swap a slot with its neighbour of the same kind; positions become 0, 1, 2...

    The kind's rows are locked first: two staff moving slots at once each see the
    order the other left, and the positions stay distinct.
    """
    slot = EditorialSlot.objects.get(pk=slot_id)
    locked = EditorialSlot.objects.select_for_update().filter(kind=slot.kind)
    # Sorted here, not by the query: PostgreSQL sorts before waiting for the lock, so
    # after a wait the rows carry the other's positions in the order read before it.
    shelf = sorted(locked, key=lambda row: (row.position, row.pk))
    index = next(i for i, row in enumerate(shelf) if row.pk == slot.pk)
    other = index - 1 if direction == UP else index + 1
    if 0 <= other < len(shelf):
        shelf[index], shelf[other] = shelf[other], shelf[index]
    for position, row in enumerate(shelf):
        if row.position != position:
            row.position = position
            row.save(update_fields=["position"])
    return next(row for row in shelf if row.pk == slot.pk)


def slot_position_last(*, kind: str) -> int:
    """The position after the last slot of `kind` (a new slot goes to the end)."""
    last = EditorialSlot.objects.filter(kind=kind).order_by("-position").first()
    return 0 if last is None else last.position + 1


def slots_to_check(now: datetime):
    """Slots linking into the catalogue that are shown now or later."""
    return EditorialSlot.objects.filter(
        target_type__in=EditorialSlot.CATALOGUE_TARGETS, is_active=True
    ).exclude(publish_end__lte=now)


def slot_check_targets() -> int:
    """Mark slots whose target is gone or no longer sold where they are shown (and
    clear the mark once it is back); how many are broken now.

    An API that is down says nothing about the targets: the run stops and is retried,
    and no slot is marked for it.
    """
    now = timezone.now()
    broken = 0
    for slot in slots_to_check(now):
        try:
            found = target_resolve(
                kind=slot.target_type, raw=slot.target, country=check_country(slot)
            )
        except TargetUnknownNow:
            raise
        except TargetError as error:
            problem = str(error)
        else:
            problem = ""
            slot.target_title, slot.target_image = found.title, found.image
        slot.problem, slot.checked_at = problem, now
        slot.save(update_fields=["problem", "checked_at", "target_title", "target_image"])
        broken += bool(problem)
    return broken
