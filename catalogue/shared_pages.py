"""Whole catalogue pages kept a few seconds for signed-out visitors.

A first visit (no cookie at all: a shopper from a link, a crawler, a link preview) and
a signed-out return visit see the same page as everyone else browsing the same URL in
the same language and territory: nothing of theirs is on it but the holes every page
fills per request (the CSRF token, the page's path for `next`, checkout's one-time
tokens; catalogue/templatetags/fragments.py). So a `@shared_page` view renders such a
page once with those holes as marks, `SharedPageMiddleware` keeps it in this process
for `settings.SHARED_PAGE_SECONDS` and serves it to the next visitors by filling the
holes alone: no view, no template, no read, and none of the middlewares after it
(session, language, territory, messages, URL resolution).

Kept only when nothing else of the request reached the page:

- the visitor is signed out and has no session (no session cookie): no basket, no
  account links, no wishlist; and no message waiting in the messages cookie (the
  "signed out" notice: signing out leaves no session);
- a GET or HEAD, and not an htmx request (live search answers part of a page);
- not a first visit the language middleware sends to its browser's language;
- the view answered 200 through `render_fetched` with the marks on, set no cookie
  (nor did a middleware), left the session untouched and showed no message, and the
  page has no `{% hole %}` (that renders the page's own context).

The key holds what else changes the page: scheme, host, path and query, the language
and time zone, the visitor's territory, the URLconf and script prefix, and the shop's
code version. It is worked out before the middlewares that decide the language and
territory run, in the same way (storefront.i18n, storefront.territory), and a page is
kept only when they decided the same for the request that rendered it.

What is kept is at most `SHARED_PAGE_SECONDS` older than a render would be: the read
layer already lets a process serve its copy of a read for 10 s
(storefront.reads.LOCAL_SECONDS) before it looks for a newer one.
"""

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.template import Context
from django.template.context_processors import csrf
from django.urls import get_script_prefix, get_urlconf
from django.utils import timezone, translation

from catalogue.templatetags.fragments import (
    REQUEST_HOLES,
    Copies,
    characters,
    code_version,
    fill,
    split,
)
from storefront.i18n import first_visit_target, path_language
from storefront.territory import country_of

# The pages of a few hundred URLs (a release page is ~50 KB).
KEPT_CHARACTERS = 24_000_000
# Headers a kept page does not repeat: the server's and each response's own.
UNKEPT = {"content-length", "set-cookie"}


@dataclass(frozen=True)
class KeptPage:
    until: float  # time.monotonic()
    pieces: tuple  # the HTML cut at its holes (fragments.split)
    headers: tuple[tuple[str, str], ...]


_pages = Copies(KEPT_CHARACTERS, size=lambda kept: characters(kept.pieces))
_lock = threading.Lock()


@receiver(setting_changed)
def forget(**kwargs: Any) -> None:
    """Drop every kept page (settings changed; tests)."""
    with _lock:
        _pages.clear()


class SharedPageMiddleware:
    """Serves a kept page before the rest of the stack runs, and keeps the pages
    `@shared_page` views hand it (see the module).

    It sits after CsrfViewMiddleware, which sets the visitor's CSRF cookie on the way
    out, and before the session, language, territory and the other middlewares: a
    kept page is served without them. So its key is worked out from the request as
    they would (the language from the path, the territory as TerritoryMiddleware
    finds it), and a page is kept only when that key is what they did decide for the
    request that made it. A first visit the language middleware would redirect is
    left to it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not shareable(request) or first_visit_target(request) is not None:
            return self.get_response(request)
        key = page_key(request, path_language(request.path_info), country_of(request))
        with _lock:
            kept = _pages.get(key)
        if kept is not None and kept.until > time.monotonic():
            return served(kept, request)
        request.keeps_shared_page = True  # asks @shared_page for a page to keep
        response = self.get_response(request)
        pieces = getattr(response, "shared_pieces", None)
        if pieces is not None and not response.cookies and key == decided_key(request):
            kept = KeptPage(
                until=time.monotonic() + settings.SHARED_PAGE_SECONDS,
                pieces=pieces,
                headers=tuple(
                    (name, value) for name, value in response.items() if name.lower() not in UNKEPT
                ),
            )
            with _lock:
                _pages.put(key, kept)
        return response


def shared_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Render `view`'s page with its request holes as marks, for SharedPageMiddleware
    to keep, when it asks; fill them for this request as any page's are."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not getattr(request, "keeps_shared_page", False):
            return view(request, *args, **kwargs)
        request.marked_page = True  # catalogue.views.render_fetched: holes as marks
        response = view(request, *args, **kwargs)
        if not getattr(request, "page_marked", False):
            return response  # not a catalogue page after all (an error, a redirect)
        pieces = split(response.content.decode(response.charset))
        if keepable(request, response, pieces):
            response.shared_pieces = pieces
        response.content = fill(pieces, holes_of(request))
        return response

    return wrapper


def shareable(request: HttpRequest) -> bool:
    return (
        settings.SHARED_PAGE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES  # a message to show (signed out)
        and not request.headers.get("HX-Request")
    )


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


def keepable(request: HttpRequest, response: HttpResponse, pieces: tuple) -> bool:
    """Whether the page the view made shows nothing but what the key and holes hold."""
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not response.cookies
        and not getattr(request, "page_not_shared", False)
        and not (session is not None and session.modified)
        and not len(get_messages(request))
        and all(hole[0] in REQUEST_HOLES for hole in pieces[1::2])
    )


def holes_of(request: HttpRequest) -> Context:
    """What the request's holes are filled from: the request, Django's lazy CSRF token
    (reading it sets the CSRF cookie, as on any page with a form)."""
    return Context({"request": request, **csrf(request)})


def served(kept: KeptPage, request: HttpRequest) -> HttpResponse:
    """The kept page with this request's own values in its holes."""
    response = HttpResponse(fill(kept.pieces, holes_of(request)))
    for name, value in kept.headers:
        response[name] = value
    return response
