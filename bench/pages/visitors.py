"""The page benchmark's visitors and the URLs they walk.

Three kinds of visit, as the store sees them:

- `first`: no cookie at all (a shopper's first page, a crawler, a link preview);
- `returning`: the cookies the store set on a first visit sent back (CSRF) and a
  territory chosen with the switcher (its signed cookie);
- `shopper`: signed in through the sign-in form, with a release in the basket (added
  with the release page's form): the session and CSRF cookies.

Requests go as from the production TLS proxy (`X-Forwarded-Proto: https`), one new
connection each (gunicorn closes them anyway), with plain `http.client`.
"""

import http.client
import re
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from string import ascii_lowercase
from typing import Any
from urllib.parse import quote, urlencode

HEADERS = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https"}
ORIGIN = "https://127.0.0.1"  # what a browser sends with a POST on the https site
SIGNED_IN = ">My music</a>"  # the account menu's link: on a signed-in shopper's pages only
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    text: str
    cookies: dict[str, str]


@dataclass
class Visitor:
    """A browser's cookie jar against the store on `port`."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, method: str, path: str, form: dict[str, Any] | None = None) -> Answer:
        headers = dict(HEADERS)
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers |= {"Content-Type": "application/x-www-form-urlencoded", "Origin": ORIGIN}
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            jar = SimpleCookie()
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    jar.load(value)
            cookies = {name: morsel.value for name, morsel in jar.items()}
            return Answer(response.status, dict(response.getheaders()), text, cookies)
        finally:
            connection.close()

    def get(self, path: str) -> Answer:
        answer = self.request("GET", path)
        self.keep(answer)
        return answer

    def keep(self, answer: Answer) -> None:
        """The answer's cookies, as a browser keeps them: one set to expire goes."""
        self.cookies |= answer.cookies
        for name, value in answer.cookies.items():
            if not value:
                del self.cookies[name]

    def post_form(self, page: str, action: str, form: dict[str, Any]) -> Answer:
        """POST `form` to `action` with the CSRF token of the form on `page`."""
        token = CSRF_FIELD.search(self.get(page).text)
        if token is None:
            raise RuntimeError(f"no CSRF token on {page}")
        answer = self.request("POST", action, {**form, "csrfmiddlewaretoken": token.group(1)})
        self.keep(answer)
        if answer.status not in (200, 302):
            raise RuntimeError(f"POST {action} answered {answer.status}: {answer.text[:300]}")
        return answer


def returning_visitor(port: int, country: str) -> Visitor:
    """Someone who has been here before and chose a territory."""
    visitor = Visitor(port)
    visitor.post_form("/", "/territory/", {"country": country, "next": "/"})
    if "sessionid" in visitor.cookies:
        raise RuntimeError("browsing and choosing a territory made a session")
    return visitor


def signed_in_shopper(port: int, email: str, password: str, release_id: int) -> Visitor:
    visitor = Visitor(port)
    visitor.post_form(
        "/accounts/login/", "/accounts/login/", {"login": email, "password": password}
    )
    visitor.post_form(
        f"/release/{release_id}/", "/basket/add/", {"release_id": release_id, "package_id": 2}
    )
    home = visitor.get("/").text
    if SIGNED_IN not in home or 'aria-label="1 item"' not in home:
        raise RuntimeError("the shopper is not signed in with a basket")
    return visitor


def url_pools(client: Any, count: int) -> dict[str, list[str]]:
    """At least `count` different releases, artists and search texts from the sandbox's
    catalogue (read through the API before the load: those calls are not counted)."""
    releases: dict[int, Any] = {}
    page = 1
    while len(releases) < count:
        found = client.get_releases_by_date(
            from_date="19000101", to_date="20991231", page=page, page_size=100
        )
        releases |= {release.id: release for release in found}
        if not found.items:
            break
        page += 1
    artists: dict[int, Any] = {}
    for letter in ascii_lowercase:
        found = client.browse_artists(letter=letter, page_size=50)
        artists |= {artist.id: artist for artist in found}
    texts = {release.title.split()[0].lower() for release in releases.values()}
    texts |= {artist.name.lower() for artist in artists.values()}
    texts |= {release.title.lower() for release in releases.values()}
    pools = {
        "home": ["/"],
        "release": [f"/release/{rid}/{r.slug or 'x'}/" for rid, r in sorted(releases.items())],
        "artist": [f"/artist/{aid}/{a.slug or 'x'}/" for aid, a in sorted(artists.items())],
        "search": [f"/search/?q={quote(text)}" for text in sorted(texts)],
        "charts": [
            f"/charts/{kind}/?period={period}"
            for kind in ("release", "track", "artist")
            for period in ("day", "week", "month")
        ],
    }
    for kind in ("release", "artist", "search"):
        pools[kind] = pools[kind][: max(count, 1)]
        if len(pools[kind]) < count:
            raise RuntimeError(f"only {len(pools[kind])} {kind} URLs in the catalogue")
    return pools
