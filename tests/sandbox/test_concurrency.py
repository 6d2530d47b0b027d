"""One basket, bought from eight threads at once over real HTTP: exactly one purchase.

Runs against the `sandbox_server` fixture (gunicorn, 2 workers x 4 threads, its own
PostgreSQL database): the row lock on the basket is what makes the other seven
answer 7001 instead of charging again. SQLite serialises writers anyway, so the test
is only meaningful, and only run, on PostgreSQL.
"""

import threading
from collections import Counter

import pytest
import requests
from lxml import etree

from tests.sandbox.live_support import make_live_shopper
from tests.skips import needs_postgres

pytestmark = [
    pytest.mark.live_sandbox,
    pytest.mark.postgres,
    needs_postgres,  # SQLite serialises writers: nothing would race
]

BUYERS = 8


def outcome(response: requests.Response) -> str:
    """ "purchase <id>" for a purchase, "error <code>" for an error answer."""
    root = etree.fromstring(response.content)
    if root.get("status") == "ok":
        return f"purchase {root.find('purchase').get('id')}"
    return f"error {root.find('error').get('code')}"


def test_concurrent_purchases_of_one_basket_make_one_purchase(sandbox_server):
    """Eight simultaneous user/purchase/basket calls: one purchase, seven 7001s."""
    shopper = make_live_shopper(sandbox_server, releases=2)
    start = threading.Barrier(BUYERS)
    outcomes: list[str] = []

    def buy() -> None:
        with requests.Session() as session:
            start.wait()  # all threads send at the same moment
            response = session.get(
                f"{sandbox_server.api_url}/user/purchase/basket",
                params={"basketId": shopper.basket_id},
                auth=shopper.auth(),
                timeout=30,
            )
        outcomes.append(outcome(response))

    threads = [threading.Thread(target=buy) for _ in range(BUYERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    counts = Counter(result.split()[0] for result in outcomes)
    assert counts == {"purchase": 1, "error": BUYERS - 1}, outcomes
    assert sorted(r for r in outcomes if r.startswith("error")) == ["error 7001"] * (BUYERS - 1)

    locker = requests.get(
        f"{sandbox_server.api_url}/user/locker",
        params={"pageSize": 50},
        auth=shopper.auth(),
        timeout=30,
    )
    track_ids = etree.fromstring(locker.content).xpath("//lockerTrack/track/@id")
    assert sorted(int(t) for t in track_ids) == sorted(shopper.track_ids)
