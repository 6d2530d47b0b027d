"""Every view of the store refuses a POST without a CSRF token.

The URL patterns are discovered by walking the store's URLconf (storefront.urls: the
admin, allauth's pages, accounts, checkout, the catalogue, ...), so a view added
later is covered without touching this file. For each pattern a path that resolves
to it is made from its regular expression; a signed-in shopper POSTs there without a
token and must get the CSRF refusal, before the view runs. A view that may take
unprotected POSTs must be listed in CSRF_EXEMPT with the reason: the store has none.
"""

import re
from dataclasses import dataclass
from re import _constants as sre
from re import _parser as sre_parse  # the stdlib's own regex parser

import pytest
from django.http import HttpRequest, HttpResponseForbidden
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve

STORE_URLCONF = "storefront.urls"
REFUSED = "csrf-refused"
# "module.view" -> why it may accept a POST without a CSRF token. None in the store.
CSRF_EXEMPT: dict[str, str] = {}

_CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W",
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S",
}
_CANDIDATES = "a1-_xZ."


def csrf_refused(request: HttpRequest, reason: str = "") -> HttpResponseForbidden:
    """settings.CSRF_FAILURE_VIEW in these tests: a refusal that says it is one."""
    return HttpResponseForbidden(f"{REFUSED}: {reason}")


def _in_class(char: str, items: list) -> bool:
    negate, hit = False, False
    for op, value in items:
        if op is sre.NEGATE:
            negate = True
        elif op is sre.LITERAL:
            hit |= ord(char) == value
        elif op is sre.RANGE:
            hit |= value[0] <= ord(char) <= value[1]
        elif op is sre.CATEGORY:
            hit |= bool(re.fullmatch(_CATEGORIES[value], char))
    return hit != negate


def _emit(parsed, least: int) -> str:
    """A short string the parsed regex matches (repeats at least `least` times)."""
    out = []
    for op, value in parsed:
        if op is sre.LITERAL:
            out.append(chr(value))
        elif op in (sre.NOT_LITERAL, sre.ANY):
            out.append(next(c for c in _CANDIDATES if op is sre.ANY or ord(c) != value))
        elif op is sre.IN:
            out.append(next(c for c in _CANDIDATES if _in_class(c, value)))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            low, _, sub = value
            out.append(_emit(sub, least) * max(low, least))
        elif op is sre.SUBPATTERN:
            out.append(_emit(value[3], least))
        elif op is sre.BRANCH:
            out.append(_emit(value[1][0], least))
        elif op is not sre.AT:  # anchors add nothing
            raise ValueError(f"cannot make a sample for {op}")
    return "".join(out)


def sample(regex: str, least: int = 0) -> str:
    return _emit(sre_parse.parse(regex), least)


@dataclass(frozen=True)
class Route:
    path: str
    view: str  # module.name of the callback
    name: str | None


def _view_name(callback) -> str:
    target = getattr(callback, "view_class", callback)
    return f"{target.__module__}.{target.__qualname__}"


def _walk(resolver: URLResolver, prefixes: tuple[str, ...] = ("",)):
    for entry in resolver.url_patterns:
        regex = entry.pattern.regex.pattern
        pieces = [prefix + sample(regex, least) for prefix in prefixes for least in (0, 1)]
        if isinstance(entry, URLResolver):
            yield from _walk(entry, tuple(dict.fromkeys(pieces)))
        elif isinstance(entry, URLPattern):
            yield entry, [f"/{piece}" for piece in dict.fromkeys(pieces)]


def discover_routes() -> list[Route]:
    """One path per URL pattern of the store, checked to resolve to that pattern's view."""
    routes = []
    for pattern, paths in _walk(get_resolver(STORE_URLCONF)):
        view = _view_name(pattern.callback)
        for path in paths:
            try:
                match = resolve(path, urlconf=STORE_URLCONF)
            except Exception:  # a sample the URLconf does not route: try the next
                continue
            if _view_name(match.func) == view:
                routes.append(Route(path=path, view=view, name=pattern.name))
                break
        else:
            raise AssertionError(f"no sample path reaches {pattern!r} ({view})")
    return routes


ROUTES = discover_routes()


@pytest.fixture
def shopper_client(settings, django_user_model) -> Client:
    """A signed-in shopper's browser that really enforces CSRF (the test client does not)."""
    settings.ROOT_URLCONF = STORE_URLCONF
    settings.CSRF_FAILURE_VIEW = f"{__name__}.csrf_refused"
    client = Client(enforce_csrf_checks=True)
    user = django_user_model.objects.create_user(
        username="csrf@example.com", email="csrf@example.com", password="not-used-42"
    )
    client.force_login(user)
    return client


def test_discovery_finds_the_stores_and_allauths_views():
    """The walk reaches every URLconf the store includes (a guard for the walk itself)."""
    modules = {route.view.rsplit(".", 1)[0].split(".")[0] for route in ROUTES}
    assert {"allauth", "accounts", "checkout", "catalogue", "storefront", "django"} <= modules
    assert {"account_login", "account_logout", "set-territory"} <= {r.name for r in ROUTES}


def test_no_view_is_exempt_from_csrf():
    """No view of the store is marked csrf_exempt, except those listed with a reason."""
    exempt = {
        route.view
        for route in ROUTES
        if getattr(resolve(route.path, urlconf=STORE_URLCONF).func, "csrf_exempt", False)
    }
    assert exempt == set(CSRF_EXEMPT)


@pytest.mark.django_db
@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.path)
def test_a_post_without_a_token_is_refused(shopper_client, route):
    """POST with the session cookie but no CSRF token: 403 from the CSRF check."""
    if route.view in CSRF_EXEMPT:
        pytest.skip(CSRF_EXEMPT[route.view])
    response = shopper_client.post(route.path, {"next": "/"})
    assert response.status_code == 403
    assert response.content.decode().startswith(REFUSED)
