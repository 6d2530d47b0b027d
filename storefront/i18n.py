"""The shopper's language: which one a page is in, the first visit's redirect, the switch.

English is the source language and has no URL prefix; German, French and Japanese
pages are the same paths under `/de/`, `/fr/` and `/ja/` (`i18n_patterns` with
`prefix_default_language=False` in storefront/urls.py). Django's LocaleMiddleware
activates the language of the prefix (English without one), so a page's language is
in its URL: shareable, crawlable, cacheable per URL.

`PreferredLanguageMiddleware` (after LocaleMiddleware) sends a visitor who asks for an
English shopper page, has not chosen English, and whose chosen language (the
`settings.LANGUAGE_COOKIE_NAME` cookie) or browser (Accept-Language) prefers another
of `settings.LANGUAGES`, to the same page in that language: a 302 that varies on
Accept-Language and Cookie. It reads headers only: no session, no database.

`choose_language` (the switcher's links: GET /language/<code>/?next=<path>) sets the
language cookie, tells `language_chosen` receivers (accounts stores a signed-in
shopper's language), and redirects to `next` (if it is ours) in that language.
`page_languages(here, origin)` gives the switcher and the hreflang alternates their URLs.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.core.signals import request_finished, setting_changed
from django.dispatch import Signal, receiver
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseNotFound,
    HttpResponseRedirect,
)
from django.urls import (
    get_script_prefix,
    get_urlconf,
    is_valid_path,
    path,
    reverse,
    translate_url,
)
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.encoding import iri_to_uri
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from storefront.http import safe_next

# Sent by `choose_language` with `request` and `language` (a code of settings.LANGUAGES).
language_chosen = Signal()

VARY = ("Accept-Language", "Cookie")


@receiver(request_finished, dispatch_uid="storefront.i18n.forget_the_requests_language")
def forget_the_requests_language(**kwargs: object) -> None:
    """A request's language ends with it: LocaleMiddleware activates one per request
    and leaves it on the thread, where whatever runs next there (an eager task, a
    test's reverse()) would otherwise inherit it."""
    translation.deactivate()


def language_codes() -> list[str]:
    return [code for code, _ in settings.LANGUAGES]


def language_name(code: str) -> str:
    """The language's name in that language (settings.LANGUAGES): "Deutsch"."""
    return dict(settings.LANGUAGES).get(code, code)


def path_language(path_info: str) -> str | None:
    """The language of a path's prefix (`/de/...`), None for an unprefixed path."""
    return translation.get_language_from_path(path_info)


def preferred_language(request: HttpRequest) -> str:
    """The shopper's chosen language (cookie), else the browser's (Accept-Language)
    best match among settings.LANGUAGES, else English. Reads headers only."""
    return translation.get_language_from_request(request, check_path=False)


def first_visit_target(request: HttpRequest) -> str | None:
    """Where an English shopper page should send this visitor instead: the same path
    and query under their preferred language's prefix; None to serve it."""
    if request.method not in ("GET", "HEAD") or request.headers.get("HX-Request"):
        return None  # forms post where they were shown; htmx asks for parts of a page
    if path_language(request.path_info) is not None:
        return None  # the URL says the language
    language = preferred_language(request)
    if language == settings.LANGUAGE_CODE:
        return None
    prefixed = f"/{language}{request.path_info}"
    urlconf = getattr(request, "urlconf", None) or get_urlconf()
    with translation.override(language):  # the prefix pattern matches the active one
        if not is_valid_path(prefixed, urlconf):
            return None  # not a shopper page (admin, health, media) or nothing there
    prefix = get_script_prefix()
    return f"{prefix}{language}/{request.get_full_path().removeprefix(prefix)}"


class PreferredLanguageMiddleware:
    """A visitor's first English page in the language they prefer (see the module)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        target = first_visit_target(request)
        if target is not None:
            response: HttpResponseBase = HttpResponseRedirect(target)
        else:
            response = self.get_response(request)
        if path_language(request.path_info) is None:
            # What an unprefixed URL answers depends on the browser's languages and the
            # language cookie: shared caches must keep one copy per combination.
            patch_vary_headers(response, VARY)
        return response


def _page_language(url: str) -> str:
    return path_language(urlsplit(url).path) or settings.LANGUAGE_CODE


def in_language(url: str, language: str) -> str:
    """A local URL (path and query) of one of the shop's pages, in `language`; the
    URL unchanged when it is no shopper page (admin, a 404)."""
    parts = urlsplit(url)
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    path = _path_in_language(urlconf, get_script_prefix(), parts.path, language)
    return urlunsplit(parts._replace(path=path))


@lru_cache(maxsize=8192)
def _path_in_language(urlconf: str, script_prefix: str, path: str, language: str) -> str:
    """`in_language` of a path, kept: every page links itself in each language (the
    switcher, the hreflang alternates), and a path's translation never changes under
    one URLconf and script prefix (both in the key; the query is not)."""
    # The prefix pattern matches only the active language's prefix: resolve the URL
    # in its own language.
    with translation.override(_page_language(path)):
        return translate_url(path, language)


@receiver(setting_changed)
def _forget_paths(**kwargs: object) -> None:
    _path_in_language.cache_clear()
    _choose_url.cache_clear()
    _page_languages.cache_clear()


@lru_cache(maxsize=64)
def _choose_url(urlconf: str, script_prefix: str, language: str) -> str:
    return reverse("choose-language", args=[language])


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str  # in its own language
    href: str  # this page in that language (a local URL)
    absolute: str  # the same with scheme and host (hreflang alternates)
    choose: str  # the switcher's link: sets the cookie, then goes to `href`
    current: bool  # the page's language
    default: bool  # the source language: hreflang's x-default


@dataclass(frozen=True)
class PageLanguages:
    """A page's versions in the shop's languages, as its head and switcher show them."""

    links: tuple[LanguageLink, ...]
    translatable: bool  # a shopper page with a version per language (not a 404)
    suggested: LanguageLink | None  # the shopper's territory's language, when another


def page_languages(here: str, origin: str, suggested: str = "") -> PageLanguages:
    """The page at `here` (path and query, from `origin`: scheme and host) in every
    language of the shop, the active one marked; `suggested` a language code to offer
    (the territory's), or "". Kept per page and language: computed once each."""
    if not here:  # no request (the 500 page, an e-mail): no versions
        return PageLanguages((), False, None)
    urlconf, prefix = get_urlconf() or settings.ROOT_URLCONF, get_script_prefix()
    return _page_languages(here, origin, suggested, translation.get_language(), urlconf, prefix)


@lru_cache(maxsize=4096)
def _page_languages(
    here: str, origin: str, suggested: str, current: str, urlconf: str, prefix: str
) -> PageLanguages:
    links = []
    for code in language_codes():
        href = in_language(here, code)
        links.append(
            LanguageLink(
                code=code,
                name=language_name(code),
                href=href,
                absolute=iri_to_uri(f"{origin}{href}"),
                choose=f"{_choose_url(urlconf, prefix, code)}?{urlencode({'next': href})}",
                current=code == current,
                default=code == settings.LANGUAGE_CODE,
            )
        )
    offered = next((link for link in links if link.code == suggested), None)
    return PageLanguages(
        links=tuple(links),
        translatable=len({link.href for link in links}) == len(links),
        suggested=offered if offered is not None and not offered.current else None,
    )


def suggested_language(request: HttpRequest) -> str:
    """The language of the shopper's territory when the page is in another, else ""."""
    language = settings.STORE_TERRITORY_LANGUAGES.get(getattr(request, "country", None) or "")
    return language if language and language != translation.get_language() else ""


@never_cache
@require_safe
def choose_language(request: HttpRequest, code: str) -> HttpResponse:
    """The switcher's link: remember `code` (cookie; a signed-in shopper's account via
    `language_chosen`), then go to `next` in that language.

    A GET, like following any link: it changes only the shopper's own preference, the
    same however often it is followed, and the switcher stays a plain list of links.
    """
    if code not in language_codes():
        return HttpResponseNotFound("Unknown language")
    home = reverse("home")
    target = in_language(safe_next(request, request.GET.get("next"), default=home), code)
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    language_chosen.send(sender=choose_language, request=request, language=code)
    return response


language_urls = [path("language/<str:code>/", choose_language, name="choose-language")]
