"""Time the search operations against one sandbox database (a child of run.py).

Runs with DJANGO_SETTINGS_MODULE=sandbox.settings and SANDBOX_DATABASE_URL set to
the database to measure. Queries go through the real URL routing, OAuth key check,
rate limiting and XML rendering (Django's test Client, in process, no network).
Prints one JSON document: the queries and their timings in milliseconds.
"""

import json
import sys
import time
import unicodedata
from dataclasses import asdict, dataclass

BENCH_KEY = "7dbenchkey01"  # 12 characters, like a real 7digital key
SAMPLES = 8  # names and titles sampled from the catalogue, per kind

# Literal queries any generated catalogue answers (or misses) the same way.
FIXED = (
    ("common word", "love", ("release", "track")),
    ("common word", "night", ("release", "track")),
    ("common word", "the", ("artist", "release", "track")),
    ("short prefix", "bl", ("artist", "release", "track")),
    ("miss", "zzyzx", ("artist", "release", "track")),
    ("miss", "qwertyuiop asdfgh", ("artist", "release", "track")),
)


@dataclass
class Query:
    kind: str  # what sort of query (artist name, title, prefix, ...)
    text: str
    entity: str  # artist | release | track: which search operation
    times_ms: list[float]
    total: int = 0


def _spaced(queryset, count: int) -> list:
    """count rows spread evenly over the queryset (ordered by id)."""
    size = queryset.count()
    return [queryset[index * size // count] for index in range(count)] if size else []


def _sampled() -> list[tuple[str, str, tuple[str, ...]]]:
    from sandbox.models import Artist, Release, Track

    artists = _spaced(Artist.objects.order_by("id").values_list("name", flat=True), SAMPLES)
    releases = _spaced(Release.objects.order_by("id").values_list("title", flat=True), SAMPLES)
    tracks = _spaced(Track.objects.order_by("id").values_list("title", "artist__name"), SAMPLES)
    names = Artist.objects.order_by("id").values_list("name", flat=True)[:50_000]
    accented = [name for name in names if not name.isascii()][::5][:4]
    queries = [("artist name", name, ("artist", "release")) for name in artists]
    queries += [("release title", title, ("release",)) for title in releases]
    queries += [("track title", title, ("track",)) for title, _ in tracks]
    queries += [("prefix", name[:4], ("artist", "release", "track")) for name in artists[:4]]
    queries += [("accents folded", _ascii(name), ("artist",)) for name in accented]
    queries += [
        ("artist + title word", f"{artist} {title.split()[0]}", ("track",))
        for title, artist in tracks[:4]
    ]
    return queries


def _ascii(text: str) -> str:
    """How a shopper without the accents types it ("Bjork" for "Björk")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def measure(repeat: int) -> list[Query]:
    from django.test import Client
    from lxml import etree

    from sandbox.models import Consumer

    Consumer.objects.update_or_create(
        key=BENCH_KEY, defaults={"secret": "bench-secret", "rate_limit": 1_000_000_000}
    )
    client = Client(HTTP_HOST="127.0.0.1")
    for entity in ("artist", "release", "track"):  # imports, connection, first queries
        client.get(f"/1.2/{entity}/search", {"q": "warm up", "oauth_consumer_key": BENCH_KEY})
    results = []
    for kind, text, entities in (*FIXED, *_sampled()):
        for entity in entities:
            params = {"q": text, "oauth_consumer_key": BENCH_KEY}
            # The first run of each query is timed too: its index pages may be cold.
            query = Query(kind, text, entity, [])
            for _ in range(repeat):
                started = time.perf_counter()
                response = client.get(f"/1.2/{entity}/search", params)
                query.times_ms.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, response.content[:500]
            query.total = int(etree.fromstring(response.content).findtext(".//totalItems"))
            results.append(query)
    return results


def main() -> None:
    import django

    django.setup()
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    json.dump([asdict(query) for query in measure(repeat)], sys.stdout)


if __name__ == "__main__":
    main()
