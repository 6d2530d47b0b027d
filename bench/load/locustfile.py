"""Shoppers on the store: browse, search, listen, fill baskets; some sign in and pay.

Run it through bench/load/run.py (which starts the store, the sandbox and the
pre-made customers), or by hand against a running store:

    LOAD_SHOPPERS=shoppers.json .venv/bin/locust -f bench/load/locustfile.py \
        --headless -u 20 -r 5 -t 60s --host http://127.0.0.1:8000

Locust monkey-patches with gevent: run it as its own command, never under pytest
(this file only imports the standard library and its sibling `pageparse`).

Requests are named by page so the statistics (and run.py's API-calls-per-page table)
read by page: "home", "charts", "search", "search (live)", "release", "preview clip",
"basket add", "sign in", "checkout", "pay", "receipt", "locker", "locker download".
A page that shows the stale-data notice counts as a failure: against a healthy API
it means the store gave up waiting for 7digital. So do what a shopper would call a
failure although the page answered: a basket add that did not happen (no offer to
add, or no "Added" answer), a buyer who could not sign in, and a declined or failed
payment (no receipt, or a receipt that does not say succeeded). Each is reported
under its request's name ("basket add", "sign in", "pay", "receipt"), and run.py's
report counts them per kind (render.FAILURE_KINDS).
"""

import json
import os
import random
from urllib.parse import urlsplit

import pageparse
from locust import HttpUser, between, task

STALE_NOTICE = "Showing saved results"
CHART_KINDS = ("release", "track", "artist")
CHART_PERIODS = ("week", "week", "day", "month")  # the week's chart is the one linked
FALLBACK_WORDS = ("love", "night", "light", "heart", "dream", "blue", "fire", "time")


def _load_shoppers() -> list[dict[str, str]]:
    path = os.environ.get("LOAD_SHOPPERS", "")
    if not path:
        return []
    with open(path) as handle:
        return json.load(handle)


# Each buyer signs in as its own pre-made customer (one basket per account).
_accounts = iter(_load_shoppers())


class Shopper(HttpUser):
    """A visitor who browses: the home page, charts, search, release pages, previews,
    and now and then an add to basket."""

    abstract = True
    wait_time = between(1, 4)

    def on_start(self) -> None:
        # Production sits behind a TLS proxy: Django sees https (this header) and sets
        # Secure cookies, which the browser sends back over https (see `call`).
        self.client.headers["X-Forwarded-Proto"] = "https"
        netloc = urlsplit(self.host).netloc
        self.origin = f"https://{netloc}"
        self.releases: list[str] = []
        self.words: list[str] = list(FALLBACK_WORDS)
        self.last_release_page = ""
        self.home()

    # --- reading pages -----------------------------------------------------------------

    def call(self, method: str, url: str, name: str, **kwargs):
        """One request (a context manager: catch_response). The store's Secure cookies
        are sent although this last hop is plain HTTP: a browser talks https to the
        TLS proxy. (requests copies the jar per request, so no cookie policy sticks.)"""
        for cookie in self.client.cookies:
            cookie.secure = False
        return self.client.request(method, url, name=name, catch_response=True, **kwargs)

    def page(self, path: str, name: str, **kwargs) -> str:
        """GET a store page; failures: not 200, or the stale notice shown."""
        with self.call("GET", path, name, **kwargs) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
                return ""
            if STALE_NOTICE in response.text:
                response.failure("stale notice shown")
            self.learn(response.text)
            return response.text

    def learn(self, page: str) -> None:
        """Remember release links and title words, as a shopper's eye would."""
        self.releases = (pageparse.release_links(page) + self.releases)[:60]
        self.words = (pageparse.search_words(page) + self.words)[:80]

    @task(3)
    def home(self) -> None:
        self.page("/", "home")

    @task(2)
    def charts(self) -> None:
        kind, period = random.choice(CHART_KINDS), random.choice(CHART_PERIODS)
        self.page(f"/charts/{kind}/?period={period}", "charts")

    @task(3)
    def search(self) -> None:
        """Typing in the search box: live partials while typing, then the results page."""
        word = random.choice(self.words)
        for typed in (word[:3], word):
            self.page(f"/search/?q={typed}", "search (live)", headers={"HX-Request": "true"})
        self.page(f"/search/?q={word}", "search")

    @task(5)
    def release(self) -> None:
        if not self.releases:
            return self.home()
        self.last_release_page = self.page(random.choice(self.releases[:30]), "release")
        clips = pageparse.preview_urls(self.last_release_page)
        if clips and random.random() < 0.5:
            self.preview(random.choice(clips))
        return None

    def preview(self, url: str) -> None:
        """The player fetches the clip straight from the API's media host."""
        with self.call("GET", url, "preview clip") as response:
            kind = response.headers.get("Content-Type", "")
            if response.status_code != 200 or not kind.startswith("audio/"):
                response.failure(f"HTTP {response.status_code} {kind}")

    @task(1)
    def add_to_basket(self) -> bool:
        """Press "Add to basket" on the last release page (htmx POST with its CSRF)."""
        if not self.last_release_page:
            self.release()
        offers = pageparse.forms(self.last_release_page, "/basket/add/")
        if not offers:
            self.fire_failure("basket add", "no Add to basket form on the release page")
            return False
        fields = random.choice(offers)
        headers = {"HX-Request": "true", "Origin": self.origin}
        with self.call(
            "POST", "/basket/add/", "basket add", data=fields, headers=headers
        ) as response:
            if response.status_code != 200 or "Added " not in response.text:
                response.failure(f"HTTP {response.status_code}: {response.text[:120]!r}")
                return False
        return True


class Browser(Shopper):
    """Most visitors never sign in."""

    weight = 4


class Buyer(Shopper):
    """A returning customer: signs in, fills a basket, pays with the saved card, and
    visits the locker."""

    weight = 1

    def on_start(self) -> None:
        super().on_start()
        self.account = next(_accounts, None)
        if self.account is None:
            return  # more buyers than pre-made accounts: this one only browses
        if not self.sign_in():
            self.account = None  # counted once under "sign in"; then only browses

    def sign_in(self) -> bool:
        """Sign in with the account's password: signed in only if the store sends the
        shopper on to their music (the locker), not back to a form."""
        page = self.page("/accounts/login/", "sign in")
        fields = {
            "csrfmiddlewaretoken": pageparse.csrf_token(page) or "",
            "login": self.account["email"],
            "password": self.account["password"],
        }
        with self.call(
            "POST", "/accounts/login/", "sign in", data=fields,
            headers={"Origin": self.origin}, allow_redirects=False,
        ) as response:  # fmt: skip
            where = urlsplit(response.headers.get("Location", "")).path
            if response.status_code != 302 or where != "/accounts/locker/":
                response.failure(f"not signed in: HTTP {response.status_code} to {where!r}")
                return False
        return True

    def post_expecting_redirect(self, path: str, fields: dict, name: str) -> str:
        """POST a form; the Location of the 302 it must answer ("" on failure)."""
        with self.call(
            "POST", path, name, data=fields, headers={"Origin": self.origin}, allow_redirects=False
        ) as response:
            if response.status_code != 302:
                response.failure(f"HTTP {response.status_code}, not a redirect")
                return ""
            return response.headers.get("Location", "")

    @task(4)
    def buy(self) -> None:
        if self.account is None:
            return
        for _ in range(random.randint(1, 2)):
            self.release()
            if not self.add_to_basket():
                return
            self.wait()
        self.pay()

    def pay(self) -> None:
        page = self.page("/checkout/", "checkout")
        offers = pageparse.forms(page, "/checkout/card/")
        if not offers:
            self.fire_failure("checkout", "no saved-card form on the checkout page")
            return
        self.wait()
        with self.call(
            "POST", "/checkout/card/", "pay", data=offers[0],
            headers={"Origin": self.origin}, allow_redirects=False,
        ) as response:  # fmt: skip
            receipt = urlsplit(response.headers.get("Location", "")).path
            if response.status_code != 302 or not receipt.startswith("/receipt/"):
                # A declined card or a failed payment: back to the checkout, no receipt.
                response.failure(f"payment declined or failed: HTTP {response.status_code}"
                                 f" to {receipt!r}")  # fmt: skip
                return
        with self.call("GET", receipt, "receipt") as response:
            if 'data-status="succeeded"' not in response.text:
                response.failure(f"purchase not succeeded (HTTP {response.status_code})")
                return
        self.locker()

    def locker(self) -> None:
        page = self.page("/accounts/locker/", "locker")
        downloads = pageparse.forms(page, "/accounts/locker/download/")
        if downloads and random.random() < 0.5:
            fields = random.choice(downloads)
            self.post_expecting_redirect("/accounts/locker/download/", fields, "locker download")

    def fire_failure(self, name: str, message: str) -> None:
        self.environment.events.request.fire(
            request_type="GET",
            name=name,
            response_time=0,
            response_length=0,
            exception=RuntimeError(message),
            context={},
        )
