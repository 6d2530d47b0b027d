"""Adding to the basket while the API misbehaves: a message, never a 500; the add is
sent once and never repeated, so the basket is never doubled.

When the add never reached 7digital (503, 429, hang) the basket is exactly as it
was. When it reached 7digital but the answer was lost (latency past the timeout,
reset, unreadable body), 7digital may hold the item: it is there once, and the
basket page (which reads 7digital's basket) shows it. (The line shown after such an
add is the "nothing has changed" one, which is then not true: reported, not
asserted here.)
"""

import pytest

from checkout.errors import MAYBE_DONE, SERVICE_DOWN
from checkout.services.baskets import SESSION_KEY
from tests.faults.support import assert_no_crash, tracks_for_sale

pytestmark = [pytest.mark.faults, pytest.mark.live_sandbox, pytest.mark.django_db]

NEVER_SENT = ("503", "429", "hang")
ANSWER_LOST = ("latency", "reset", "malformed")
ADD_ITEM = "/1.2/basket/addItem"


@pytest.fixture
def basket(store, client, direct):
    """A shopper's basket holding one track; and another track to add."""
    first, second = tracks_for_sale(direct, 2)
    answer = add(client, first)
    assert b"Added" in answer.content
    return client.session[SESSION_KEY], first, second


def add(client, item):
    """Press "Add to basket" (the htmx form of a release page)."""
    fields = {"release_id": item.release_id, "track_id": item.track_id, "package_id": 2}
    return client.post("/basket/add/", fields, HTTP_HX_REQUEST="true")


def track_ids(direct, basket_id: str) -> list[int]:
    return [line.track_id for line in direct.get_basket(basket_id=basket_id).items]


@pytest.mark.parametrize("mode", NEVER_SENT)
def test_add_that_never_arrived_leaves_the_basket_unchanged(mode, basket, store, client, direct):
    """The shopper reads that nothing was charged (and, where the store cannot know
    whether the request arrived, to check the basket), and nothing changed."""
    ref, first, second = basket
    store.inject(mode)
    answer = add(client, second)
    store.heal()
    assert_no_crash(answer)
    assert SERVICE_DOWN.encode() in answer.content or MAYBE_DONE.encode() in answer.content
    assert client.session[SESSION_KEY] == ref
    assert track_ids(direct, ref["basket_id"]) == [first.track_id]


@pytest.mark.parametrize("mode", ANSWER_LOST)
def test_add_whose_answer_was_lost_is_not_repeated(mode, basket, store, client, direct):
    """One addItem request for one press, which 7digital acted on: its basket holds
    each track once, and the basket page shows what it holds."""
    ref, first, second = basket
    before = store.hits(ADD_ITEM)
    store.inject(mode)
    answer = add(client, second)
    store.heal()
    assert_no_crash(answer)
    assert b'class="buy__error"' in answer.content
    assert MAYBE_DONE.encode() in answer.content
    assert store.hits(ADD_ITEM) == before + 1
    held = track_ids(direct, ref["basket_id"])
    assert sorted(held) == sorted([first.track_id, second.track_id])
    page = client.get("/basket/")
    assert page.status_code == 200
    assert page.content.count(b'class="basket__item"') == len(held)
