"""Reading a load run: locust's statistics, and the API calls the store made per page.

The store's and the sandbox's gunicorn access lines (format `ACCESS_FORMAT`) say which
requests the store served and which 7digital operations it called. Each operation is
attributed to the group of store requests that makes it (`OPERATION_GROUPS`, read off
the selectors and services that call it), so the table says where the calls come from.
"""

import json
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

ACCESS_FORMAT = "%(t)s|%(m)s|%(U)s|%(s)s|%(M)s|%({hx-request}i)s"
DAILY_ALLOWANCE = 4000  # a 7digital prototype key's requests a day

# Store requests (kind of page or form post) by the group that the table shows.
REQUEST_GROUPS = {
    "home": "home",
    "charts": "charts",
    "release": "release page",
    "search": "search (page + live)",
    "search (live)": "search (page + live)",
    "basket add": "basket add",
    "checkout": "checkout (page + pay)",
    "pay": "checkout (page + pay)",
    "receipt": "receipt",
    "locker": "locker (page + download)",
    "locker download": "locker (page + download)",
    "sign in": "sign in",
}
# 7digital operation (path after /1.2/) -> the group whose requests call it.
OPERATION_GROUPS = {
    # catalogue.selectors.release_page: 5 reads, 3 of them optional parts of the page.
    **dict.fromkeys(
        ("release/details", "release/tracks", "release/tags", "release/editorial"),
        "release page",
    ),
    "release/recommend": "release page",
    **dict.fromkeys(("release/search", "track/search", "artist/search"), "search (page + live)"),
    **dict.fromkeys(("basket/create", "basket/addItem"), "basket add"),
    # get_basket on the checkout page (pay reuses it); the cards; the purchase.
    **dict.fromkeys(
        ("basket", "user/payment/card", "user/purchase/basket"), "checkout (page + pay)"
    ),
    "user/locker": "locker (page + download)",
    # Snapshots: a page refreshes one itself only when beat has not for 2x its lifetime.
    **dict.fromkeys(
        ("release/chart", "track/chart", "artist/chart", "editorial/list", "release/bytag/new"),
        "home",
    ),
    "countries": "territory switcher (names, cached a day)",
    "country/resolve": "territory (first request of a session)",
}
# Calls a shopper's own action makes (their basket, cards, purchase, locker): never
# cacheable, one per action. Every other operation is browsing: catalogue reads and
# snapshots, which caching bounds by the distinct things shoppers reach.
ACTION_PREFIXES = ("basket", "user/")
# The release page's reads (catalogue.selectors.release_page), by client operation.
RELEASE_PAGE_READS = (
    "get_release_details",
    "get_release_tracks",
    "get_release_tags",
    "get_release_editorial",
    "get_release_recommendations",
)
WINDOWS = 6  # the run is cut into this many equal spans to show calls as the cache warms
PATH_KINDS = (
    ("GET", "/charts/", "charts"),
    ("GET", "/release/", "release"),
    ("GET", "/checkout/", "checkout"),
    ("POST", "/checkout/card/", "pay"),
    ("GET", "/receipt/", "receipt"),
    ("GET", "/accounts/locker/", "locker"),
    ("POST", "/accounts/locker/download/", "locker download"),
    ("POST", "/basket/add/", "basket add"),
)


@dataclass(frozen=True)
class Hit:
    at: datetime
    method: str
    path: str
    status: int
    millis: int
    htmx: bool


def access_lines(path: Path) -> list[str]:
    """The access lines of a gunicorn's output: plain, or the `message` of the JSON
    lines of its `gunicorn.access` logger (production logging, gunicorn.conf.py)."""
    lines = []
    for line in path.read_text().splitlines() if path.exists() else []:
        if line.startswith("{"):
            record = json.loads(line)
            if record.get("logger") == "gunicorn.access":
                lines.append(record["message"])
        elif line.count("|") == 5:
            lines.append(line)
    return lines


def line_count(path: Path) -> int:
    return len(access_lines(path))


def read_access_log(path: Path, since_line: int = 0) -> list[Hit]:
    hits = []
    for line in access_lines(path)[since_line:]:
        when, method, url, status, millis, htmx = line.split("|")
        at = datetime.strptime(when.strip("[]"), "%d/%b/%Y:%H:%M:%S %z")
        hits.append(Hit(at, method, url, int(status), int(millis), htmx == "true"))
    return hits


def request_kind(hit: Hit) -> str:
    """What a store request was: a kind of page (GET) or of form post."""
    if hit.path.startswith("/accounts/login/"):
        return "sign in"
    if hit.path.startswith("/search/"):
        return "search (live)" if hit.htmx else "search"
    if hit.method == "GET" and hit.path == "/":
        return "home"
    for method, prefix, kind in PATH_KINDS:
        if hit.method == method and hit.path.startswith(prefix):
            return kind
    return f"other {hit.method}"


def is_action(operation: str) -> bool:
    return operation.startswith(ACTION_PREFIXES)


def windows(store_hits: list[Hit], api_hits: list[Hit], count: int = WINDOWS) -> list[dict]:
    """Page views and calls (browsing / shopper actions) in `count` equal spans of the run."""
    if not store_hits:
        return []
    first, last = store_hits[0].at, store_hits[-1].at
    span = max((last - first) / count, (last - first) / 10**6)
    rows = [{"views": 0, "browsing": 0, "actions": 0} for _ in range(count)]

    def index(hit: Hit) -> int:
        return min(max(int((hit.at - first) / span), 0), count - 1)

    for hit in store_hits:
        if hit.method == "GET":
            rows[index(hit)]["views"] += 1
    for hit in api_hits:
        operation = hit.path.removeprefix("/1.2/")
        rows[index(hit)]["actions" if is_action(operation) else "browsing"] += 1
    return rows


def summarise(store_hits: list[Hit], api_hits: list[Hit]) -> dict:
    """Page views, API calls and where they come from, over the run and its second half."""
    api_hits = [hit for hit in api_hits if hit.path.startswith("/1.2/")]
    operations = Counter(hit.path.removeprefix("/1.2/") for hit in api_hits)
    calls: Counter = Counter()
    for operation, count in operations.items():
        calls[OPERATION_GROUPS.get(operation, f"other ({operation})")] += count
    requests = Counter(REQUEST_GROUPS.get(request_kind(hit), "other") for hit in store_hits)
    views = [hit for hit in store_hits if hit.method == "GET"]
    first, last = (store_hits[0].at, store_hits[-1].at) if store_hits else (None, None)
    middle = first + (last - first) / 2 if store_hits else None
    return {
        "requests": requests,
        "calls": calls,
        "operations": operations,
        "page_views": len(views),
        "api_calls": len(api_hits),
        "late_views": sum(1 for hit in views if hit.at >= middle),
        "late_calls": sum(1 for hit in api_hits if middle and hit.at >= middle),
        "seconds": max((last - first).total_seconds(), 1.0) if store_hits else 1.0,
        "store_ms": [hit.millis for hit in store_hits],
        "store_errors": sum(1 for hit in store_hits if hit.status >= 500),
        "action_calls": sum(n for op, n in operations.items() if is_action(op)),
        "checkouts": sum(1 for hit in store_hits if request_kind(hit) == "pay"),
        "releases_seen": len({hit.path for hit in store_hits if request_kind(hit) == "release"}),
        "windows": windows(store_hits, api_hits),
    }


def percentile(values: list[int], share: float) -> int:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0


def daily_snapshot_calls(lifetimes: dict[str, int], territories: int, editorial: int, tags: int):
    """API calls a day that Celery beat spends keeping the home page and charts warm."""
    per_day = {name: 86400 / seconds for name, seconds in lifetimes.items()}
    charts = 3 * sum(per_day[f"snapshot:chart:{period}"] for period in ("day", "week", "month"))
    home = editorial * per_day["snapshot:editorial"] + tags * per_day["snapshot:new-releases"]
    return round(territories * (charts + home))


def background_calls() -> dict[str, int]:
    """The day's calls that no page view makes, from the store's settings."""
    from storefront.settings import base as settings

    beat = daily_snapshot_calls(
        settings.CATALOGUE_CACHE_SECONDS,
        territories=len(settings.STORE_TERRITORIES),
        editorial=len(settings.STORE_EDITORIAL_KEYS),
        tags=len(settings.STORE_FEATURED_TAGS),
    )
    return {"beat": beat, "healthz": 86400 // settings.HEALTH_API_CHECK_SECONDS}


def browsing_ceiling(catalogue: dict[str, int]) -> dict[str, int]:
    """The most browsing calls a day can cost, however many views it has: each thing a
    shopper can reach read once per lifetime (the store's settings). `catalogue` says
    how many there are: releases, and search texts (words and the prefixes typed)."""
    from storefront.settings import base as settings

    lifetimes = settings.CATALOGUE_CACHE_SECONDS

    def per_day(operation: str) -> float:
        return 86400 / lifetimes[operation]

    release = sum(per_day(operation) for operation in RELEASE_PAGE_READS)
    return {
        "releases": round(catalogue["releases"] * release),
        "searches": round(catalogue["search_texts"] * per_day("search_releases")),
        "countries": round(per_day("get_countries")),
        **background_calls(),
    }
