"""A small fake 7digital API for the catalogue's unit tests: a requests adapter.

Mounted on the session the store's client sends with (`reset_client(session=...)`),
so signing, the client, the selectors and the cache all run for real; only the
socket is replaced. It answers every catalogue read the selectors make with small
bodies in the API's XML shapes, counts the calls, and can be slowed, failed or
taken down. Tests that need the real thing use the `sandbox_server` fixture.
"""

import threading
from collections import Counter
from urllib.parse import parse_qs, urlsplit

import requests
from django.core.cache import cache
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict

from storefront import reads
from storefront.api import reset_client

API_URL = "http://api.test/1.2"


def envelope(payload: str) -> bytes:
    return f'<?xml version="1.0"?><response status="ok" version="1.2">{payload}</response>'.encode()


def error_body(code: int, message: str) -> bytes:
    error = f'<error code="{code}"><errorMessage>{message}</errorMessage></error>'
    return f'<response status="error" version="1.2">{error}</response>'.encode()


def artist(artist_id: int = 10) -> str:
    name = f"<name>Artist {artist_id}</name><slug>artist-{artist_id}</slug>"
    return f'<artist id="{artist_id}">{name}</artist>'


def release(release_id: int, kind: str = "Album", country: str = "GB") -> str:
    return (
        f'<release id="{release_id}"><title>Release {release_id} ({country})</title>'
        f"<type>{kind}</type>{artist()}<slug>release-{release_id}</slug></release>"
    )


def track(track_id: int, release_id: int = 1) -> str:
    return (
        f'<track id="{track_id}"><title>Track {track_id}</title>{artist()}'
        f"{release(release_id)}<number>{track_id}</number></track>"
    )


def paged(name: str, items: list[str], extra: str = "") -> str:
    head = f"<page>1</page><pageSize>{max(len(items), 1)}</pageSize>"
    return f"<{name}>{head}<totalItems>{len(items)}</totalItems>{extra}{''.join(items)}</{name}>"


def chart(kind: str, country: str) -> str:
    entity = {"release": lambda n: release(n, country=country), "track": track, "artist": artist}
    items = [
        f"<chartItem><position>{n}</position><change>Up</change>{entity[kind](n)}</chartItem>"
        for n in range(1, 21)
    ]
    return paged("chart", items, f"<type>{kind}</type>")


def search_results(kind: str, found: list[str]) -> str:
    items = [f"<searchResult><type>{kind}</type>{item}</searchResult>" for item in found]
    return paged("searchResults", items)


# A few words of each bundle (the sandbox has them all: tests/sandbox).
TRANSLATIONS = {
    "en": {"tag_electronic": "Electronic", "chart_week": "This Week's Top Sellers"},
    "de": {"tag_electronic": "Elektronisch", "chart_week": "Wochencharts"},
    "fr": {"tag_electronic": "Électronique", "chart_week": "Top de la semaine"},
    "ja": {"tag_electronic": "エレクトロニック", "chart_week": "週間ランキング"},
}


def translations(locale: str) -> str:
    words = TRANSLATIONS[locale.split("-")[0]]
    items = [
        f"<translation><key>{key}</key><translatedText>{text}</translatedText></translation>"
        for key, text in words.items()
    ]
    return paged("translations", items)


def _answers(path: str, q: dict[str, str]) -> str:
    """The payload of a catalogue read; raises KeyError for a path it does not know."""
    country = q.get("country", "GB")
    releases = [release(n, country=country) for n in (1, 2, 3)]
    answers = {
        "release/details": lambda: release(int(q.get("releaseid", 1)), country=country),
        "release/tracks": lambda: paged("tracks", [track(n) for n in (1, 2)]),
        "release/tags": lambda: paged("tags", ['<tag id="rock"><text>rock</text></tag>']),
        "release/editorial": lambda: "<editorial><review><text>Fine.</text></review></editorial>",
        "release/recommend": lambda: paged(
            "recommendations", [f"<recommendedItem>{r}</recommendedItem>" for r in releases]
        ),
        "release/search": lambda: search_results("release", releases),
        "track/search": lambda: search_results("track", [track(n) for n in (1, 2, 3)]),
        "artist/search": lambda: search_results("artist", [artist(n) for n in (1, 2, 3)]),
        "release/bytag/new": lambda: paged(
            "taggedResults", [f"<taggedItem>{r}</taggedItem>" for r in releases]
        ),
        "release/bytag/top": lambda: paged(
            "taggedResults", [f"<taggedItem>{r}</taggedItem>" for r in releases]
        ),
        "release/chart": lambda: chart("release", country),
        "track/chart": lambda: chart("track", country),
        "artist/chart": lambda: chart("artist", country),
        "track/details": lambda: track(int(q.get("trackid", 1))),
        "artist/details": lambda: artist(int(q.get("artistid", 10))),
        "artist/releases": lambda: paged(
            "releases", [release(1), release(2, "Single"), release(3)]
        ),
        "artist/toptracks": lambda: paged("tracks", [track(1)]),
        "artist/similar": lambda: paged("artists", [artist(11), artist(12)]),
        "artist/browse": lambda: paged("artists", [artist(13)]),
        "tag": lambda: paged("tags", ['<tag id="indie-rock"><text>indie rock</text></tag>']),
        "editorial/list": lambda: (
            f'<list id="1"><key>{q.get("key")}</key><listItems>'
            f'<listItem id="1"><type>release</type>{releases[0]}</listItem></listItems></list>'
        ),
        "countries": lambda: (
            '<countries><country code="GB"><name>United Kingdom</name></country>'
            '<country code="FR"><name>France</name></country></countries>'
        ),
        "translations": lambda: translations(q.get("locale", "en")),
        "country/resolve": lambda: (
            f"<GeoIpLookup><ipaddress>{q.get('ipaddress')}</ipaddress>"
            f"<countryCode>{'FR' if q.get('ipaddress', '').startswith('62.129.') else 'GB'}"
            "</countryCode></GeoIpLookup>"
        ),
    }
    return answers[path]()


class FakeApi(BaseAdapter):
    """Answers catalogue reads; `calls` counts them by path (thread-safe)."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: Counter[str] = Counter()
        self.queries: list[tuple[str, dict[str, str]]] = []  # (path, query) of each call
        self.down = False  # refuse connections, like a stopped server
        self.errors: dict[str, tuple[int, bytes]] = {}  # path -> (status, body)
        # Each call waits here for the others (calls that must be in flight together).
        self.together: threading.Barrier | None = None
        self._lock = threading.Lock()

    @property
    def total(self) -> int:
        return sum(self.calls.values())

    def fail(self, path: str, code: int, message: str = "Failed", status: int = 500) -> None:
        self.errors[path] = (status, error_body(code, message))

    def send(self, request, **kwargs) -> requests.Response:
        parts = urlsplit(request.url)
        path = parts.path.removeprefix("/1.2/").lower()
        with self._lock:
            self.calls[path] += 1
        if self.together is not None:
            self.together.wait()
        if self.down:
            raise requests.ConnectionError("connection refused (fake API is down)")
        query = {key.lower(): values[0] for key, values in parse_qs(parts.query).items()}
        with self._lock:
            self.queries.append((path, query))
        status, body = self.errors.get(path) or (200, envelope(_answers(path, query)))
        response = requests.Response()
        response.status_code = status
        response._content = body
        response.headers = CaseInsensitiveDict({"Content-Type": "text/xml; charset=utf-8"})
        response.url = request.url
        response.request = request
        return response

    def close(self) -> None:
        pass


def install(settings) -> FakeApi:
    """Point the store's client at a fresh FakeApi (with an empty cache)."""
    api = FakeApi()
    session = requests.Session()
    session.mount("http://api.test/", api)
    settings.SEVENDIGITAL_API_URL = API_URL
    settings.SEVENDIGITAL_DEFAULT_COUNTRY = "GB"
    settings.STORE_TERRITORIES = ["GB", "FR", "US"]
    reset_client(session=session)
    clear_caches()
    return api


def clear_caches() -> None:
    """Empty the shared cache and this process's copies of its entries."""
    cache.clear()
    reads.forget_local()


def uninstall() -> None:
    reset_client()
    clear_caches()
