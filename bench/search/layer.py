"""The HTTP/XML layer around a search, in CPU time (a child of run.py --layer).

Per query, the least CPU time (`time.process_time`, so other processes' load on a
shared machine barely moves it) over the runs of: the search itself
(`sandbox.search.query.search`), the whole request in process (Django's test
Client: routing, OAuth key check, rate limit, the search, the ORM fetch of the
page, XML), and the store's parse of that XML into its models (`sevendigital`).
The layer is the request less the search, plus the parse. Prints JSON.
"""

import json
import sys
import time
from pathlib import Path

# The sibling measure.py, whichever checkout's sandbox is on the path.
sys.path.insert(0, str(Path(__file__).resolve().parent))


def _least_cpu_ms(call, runs: int) -> float:
    call()  # warm
    least = float("inf")
    for _ in range(runs):
        started = time.process_time()
        call()
        least = min(least, time.process_time() - started)
    return least * 1000


def main() -> None:
    import django

    django.setup()
    from django.test import Client
    from measure import BENCH_KEY, queries

    from sandbox.models import SearchWord
    from sandbox.search.query import search
    from sevendigital.parsing import parse_response

    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    client = Client(HTTP_HOST="127.0.0.1")
    kinds = {"artist": SearchWord.Kind.ARTIST, "release": SearchWord.Kind.RELEASE}
    kinds["track"] = SearchWord.Kind.TRACK
    results = []
    for query in queries():
        entity, text = query["entity"], query["text"]
        country = None if entity == "artist" else "GB"
        params = {"q": text, "oauth_consumer_key": BENCH_KEY}
        body = client.get(f"/1.2/{entity}/search", params).content
        results.append(
            {
                **query,
                "engine": _least_cpu_ms(
                    lambda: search(kinds[entity], text, country_code=country),  # noqa: B023
                    runs,
                ),
                "request": _least_cpu_ms(
                    lambda: client.get(f"/1.2/{entity}/search", params),  # noqa: B023
                    runs,
                ),
                "parse": _least_cpu_ms(lambda: parse_response(body), runs),  # noqa: B023
                "bytes": len(body),
            }
        )
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
