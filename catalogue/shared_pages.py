"""Whole catalogue pages kept a few seconds, for signed-out visitors and for shoppers.

A first visit (no cookie at all: a shopper from a link, a crawler, a link preview) and
a signed-out return visit see the same page as everyone else browsing the same URL in
the same language and territory: nothing of theirs is on it but the holes every page
fills per request (the CSRF token, the page's path for `next`, checkout's one-time
tokens; catalogue/templatetags/fragments.py). So a `@shared_page` view renders such a
page once with those holes as marks, `SharedPageMiddleware` keeps it for
`settings.SHARED_PAGE_SECONDS` and serves it to the next visitors by filling the
holes alone: no view, no template, no read, and none of the middlewares after it
(language, territory, user, messages, URL resolution). A page is kept in the process
and in the shared cache, so one worker's render serves the others (a miss in a
process is one cache read, not a render); `forget` drops both (a new generation of
shared keys).

A signed-in shopper's page (or a visitor's with a session basket) differs from it by
the account links and by what the `{% hole %}`s show: their basket badge, their
wishlist buttons. The same middleware keeps those pages under a key that also says
whether the shopper is signed in and has a session, and fills their `{% hole %}`s on
every serve from the request's hole context (`request_context`: the user, the basket
count and the wished releases, read from the shared cache, storefront/per_user.py).
For them it reads the session and the user itself, as the later middlewares would: the
user a session was found to be is kept in the process for the values that finding
stands on (`session_user`), and a request that goes on to a view gets its own. A
page rendered to be kept sees, in place of those values, guards (`shopper_guards`)
that keep it from being kept when it reads them outside a hole.

Kept and served only when nothing else of the request reached the page:

- no message is waiting: none in the messages cookie (the "signed out" notice:
  signing out leaves no session), nor, for a visitor with a session, in it;
- a GET or HEAD, and not an htmx request (live search answers part of a page);
- not a first visit the language middleware sends to its browser's language;
- the view answered 200 through `render_fetched` with the marks on, set no cookie
  (nor did a middleware), left the session untouched, showed no message, and read
  nothing of the shopper's but whether they are signed in; and, for a visitor without
  a session, the page has no `{% hole %}` (there is no session to fill it from: their
  basket is known to be empty).

The key holds what else changes the page: scheme, host, path and query, the language
and time zone, the visitor's territory, the URLconf and script prefix, and the shop's
code version. `SharedPageMiddleware` works it out before the middlewares that decide
the language, territory and user run, in the same way (storefront.i18n,
storefront.territory, django.contrib.auth), and a page is kept only when they decided
the same for the request that rendered it.

What is kept is at most `SHARED_PAGE_SECONDS` (10) older than a render would be: the
read layer already lets a process serve its copy of a read, or of a page built from
the database, for as long (storefront.reads.LOCAL_SECONDS) before it looks for a newer
one, and the catalogue reads themselves are fresh for a day. A shopper's own parts
are never older: they are filled on every serve.
"""

import functools
import hashlib
import logging
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.contrib.messages.storage import default_storage
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.template import Context
from django.urls import get_script_prefix, get_urlconf
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.functional import SimpleLazyObject
from django.utils.module_loading import import_string

from catalogue.templatetags.fragments import (
    EVERY_HOLE,
    HOLE_STATE,
    REQUEST_HOLES,
    Copies,
    characters,
    code_version,
    fill,
    keeps_no_copy,
    split,
)
from storefront import per_user
from storefront.i18n import first_visit_target, path_language
from storefront.territory import country_of
from storefront.tokens import lazy_csrf_token

logger = logging.getLogger(__name__)

# The pages of a few hundred URLs (a release page is ~50 KB).
KEPT_CHARACTERS = 24_000_000
# Headers a kept page does not repeat: the server's and each response's own.
UNKEPT = {"content-length", "set-cookie"}


# Django's default MESSAGE_STORAGE: the messages cookie, then the session.
FALLBACK_STORAGE = "django.contrib.messages.storage.fallback.FallbackStorage"

SHARED_PREFIX = "page:1"
GENERATION_KEY = f"{SHARED_PREFIX}:generation"


@dataclass(frozen=True)
class KeptPage:
    until: float  # time.time(): the shared cache's copies go between processes
    pieces: tuple  # the HTML cut at its holes (fragments.split)
    headers: tuple[tuple[str, str], ...]

    def lasts(self, now: float) -> bool:
        """Whether it is still to be served: not past `until`, nor further from it
        than it was kept for (the clock went back)."""
        return 0 < self.until - now <= settings.SHARED_PAGE_SECONDS


_pages = Copies(KEPT_CHARACTERS, size=lambda kept: characters(kept.pieces))
_lock = threading.Lock()
# The users kept pages were served to, by their session's values (`session_user`),
# first kept first out.
SHOPPERS_KEPT = 10_000
_shoppers: dict[tuple, Any] = {}


def _shared_cache():
    return caches[settings.FRAGMENTS_CACHE]


# The generation of shared keys this process uses: read from the shared cache once
# (every process that started since the last `forget` uses the same), new after one.
_generation: list[str] = []


@receiver(setting_changed)
def forget(**kwargs: Any) -> None:
    """Drop every kept page, this process's and the shared cache's (a new generation
    of keys there): settings changed; tests."""
    with _lock:
        _pages.clear()
        _generation.clear()
        _shoppers.clear()
    try:
        _shared_cache().delete(GENERATION_KEY)
    except Exception:
        logger.warning("Kept pages: could not drop the shared copies", exc_info=True)


def _shared_key(key: tuple) -> str:
    """Where the page of `key` is kept between processes."""
    if not _generation:
        _generation[:] = [_shared_cache().get_or_set(GENERATION_KEY, secrets.token_hex, None)]
    digest = hashlib.sha256(repr(key).encode()).hexdigest()
    return f"{SHARED_PREFIX}:{_generation[0]}:{digest}"


def kept_page(key: tuple) -> KeptPage | None:
    """The page kept under `key` in this process, else the one another process kept
    in the shared cache, while it lasts."""
    now = time.time()
    with _lock:
        kept = _pages.get(key)
    if kept is not None and kept.lasts(now):
        return kept
    try:
        kept = _shared_cache().get(_shared_key(key))
    except Exception:
        logger.warning("Kept pages: shared cache read failed", exc_info=True)
        return None
    if kept is None or not kept.lasts(now):
        return None
    with _lock:
        _pages.put(key, kept)
    return kept


class SharedPageMiddleware:
    """Serves a kept page before the rest of the stack runs, and keeps the pages
    `@shared_page` views hand it (see the module).

    It sits after CsrfViewMiddleware, which sets the visitor's CSRF cookie on the way
    out, and the session, and before the language, territory, user, messages and the
    other middlewares: a kept page is served without them. So its key is worked out
    from the request as they would (the language from the path, the territory as
    TerritoryMiddleware finds it, the user as AuthenticationMiddleware does), and a
    page is kept only when that key is what they did decide for the request that made
    it. A first visit the language middleware would redirect is left to it, and so is
    a request with a message waiting (the message is on the page).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not shareable(request) or first_visit_target(request) is not None:
            return self.get_response(request)
        language = path_language(request.path_info)
        country = country_of(request)
        has_session = settings.SESSION_COOKIE_NAME in request.COOKIES
        if has_session:
            if messages_waiting(request):
                return self.get_response(request)
            # AuthenticationMiddleware's user, worked out once (it reuses this one).
            request.user = request._cached_user = session_user(request)
        key = (*page_key(request, language, country), *visitor_kind(request, has_session))
        kept = kept_page(key)
        if kept is not None:
            if not has_session:  # the request holes alone: csrf, path, next, submit
                return served(
                    kept, Context({"request": request, "csrf_token": lazy_csrf_token(request)})
                )
            # As the middlewares after this one would decide, for the holes' context.
            translation.activate(language or settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = translation.get_language()
            request.country = country
            response = served(kept, request_context(request))
            keep_session_user(request)
            return response
        if getattr(request, "shared_user", False):  # the view's own, not the kept pages'
            request.user = request._cached_user = auth.get_user(request)
        # `{% hole %}`s too for a visitor with a session (from their session or account).
        request.keeps_shared_page = EVERY_HOLE if has_session else REQUEST_HOLES
        response = self.get_response(request)
        if key == (*decided_key(request), *visitor_kind(request, has_session)):
            keep(key, response)
        return response


def session_user(request: HttpRequest) -> Any:
    """The user Django's `auth.get_user` finds for the request's session.

    What `get_user` answers follows from the session's user id, backend and session
    hash, and from the user's row and session hash (kept under their per-user version,
    storefront/per_user.py): the same four values are the same answer. So the user a
    kept page was served to is kept in the process for them (`keep_session_user`), and
    the next request with the same values is answered with it, without reading and
    checking the user again (`request.shared_user`). That instance is shared by the
    requests served a kept page, whose holes only read it; a request that goes on to a
    view is given its own (`SharedPageMiddleware`)."""
    key = _session_key(request)
    if key is not None:
        with _lock:
            user = _shoppers.get(key)
        if user is not None:
            request.shared_user = True
            return user
    return auth.get_user(request)


def keep_session_user(request: HttpRequest) -> None:
    """Keep the user a kept page was just served to for their session's values, unless
    kept already or not signed in, or `get_user` changed the session (it found it
    stale)."""
    if getattr(request, "shared_user", False) or not request.user.is_authenticated:
        return
    key = _session_key(request)
    if key is not None and not request.session.modified:
        with _lock:
            _shoppers[key] = request.user
            while len(_shoppers) > SHOPPERS_KEPT:
                del _shoppers[next(iter(_shoppers))]


def _session_key(request: HttpRequest) -> tuple | None:
    """What `get_user`'s answer for this session follows from (`session_user`); None
    when it is signed out, or the user's values have no version (in a transaction, or
    no shared cache)."""
    session = request.session
    try:
        user_id = session[auth.SESSION_KEY]
        backend = session[auth.BACKEND_SESSION_KEY]
        version = per_user.version(get_user_model()._meta.pk.to_python(user_id))
    except (KeyError, ValidationError):
        return None
    if version is None:
        return None
    return (user_id, backend, session.get(auth.HASH_SESSION_KEY), version)


def visitor_kind(request: HttpRequest, has_session: bool) -> tuple[bool, bool]:
    """What the key holds of the visitor: whether they are signed in (the account
    links) and have a session (the basket badge: a hole, or 0 without one)."""
    return (has_session and request.user.is_authenticated, has_session)


def keep(key: tuple, response: HttpResponse) -> None:
    """Keep the page `@shared_page` made of the response, if it did and nothing later
    set a cookie on it."""
    pieces = getattr(response, "shared_pieces", None)
    if pieces is None or response.cookies:
        return
    # Whose page it is comes from the cookies (the session), whichever path serves it.
    patch_vary_headers(response, ("Cookie",))
    kept = KeptPage(
        until=time.time() + settings.SHARED_PAGE_SECONDS,
        pieces=pieces,
        headers=tuple(
            (name, value) for name, value in response.items() if name.lower() not in UNKEPT
        ),
    )
    with _lock:
        _pages.put(key, kept)
    try:
        _shared_cache().set(_shared_key(key), kept, settings.SHARED_PAGE_SECONDS)
    except Exception:
        logger.warning("Kept pages: shared cache write failed", exc_info=True)


def shared_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Render `view`'s page with its holes as marks, for the middleware that asks
    (SharedPageMiddleware) to keep; fill them for this request
    as that middleware fills a kept page's."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        fillable = getattr(request, "keeps_shared_page", None)
        if not fillable:
            return view(request, *args, **kwargs)
        request.marked_page = True  # catalogue.views.render_fetched: holes as marks
        response = view(request, *args, **kwargs)
        if not getattr(request, "page_marked", False):
            return response  # not a catalogue page after all (an error, a redirect)
        pieces = split(response.content.decode(response.charset))
        if keepable(request, response, pieces, fillable):
            response.shared_pieces = pieces
        # As the page will be served: every hole from the request's context alone.
        response.content = fill(pieces, request_context(request))
        return response

    return wrapper


class PageUser:
    """The `user` of a page rendered to be kept: whether they are signed in, which the
    key holds. Reading anything else of them (their name, their e-mail) puts that on
    the page, so it keeps the page from being kept; the value is still the real one."""

    def __init__(self, request: HttpRequest):
        self._request = request
        self.is_authenticated = request.user.is_authenticated
        self.is_anonymous = not self.is_authenticated

    def __getattr__(self, name: str) -> Any:
        keeps_no_copy(self._request)
        return getattr(self._request.user, name)

    def __str__(self) -> str:
        keeps_no_copy(self._request)
        return str(self._request.user)


def shopper_guards(request: HttpRequest) -> dict[str, Any]:
    """The context values of the shopper that a page rendered to be kept sees in place
    of the hole context's: each keeps the page from being kept when the page reads it
    (only a `{% hole %}` may show them, filled per request)."""
    values = request_context(request)

    def unkept_count() -> Any:
        keeps_no_copy(request)
        count = values.get("basket_count", 0)
        return count() if callable(count) else count

    def unkept(name: str, default: Any) -> SimpleLazyObject:
        def read() -> Any:
            keeps_no_copy(request)
            return values.get(name, default)

        return SimpleLazyObject(read)

    return {
        "user": PageUser(request),
        "basket_count": unkept_count,
        "wished_release_ids": unkept("wished_release_ids", frozenset()),
        "perms": unkept("perms", None),
    }


def shareable(request: HttpRequest) -> bool:
    """A page view that may be kept or served kept: a GET or HEAD, not an htmx request
    (live search answers part of a page), with kept pages on, for a visitor with no
    message waiting in the messages cookie (the "signed out" notice: signing out leaves
    no session)."""
    return (
        settings.SHARED_PAGE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.META.get("HTTP_HX_REQUEST")  # request.headers builds them all
        and not request.COOKIES.get(CookieStorage.cookie_name)
    )


def messages_waiting(request: HttpRequest) -> bool:
    """Whether a message waits for a visitor with a session, whose messages cookie is
    empty (`shareable`). Django's default storage reads the session only for what
    overflowed that cookie (the cookie then says so): none waits, and no storage need
    be built to find out, as MessageMiddleware builds one on every request."""
    if settings.MESSAGE_STORAGE == FALLBACK_STORAGE:
        return False
    return bool(len(default_storage(request)))


def page_key(request: HttpRequest, language: str | None, country: str) -> tuple:
    return (
        request.scheme,
        request.get_host(),
        request.get_full_path(),
        language or settings.LANGUAGE_CODE,  # LocaleMiddleware: unprefixed is the default
        timezone.get_current_timezone_name(),
        country,
        get_urlconf() or settings.ROOT_URLCONF,
        get_script_prefix(),
        code_version(),
    )


def decided_key(request: HttpRequest) -> tuple:
    """The key of what the middlewares and the view did decide for this request."""
    return page_key(request, translation.get_language(), getattr(request, "country", None))


def keepable(
    request: HttpRequest, response: HttpResponse, pieces: tuple, fillable: tuple = REQUEST_HOLES
) -> bool:
    """Whether the page the view made shows nothing but what the key and holes hold
    (the holes all of the kinds the middleware keeping it can fill)."""
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not response.cookies
        and not getattr(request, "page_not_shared", False)
        and not (session is not None and session.modified)
        and not len(get_messages(request))
        and all(hole[0] in fillable for hole in pieces[1::2])
    )


def request_context(request: HttpRequest) -> Context:
    """What a kept page's holes are filled from, worked out once per request: the
    request, its CSRF token and what the context processors of
    `settings.KEPT_PAGE_HOLE_CONTEXT` give (the shopper's own values: the user, the
    basket count, the wished releases). A `{% hole %}` template of a kept page reads
    nothing else; the page around it holds the rest. For a signed-in shopper those
    values are all kept under their per-user version (storefront/per_user.py), which
    the context then names (`HOLE_STATE`): a hole's output is kept per version."""
    try:
        return request._request_context
    except AttributeError:
        values = {"request": request, "csrf_token": lazy_csrf_token(request)}
        for processor in _hole_processors(tuple(settings.KEPT_PAGE_HOLE_CONTEXT)):
            values.update(processor(request))
        context = Context(values)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # A signed-in shopper's values all live under one per-user version (a
            # random token, never another user's): the holes' output is kept per
            # version (fragments._include).
            shown = per_user.version(user.pk)
            if shown is not None:
                context[HOLE_STATE] = shown
        request._request_context = context
        return context


@functools.cache
def _hole_processors(paths: tuple[str, ...]) -> tuple[Callable[[HttpRequest], dict], ...]:
    return tuple(map(import_string, paths))


def served(kept: KeptPage, holes: Context) -> HttpResponse:
    """The kept page with this request's own values in its holes (`holes`: the
    request and its CSRF token before the session is read, else `request_context`)."""
    response = HttpResponse(fill(kept.pieces, holes))
    for name, value in kept.headers:  # `Vary: Cookie` among them (`keep`)
        response[name] = value
    return response
