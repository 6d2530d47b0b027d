"""The embedded shared cache: a write and a read as the cache fills, Django's
FileBasedCache (the store's embedded default before) against storefront.cache.DiskCache
(diskcache), in one run.

    .venv/bin/python bench/cache/run.py
    .venv/bin/python bench/cache/run.py --sizes 0,5000,20000 --samples 300

Each backend gets its own empty folder, is filled to each size with entries shaped
like a rendered fragment (about 5 KB of text with a hole), then times `--samples`
new writes and reads of them (medians and p95, milliseconds). Exits non-zero when a
read does not return what was written.
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # run as a script: the project's packages are importable

VALUE = ("<li>" * 700, ("csrf", ()), "</li>" * 500)
BACKENDS = {
    "FileBasedCache": (
        "django.core.cache.backends.filebased.FileBasedCache",
        {"OPTIONS": {"MAX_ENTRIES": 50_000, "CULL_FREQUENCY": 10}},
    ),
    "DiskCache": ("storefront.cache.DiskCache", {"DATABASE_TIMEOUT": 0.1}),
}


def timed(action, keys: list[str]) -> list[float]:
    times = []
    for key in keys:
        started = time.perf_counter()
        action(key)
        times.append((time.perf_counter() - started) * 1000)
    return times


def measure(cache, keys: list[str]) -> tuple[list[float], list[float], bool]:
    """Write then read `keys`: write times, read times, whether every read was right."""
    writes = timed(lambda key: cache.set(key, VALUE, 3600), keys)
    found = []
    reads = timed(lambda key: found.append(cache.get(key)), keys)
    return writes, reads, all(value == VALUE for value in found)


def summary(times: list[float]) -> str:
    p95 = statistics.quantiles(times, n=20)[-1]
    return f"{statistics.median(times):.3f} / {p95:.3f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0,5000,20000")
    parser.add_argument("--samples", type=int, default=300)
    args = parser.parse_args()
    from django.conf import settings

    settings.configure()
    from django.core.cache import caches

    sizes = [int(size) for size in args.sizes.split(",")]
    rows: dict[int, dict[str, tuple[str, str]]] = {size: {} for size in sizes}
    failed = False
    with tempfile.TemporaryDirectory(prefix="bench-cache-") as tmp:
        settings.CACHES = {
            name: {"BACKEND": backend, "LOCATION": f"{tmp}/{name}", **options}
            for name, (backend, options) in BACKENDS.items()
        }
        for name in BACKENDS:
            cache, filled = caches[name], 0
            for size in sizes:
                print(f"{name}: filling to {size:,} entries...", flush=True)
                for n in range(filled, size):
                    cache.set(f"fill-{n}", VALUE, 3600)
                filled = size
                keys = [f"sample-{size}-{n}" for n in range(args.samples)]
                writes, reads, right = measure(cache, keys)
                failed |= not right
                filled += args.samples
                rows[size][name] = (summary(writes), summary(reads))
    print("\n| entries | " + " | ".join(f"{name} write | {name} read" for name in BACKENDS) + " |")
    print("| ---: |" + " ---: | ---: |" * len(BACKENDS))
    for size, found in rows.items():
        cells = " | ".join(f"{write} | {read}" for write, read in found.values())
        print(f"| {size:,} | {cells} |")
    print("\n(median / p95 ms)")
    if failed:
        print("FAILED: a read did not return what was written")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
