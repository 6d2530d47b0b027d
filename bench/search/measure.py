"""Time the search engine against one sandbox database (a child of run.py).

Runs with DJANGO_SETTINGS_MODULE=sandbox.settings and SANDBOX_DATABASE_URL set to
the database to measure. `queries` prints the 68 query/operation pairs as JSON (the
end-to-end runner sends them over HTTP); `engine ENGINE REPEAT` times
`sandbox.search.query.search` itself with that index (fts or words), each query warm
(one untimed run first), and prints the queries with their timings in milliseconds;
`build ENGINE` rebuilds that index and prints its rows, build time and size.
"""

import json
import sys
import time
import unicodedata

BENCH_KEY = "7dbenchkey01"  # 12 characters, like a real 7digital key
BENCH_SECRET = "bench-secret"
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


def _spaced(queryset, count: int) -> list:
    """count rows spread evenly over the queryset (ordered by id)."""
    size = queryset.count()
    return [queryset[index * size // count] for index in range(count)] if size else []


def _ascii(text: str) -> str:
    """How a shopper without the accents types it ("Bjork" for "Björk")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def queries() -> list[dict]:
    """{kind, text, entity} for each query/operation pair, fixed then sampled."""
    from sandbox.models import Artist, Release, Track

    artists = _spaced(Artist.objects.order_by("id").values_list("name", flat=True), SAMPLES)
    releases = _spaced(Release.objects.order_by("id").values_list("title", flat=True), SAMPLES)
    tracks = _spaced(Track.objects.order_by("id").values_list("title", "artist__name"), SAMPLES)
    names = Artist.objects.order_by("id").values_list("name", flat=True)[:50_000]
    accented = [name for name in names if not name.isascii()][::5][:4]
    found = list(FIXED)
    found += [("artist name", name, ("artist", "release")) for name in artists]
    found += [("release title", title, ("release",)) for title in releases]
    found += [("track title", title, ("track",)) for title, _ in tracks]
    found += [("prefix", name[:4], ("artist", "release", "track")) for name in artists[:4]]
    found += [("accents folded", _ascii(name), ("artist",)) for name in accented]
    found += [
        ("artist + title word", f"{artist} {title.split()[0]}", ("track",))
        for title, artist in tracks[:4]
    ]
    return [
        {"kind": kind, "text": text, "entity": entity}
        for kind, text, entities in found
        for entity in entities
    ]


def engine_times(engine_name: str, repeat: int) -> list[dict]:
    """engine_name: fts, words, or default (the database's own; the only choice of a
    baseline checkout, whose search takes no engine)."""
    from sandbox.models import SearchWord
    from sandbox.search import query as search_module

    search = search_module.search
    engine = {"fts": "FtsIndex", "words": "WordIndex"}.get(engine_name)
    kinds = {"artist": SearchWord.Kind.ARTIST, "release": SearchWord.Kind.RELEASE}
    kinds["track"] = SearchWord.Kind.TRACK
    results = []
    for query in queries():
        country = None if query["entity"] == "artist" else "GB"
        arguments = (kinds[query["entity"]], query["text"])
        options = {"country_code": country}
        if engine:
            options["engine"] = getattr(search_module, engine)
        found = search(*arguments, **options)  # warm: the index pages this query reads
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            search(*arguments, **options)
            times.append((time.perf_counter() - started) * 1000)
        results.append({**query, "times_ms": times, "total": found.total})
    return results


def build(engine_name: str) -> dict:
    """Rebuild one index from the catalogue: its rows, seconds and size on disk."""
    from django.db import connection

    from sandbox.search import fts, index

    started = time.perf_counter()
    rows = fts.rebuild() if engine_name == "fts" else index.rebuild_search_index()
    seconds = time.perf_counter() - started
    return {"rows": rows, "seconds": round(seconds, 1), "mb": index_mb(engine_name, connection)}


def index_mb(engine_name: str, connection) -> float:
    """Tables and indexes of one search index, in MB."""
    if engine_name == "fts":
        names = "name LIKE 'sandbox_fts_%'"
    else:
        names = "(name LIKE 'sandbox_searchword%' OR name LIKE 'sandbox_searchterm%')"
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"SELECT SUM(pgsize) FROM dbstat WHERE {names}")  # nosec B608
        else:
            cursor.execute(
                "SELECT pg_total_relation_size('sandbox_searchword') "
                "+ pg_total_relation_size('sandbox_searchterm')"
            )
        return round((cursor.fetchone()[0] or 0) / 1e6, 1)


def ensure_consumer() -> None:
    from sandbox.models import Consumer

    Consumer.objects.update_or_create(
        key=BENCH_KEY, defaults={"secret": BENCH_SECRET, "rate_limit": 1_000_000_000}
    )


def main() -> None:
    import django

    django.setup()
    if sys.argv[1] == "queries":
        ensure_consumer()
        json.dump(queries(), sys.stdout)
    elif sys.argv[1] == "build":
        json.dump(build(sys.argv[2]), sys.stdout)
    else:
        json.dump(engine_times(sys.argv[2], int(sys.argv[3])), sys.stdout)


if __name__ == "__main__":
    main()
