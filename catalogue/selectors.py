"""Catalogue reads for the pages: cached, stale-tolerant, concurrent.

Every selector takes keyword arguments and returns a `Fetched` (see
`storefront.reads`): fresh from the cache, else from the API, else the last good
copy with `stale=True`. With no copy to fall back on the API's error is raised
(NotFoundError -> 404 page, NotAvailableError -> "not sold in your territory",
TransportError/RateLimitedError -> 503 page). A page's independent reads run side
by side; the parts a page can do without (tags, reviews, similar artists...) are
left empty when they fail instead of failing the page.

The home page and page 1 of the charts come from snapshots in the database that
Celery beat refreshes; a page refreshes a snapshot itself only when none exists or
it is past twice its lifetime (beat is not running).
"""

import threading
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

from catalogue import services
from catalogue.models import EditorialSlot, current_language
from catalogue.services import SnapshotSpec
from catalogue.terms import Terms, shop_language
from sevendigital import (
    Artist,
    Chart,
    EditorialList,
    Page,
    Release,
    ReleaseEditorial,
    SearchResult,
    SevenDigitalError,
    Tag,
    TaggedItem,
    Track,
)
from storefront.api import get_client
from storefront.reads import (
    POOL,
    STALE_ERRORS,
    Fetched,
    Read,
    api_resting,
    fetch,
    fetch_all,
    note_api_failure,
    read,
    remembered,
    version_of,
)

HOME_CHART_PERIOD = "week"
HOME_CHART_SIZE = 10
SEARCH_OPERATIONS = {
    "release": "search_releases",
    "track": "search_tracks",
    "artist": "search_artists",
}
RELEASE_TYPE_ORDER = ("Album", "Single", "Exclusive", "Video")
ALL_TAGS_PAGE_SIZE = 100  # the API's largest page: the most used tags
TAG_PAGE_SIZE = 20
ARTIST_BROWSE_PAGE_SIZE = 30


@dataclass(frozen=True)
class HomePage:
    slots: tuple[EditorialSlot, ...]  # live for the territory, by kind then position
    editorial: tuple[EditorialList, ...]  # settings.STORE_EDITORIAL_KEYS order
    release_chart: Chart | None  # top 10 of the week
    track_chart: Chart | None
    new_releases: tuple[tuple[Tag, tuple[Release, ...]], ...]  # per featured tag

    @property
    def slots_by_kind(self) -> dict[str, list[EditorialSlot]]:
        grouped: dict[str, list[EditorialSlot]] = {kind: [] for kind in EditorialSlot.Kind}
        for slot in self.slots:
            grouped[slot.kind].append(slot)
        return grouped


@dataclass(frozen=True)
class ReleasePage:
    release: Release
    tracks: tuple[Track, ...]
    tags: tuple[Tag, ...]
    editorial: ReleaseEditorial | None
    recommendations: tuple[Release, ...]


@dataclass(frozen=True)
class ArtistPage:
    artist: Artist
    top_tracks: tuple[Track, ...]
    releases_by_type: dict[str, tuple[Release, ...]]  # Album, Single, ... then others
    similar: tuple[Artist, ...]


@dataclass(frozen=True)
class TrackPage:
    track: Track
    release: Release | None  # full details; the track's own (partial) release if missing


@dataclass(frozen=True)
class TagPage:
    tags: tuple[Tag, ...]
    new: Page[TaggedItem]
    top: Page[TaggedItem] | None


# --- Snapshot-backed pages ---------------------------------------------------------------


def home(*, country: str) -> Fetched[HomePage]:
    """The shop window: staff slots, editorial lists, top 10s, new releases by tag, in
    the language pages are rendered in (the slots' texts are staff's, per language)."""
    language = current_language()
    return remembered(f"page:home:{country}:{language}", lambda: _home(country, language))


def home_preview(*, country: str, at: datetime, language: str) -> Fetched[HomePage]:
    """The home page with the slots live at `at` in `language` (staff preview): the
    lists and charts are today's, the shop window is the one shoppers will see then."""
    today = home(country=country)
    slots = _slots(country, at, language)
    version = version_of(today.version, _slots_version(slots))
    return replace(today, value=replace(today.value, slots=slots), version=version)


def _slots(country: str, at: datetime, language: str) -> tuple[EditorialSlot, ...]:
    """The slots live at `at`, each with its title and text in `language`."""
    found = EditorialSlot.objects.live(country, at, language).prefetch_related("texts")
    return tuple(slot.in_language(language or current_language()) for slot in found)


def _home(country: str, language: str) -> Fetched[HomePage]:
    specs = {
        "release_chart": services.chart_spec(
            kind="release", period=HOME_CHART_PERIOD, country=country
        ),
        "track_chart": services.chart_spec(kind="track", period=HOME_CHART_PERIOD, country=country),
    }
    for key in settings.STORE_EDITORIAL_KEYS:
        specs[f"list:{key}"] = services.editorial_spec(key=key, country=country)
    for tag in settings.STORE_FEATURED_TAGS:
        specs[f"tag:{tag}"] = services.new_releases_spec(tag=tag, country=country)
    got = _from_snapshots(specs)
    new_releases = []
    for tag in settings.STORE_FEATURED_TAGS:
        tagged = got[f"tag:{tag}"].value
        if tagged and tagged.items:
            releases = tuple(item.release for item in tagged.items if item.release)
            new_releases.append((_tag(tag), releases))
    lists = (got[f"list:{key}"].value for key in settings.STORE_EDITORIAL_KEYS)
    slots = _slots(country, timezone.now(), language)
    page = HomePage(
        slots=slots,
        editorial=tuple(found for found in lists if found is not None),
        release_chart=_top(got["release_chart"].value),
        track_chart=_top(got["track_chart"].value),
        new_releases=tuple(new_releases),
    )
    return Fetched.of(page, got.values(), _slots_version(slots))


def chart(*, kind: str, period: str, country: str, page: int = 1) -> Fetched[Chart]:
    """One page of a chart (kind release|track|artist, period day|week|month)."""
    if kind not in services.CHART_OPERATIONS or period not in services.CHART_PERIODS:
        raise ValueError(f"no {kind!r} chart for period {period!r}")
    if page > 1:
        operation = services.CHART_OPERATIONS[kind]
        size = services.CHART_PAGE_SIZE
        return fetch(read(operation, period=period, country=country, page=page, page_size=size))
    return remembered(
        f"page:chart:{kind}:{period}:{country}", lambda: _chart(kind, period, country)
    )


def _chart(kind: str, period: str, country: str) -> Fetched[Chart]:
    spec = services.chart_spec(kind=kind, period=period, country=country)
    got = _from_snapshots({"chart": spec})["chart"]
    if got.value is None:
        raise got.error
    return got


def _from_snapshots(specs: Mapping[str, SnapshotSpec]) -> dict[str, Fetched[Any]]:
    """Each spec's stored model; missing or long-unrefreshed ones fetched live (side by
    side) and stored. A failed one is its old copy (stale), or None with the error."""
    rows = services.find_snapshots(specs.values())
    at = services.snapshot_time()
    results: dict[str, Fetched[Any]] = {}
    due: dict[str, SnapshotSpec] = {}
    for name, spec in specs.items():
        row = rows.get(spec)
        if row is not None and row.age(at) < 2 * spec.lifetime:
            results[name] = Fetched(row.parsed(), version=_row_version(row))
        elif row is not None and api_resting():
            results[name] = Fetched(row.parsed(), stale=True, version=_row_version(row))
        else:
            due[name] = spec
    answers = POOL.map(_try_fetch, due.values()) if len(due) > 1 else map(_try_fetch, due.values())
    for (name, spec), answer in zip(due.items(), list(answers), strict=True):
        row = rows.get(spec)
        if not isinstance(answer, SevenDigitalError):
            stored = services.store_snapshot(spec, answer)  # database work stays on this thread
            results[name] = Fetched(answer.value, version=_row_version(stored))
        elif isinstance(answer, STALE_ERRORS):
            note_api_failure(answer)
            old = row.parsed() if row is not None else None
            version = _row_version(row) if row is not None else version_of(spec, "missing")
            results[name] = Fetched(old, stale=True, error=answer, version=version)
        else:
            results[name] = Fetched(None, error=answer, version=version_of(spec, "missing"))
    return results


def _row_version(row: Any) -> str:
    """The version of a stored row: which row, and when it was fetched."""
    return version_of(row._meta.label, row.pk, row.fetched_at)


def _slots_version(slots: tuple[EditorialSlot, ...]) -> tuple:
    """The slots as data (each one's every field): a staff edit is a new version."""
    return tuple(
        tuple(field.value_from_object(slot) for field in slot._meta.concrete_fields)
        for slot in slots
    )


def _try_fetch(spec: SnapshotSpec) -> Any:
    try:
        return spec.fetch()
    except SevenDigitalError as error:
        return error


def _top(found: Chart | None) -> Chart | None:
    if found is None:
        return None
    return replace(found, items=found.items[:HOME_CHART_SIZE], page_size=HOME_CHART_SIZE)


def _tag(tag_id: str, known: Mapping[str, Tag] | None = None) -> Tag:
    """The Tag of an id: as the API lists it, else spelled from the id ("indie rock")."""
    return (known or {}).get(tag_id) or Tag(id=tag_id, text=tag_id.replace("-", " "))


# --- Pages read live (through the cache) ---------------------------------------------------


def search(
    *, kind: str, q: str, country: str, page: int = 1, page_size: int = 10
) -> Fetched[Page[SearchResult]]:
    """Free-text search for releases, tracks or artists; a blank query finds nothing.

    7digital's search ignores case, so "Love" and "love" share one cached read."""
    q = " ".join(q.split()).casefold()
    if not q:
        blank = Page(items=(), page=1, page_size=page_size, total_items=0)
        return Fetched(blank, version=version_of("blank search", page_size))
    operation = SEARCH_OPERATIONS[kind]
    return fetch(read(operation, q=q, country=country, page=page, page_size=page_size))


def release_page(*, release_id: int, country: str) -> Fetched[ReleasePage]:
    """A release with its tracks, tags, review and recommendations, read side by side
    (the last three are extras: near the key's daily limit, only cached copies)."""
    got = fetch_all(
        {
            "release": read("get_release_details", release_id=release_id, country=country),
            "tracks": read(
                "get_release_tracks", release_id=release_id, country=country, page_size=100
            ),
            "tags": read("get_release_tags", release_id=release_id, country=country),
            "editorial": read("get_release_editorial", release_id=release_id, country=country),
            "recommendations": read(
                "get_release_recommendations", release_id=release_id, country=country, page_size=8
            ),
        },
        optional={"tags", "editorial", "recommendations"},
        extras={"tags", "editorial", "recommendations"},  # skipped when saving calls
    )
    page = ReleasePage(
        release=got["release"].value,
        tracks=tuple(got["tracks"].value),
        tags=tuple(got["tags"].value or ()),
        editorial=got["editorial"].value,
        recommendations=tuple(r.release for r in got["recommendations"].value or ()),
    )
    return Fetched.of(page, got.values())


def artist_page(*, artist_id: int, country: str) -> Fetched[ArtistPage]:
    """An artist with top tracks, releases grouped by type and similar artists."""
    got = fetch_all(
        {
            "artist": read("get_artist_details", artist_id=artist_id, country=country),
            "top_tracks": read(
                "get_artist_top_tracks", artist_id=artist_id, country=country, page_size=10
            ),
            "releases": read(
                "get_artist_releases", artist_id=artist_id, country=country, page_size=100
            ),
            "similar": read(
                "get_similar_artists", artist_id=artist_id, country=country, page_size=8
            ),
        },
        optional={"top_tracks", "releases", "similar"},
        extras={"similar"},  # skipped when saving calls
    )
    page = ArtistPage(
        artist=got["artist"].value,
        top_tracks=tuple(got["top_tracks"].value or ()),
        releases_by_type=_by_type(got["releases"].value or ()),
        similar=tuple(got["similar"].value or ()),
    )
    return Fetched.of(page, got.values())


def _by_type(releases: Any) -> dict[str, tuple[Release, ...]]:
    grouped: dict[str, list[Release]] = {}
    for release in releases:
        grouped.setdefault(release.type or "Other", []).append(release)
    order = {kind: index for index, kind in enumerate(RELEASE_TYPE_ORDER)}
    kinds = sorted(grouped, key=lambda kind: (order.get(kind, len(order)), kind))
    return {kind: tuple(grouped[kind]) for kind in kinds}


def track_page(*, track_id: int, country: str) -> Fetched[TrackPage]:
    """A track and the full details of its release."""
    track = fetch(read("get_track_details", track_id=track_id, country=country))
    partial = track.value.release
    if partial is None:
        return Fetched.of(TrackPage(track=track.value, release=None), [track])
    got = fetch_all(
        {"release": read("get_release_details", release_id=partial.id, country=country)},
        optional={"release"},
    )
    page = TrackPage(track=track.value, release=got["release"].value or partial)
    return Fetched.of(page, [track, got["release"]])


def tag_page(*, tags: list[str], country: str, page: int = 1) -> Fetched[TagPage]:
    """New releases (paged) and best sellers carrying all of `tags`."""
    joined = ",".join(tags)
    got = fetch_all(
        {
            "new": read(
                "get_new_releases_by_tags",
                tags=joined,
                country=country,
                page=page,
                page_size=TAG_PAGE_SIZE,
            ),
            "top": read("get_top_releases_by_tags", tags=joined, country=country, page_size=10),
            "all": _all_tags_read(country),
        },
        optional={"top", "all"},
    )
    known = {tag.id: tag for tag in got["all"].value or ()}
    result = TagPage(
        tags=tuple(_tag(tag, known) for tag in tags),
        new=got["new"].value,
        top=got["top"].value,
    )
    return Fetched.of(result, got.values())


def _all_tags_read(country: str) -> Read:
    return read("get_all_tags", country=country, page_size=ALL_TAGS_PAGE_SIZE)


def all_tags(*, country: str) -> Fetched[list[Tag]]:
    """The most used tags, most used first."""
    got = fetch(_all_tags_read(country))
    return Fetched(list(got.value), stale=got.stale, error=got.error, version=got.version)


def artist_browse(*, letter: str, country: str, page: int = 1) -> Fetched[Page[Artist]]:
    """Artists whose name starts with `letter`."""
    size = ARTIST_BROWSE_PAGE_SIZE
    return fetch(read("browse_artists", letter=letter, country=country, page=page, page_size=size))


def catalogue_terms(*, language: str, country: str) -> Fetched[Terms]:
    """The catalogue's words (tags, formats, packages, chart periods...) in a shop
    language ("de", "ja-JP"; ValueError for another) as the territory's shop has them.

    Cached like every read (a day); the `refresh_editorial` task keeps it warm. When
    the API fails with no copy to serve, the empty Terms: every lookup then answers
    the API's own text, so a page never fails for want of its words."""
    language = shop_language(language)
    try:
        got = fetch(services.terms_read(language=language, country=country))
    except SevenDigitalError as error:
        missing = version_of("no terms", language, country, type(error).__name__)
        return Fetched(Terms(language, {}), stale=True, error=error, version=missing)
    return Fetched(_terms(got, language), stale=got.stale, error=got.error, version=got.version)


_built_terms: "OrderedDict[str, Terms]" = OrderedDict()  # version -> Terms, a few dozen
_built_terms_lock = threading.Lock()


def _terms(got: Fetched[Any], language: str) -> Terms:
    """The Terms of a read, built once per version (a bundle is ~200 words; every
    catalogue page asks for it)."""
    with _built_terms_lock:  # pages render on several threads
        terms = _built_terms.get(got.version)
        if terms is None:
            terms = _built_terms[got.version] = Terms.of(language, got.value.items)
            while len(_built_terms) > 64:
                _built_terms.popitem(last=False)
    return terms


def preview_url(track_id: int) -> str:
    """Where a browser plays a track's 30 s clip.

    The sandbox serves `{site}/media/preview/<id>.mp3` openly; the real API's clips
    are at previews.7digital.com and must be signed with the consumer key (OAuth 1.0,
    in the query string).
    """
    base = settings.SEVENDIGITAL_API_URL.rstrip("/")
    if urlsplit(base).hostname != "api.7digital.com":
        return f"{base.removesuffix('/1.2')}/media/preview/{int(track_id)}.mp3"
    return get_client().signed_url(f"https://previews.7digital.com/clip/{int(track_id)}")
