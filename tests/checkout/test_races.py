"""Exactly once, proven by requests that really race (PostgreSQL, real threads).

Two requests to pay for one basket, or to buy now one track, are held at the claim
after both passed their "already bought?" checks (tests/checkout/races.py): nothing
but the claim's guards can stop the second. Each guard is shown on its own:

- the row lock: the second request is seen waiting on it in `pg_stat_activity`
  while the first holds it, and then finds the first's record;
- with the lock taken away, the unique constraint and the `IntegrityError` fallback
  alone still leave one record and one call to 7digital.

Skipped unless DATABASE_URL points at PostgreSQL (SQLite serialises every writer):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/pytest -m postgres
"""

import pytest
from django.test import Client
from django.urls import reverse

from checkout import services
from checkout.models import Purchase
from checkout.services import basket_ref_for_user, purchases
from storefront.api import get_client
from tests.checkout.conftest import new_shopper
from tests.checkout.races import Race, lock_waiters
from tests.checkout.support import purchase_ids_in_locker, register_card, user_token
from tests.skips import needs_postgres

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.live_sandbox,
    needs_postgres,
]

PURCHASE_CALLS = {"basket": "/1.2/user/purchase/basket", "buy-now": "/1.2/user/purchase/item"}


@pytest.fixture
def racer(transactional_db, counted_api, django_user_model, items):
    """(a shopper with a card and one release in the basket, the work of one request
    of each kind: pay for that basket by card, or buy now that release's track)."""
    shopper = new_shopper(django_user_model)
    register_card(shopper)
    store = Client()
    store.force_login(shopper)
    store.post(reverse("basket-add"), {"release_id": items[1].release.id})
    basket_id = basket_ref_for_user(user=shopper).basket_id
    item = items[0]
    work = {
        "basket": lambda i: services.checkout_card(
            user=shopper, basket_id=basket_id, submit_token=f"form-{i}"
        ),
        "buy-now": lambda i: services.buy_now(
            user=shopper,
            country="GB",
            release_id=item.release.id,
            track_id=item.track.id,
            package_id=2,
            price=item.track_price,
            submit_token=f"form-{i}",
        ),
    }
    return shopper, work


def assert_bought_once(shopper, answers, counted_api, kind: str) -> None:
    assert all(isinstance(answer, Purchase) for answer in answers), answers
    purchase = Purchase.objects.get(user=shopper)  # exactly one record at all
    assert purchase.status == Purchase.Status.SUCCEEDED
    assert {answer.pk for answer in answers} == {purchase.pk}
    assert counted_api.calls[PURCHASE_CALLS[kind]] == 1
    locker_ids = purchase_ids_in_locker(get_client(), user_token(shopper))
    assert locker_ids == {int(purchase.sevendigital_purchase_id)}


@pytest.mark.parametrize("kind", ["basket", "buy-now"])
def test_the_row_lock_makes_the_second_request_wait(racer, counted_api, monkeypatch, kind):
    """Both requests past their checks at once: the second waits on the shopper's row
    lock while the first claims, then finds the first's record and calls nobody."""
    shopper, work = racer
    race = Race(monkeypatch, meet="claim")
    race.run(work[kind])
    waiting = lock_waiters()
    race.release()
    answers = race.results()
    assert waiting == 1, "the second request never waited on the row lock"
    assert race.arrived == {"claim": 2, "claimed": 1}
    assert_bought_once(shopper, answers, counted_api, kind)


@pytest.mark.parametrize("kind", ["basket", "buy-now"])
def test_without_the_lock_the_unique_constraint_still_makes_one(
    racer, counted_api, monkeypatch, kind
):
    """Both requests inside the claim at once (no lock to queue them): the database's
    one-active-purchase constraint refuses the second write, and the second request
    answers with the first's record instead of an error."""
    shopper, work = racer
    monkeypatch.setattr(purchases, "_lock_shopper", lambda user: None)
    race = Race(monkeypatch, meet="claimed")
    race.release()  # the barrier at "claimed" is the whole race here
    race.run(work[kind])
    answers = race.results()
    assert race.arrived == {"claim": 2, "claimed": 2}
    assert_bought_once(shopper, answers, counted_api, kind)


def test_two_shoppers_buying_the_same_track_do_not_wait_for_each_other(
    transactional_db, counted_api, django_user_model, items, monkeypatch
):
    """The lock is the shopper's own: two shoppers buying now the same track at the
    same instant are both inside the claim together, and each buys it."""
    shoppers = [new_shopper(django_user_model) for _ in range(2)]
    for shopper in shoppers:
        register_card(shopper)
    item = items[0]
    race = Race(monkeypatch, meet="claimed")
    race.release()
    race.run(
        lambda i: services.buy_now(
            user=shoppers[i],
            country="GB",
            release_id=item.release.id,
            track_id=item.track.id,
            package_id=2,
            price=item.track_price,
            submit_token="the-same-token",
        )
    )
    answers = race.results()
    assert race.arrived == {"claim": 2, "claimed": 2}
    assert all(isinstance(answer, Purchase) for answer in answers), answers
    assert {answer.status for answer in answers} == {Purchase.Status.SUCCEEDED}
    assert {answer.user_id for answer in answers} == {shopper.pk for shopper in shoppers}
    assert counted_api.calls[PURCHASE_CALLS["buy-now"]] == 2
