"""Catalogue pages: thin views that validate the URL, call one selector and render.

Selectors return `Fetched` values (the data plus whether it is a saved copy); when the
API fails and nothing is saved they raise, and `catalogue_errors` turns that into the
right page: unknown ids a 404, items not sold here an explanation (200), anything
else the friendly 503.
"""

import re
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from catalogue import selectors, services
from catalogue.shared_pages import shared_page, shopper_guards
from catalogue.templatetags.fragments import CSRF_MARK, MARKED_PAGE
from sevendigital import InputError, NotAvailableError, NotFoundError, SevenDigitalError
from storefront.http import is_live, shopper_country
from storefront.views import page_not_found, service_unavailable

SEARCH_KINDS = {"releases": "release", "artists": "artist", "tracks": "track"}
SEARCH_PAGE_SIZE = 20
SEARCH_QUERY_MAX = 100
CHART_KINDS = {"release": _("Albums"), "track": _("Tracks"), "artist": _("Artists")}
# Deep pages cost API calls and nobody reads them; ask for at most this many.
MAX_PAGE = 50
MAX_COMBINED_TAGS = 5  # as many as the tag-browse URL accepts (catalogue/urls.py)
TAG_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# The A-Z index: a page per letter, and one for names starting with a digit.
ARTIST_LETTERS = [*"abcdefghijklmnopqrstuvwxyz", "0-9"]

View = Callable[..., HttpResponse]


def catalogue_errors(what: str) -> Callable[[View], View]:
    """Map the API errors a catalogue read can raise to the shop's pages."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            try:
                return view(request, *args, **kwargs)
            except (NotFoundError, InputError):
                return page_not_found(request, what=what)
            except NotAvailableError:
                return render(request, "catalogue/unavailable.html", {"what": what})
            except SevenDigitalError as error:
                return service_unavailable(request, error)

        return require_safe(wrapper)

    return decorate


def page_number(request: HttpRequest) -> int:
    """`?page=` as a page number from 1 to MAX_PAGE; anything else is page 1."""
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        return 1
    return min(max(number, 1), MAX_PAGE)


def render_fetched(
    request: HttpRequest, template: str, context: dict[str, Any], *fetched: Any
) -> HttpResponse:
    """Render with `stale` set when any of the reads was served from a saved copy, and
    the one read as `fetched` and the catalogue's words as `terms` (what the page's
    shared fragment is declared with)."""
    context["stale"] = any(item.stale for item in fetched)
    context["fetched"] = fetched[0] if len(fetched) == 1 else None
    context["terms"] = page_terms(request) if fetched else None  # none shown: none read
    if getattr(request, "marked_page", False):  # to be kept (catalogue.shared_pages)
        context |= {MARKED_PAGE: True, "csrf_token": CSRF_MARK, **shopper_guards(request)}
        request.page_marked = True
    return render(request, template, context)


def page_terms(request: HttpRequest) -> Any:
    """The catalogue's words (genres, formats, packages, chart names) in the page's
    language, as the shopper's territory has them (`{{ tag|term:terms }}`)."""
    return selectors.catalogue_terms(
        language=get_language() or settings.LANGUAGE_CODE, country=shopper_country(request)
    )


@shared_page
@catalogue_errors("page")
def home(request: HttpRequest) -> HttpResponse:
    fetched = selectors.home(country=shopper_country(request))
    context = {"home": fetched.value, "slots": fetched.value.slots_by_kind}
    return render_fetched(request, "catalogue/home.html", context, fetched)


@shared_page
@catalogue_errors("page")
def search(request: HttpRequest) -> HttpResponse:
    """Search one kind of thing; live (htmx) requests get only the page body back."""
    q = " ".join(request.GET.get("q", "").split())[:SEARCH_QUERY_MAX]
    tab = request.GET.get("type", "releases")
    if tab not in SEARCH_KINDS:
        tab = "releases"
    live = is_live(request)
    context: dict[str, Any] = {
        "q": q,
        "tab": tab,
        "kind": SEARCH_KINDS[tab],
        "tabs": SEARCH_KINDS,
        "results": None,
        "live": live,
        "title": gettext("“%(q)s”: search") % {"q": q} if q else gettext("Search"),
    }
    fetched = []
    if q:
        found = selectors.search(
            kind=SEARCH_KINDS[tab],
            q=q,
            country=shopper_country(request),
            page=page_number(request),
            page_size=SEARCH_PAGE_SIZE,
        )
        context["results"] = found.value
        fetched.append(found)
    template = "catalogue/_search_body.html" if live else "catalogue/search.html"
    return render_fetched(request, template, context, *fetched)


def canonical_redirect(item: Any, slug: str | None, name: str) -> HttpResponse | None:
    """A permanent redirect to the item's canonical URL when the slug is wrong."""
    if slug is not None and item.slug and slug != item.slug:
        return redirect(name, item.id, item.slug, permanent=True)
    return None


def render_detail(request: HttpRequest, fetched: Any, kind: str, slug: str | None) -> HttpResponse:
    """The page of a release, artist or track (`page.<kind>` is the item), or a redirect
    to its canonical URL: `<kind>-detail`, rendered by `catalogue/<kind>_detail.html`."""
    moved = canonical_redirect(getattr(fetched.value, kind), slug, f"{kind}-detail")
    if moved:
        return moved
    template = f"catalogue/{kind}_detail.html"
    return render_fetched(request, template, {"page": fetched.value}, fetched)


@shared_page
@catalogue_errors("release")
def release_detail(request: HttpRequest, release_id: int, slug: str | None = None) -> HttpResponse:
    fetched = selectors.release_page(release_id=release_id, country=shopper_country(request))
    return render_detail(request, fetched, "release", slug)


@shared_page
@catalogue_errors("artist")
def artist_detail(request: HttpRequest, artist_id: int, slug: str | None = None) -> HttpResponse:
    fetched = selectors.artist_page(artist_id=artist_id, country=shopper_country(request))
    return render_detail(request, fetched, "artist", slug)


@shared_page
@catalogue_errors("track")
def track_detail(request: HttpRequest, track_id: int, slug: str | None = None) -> HttpResponse:
    fetched = selectors.track_page(track_id=track_id, country=shopper_country(request))
    return render_detail(request, fetched, "track", slug)


@require_safe
def track_preview(request: HttpRequest, track_id: int) -> HttpResponse:
    """The track's 30 s clip: a redirect to where the API serves it (signed with the
    consumer key on the real API, so made afresh on every play, never cached)."""
    response = redirect(selectors.preview_url(track_id))
    patch_cache_control(response, private=True, no_store=True)
    return response


@shared_page
@catalogue_errors("chart")
def charts(request: HttpRequest, kind: str = "release") -> HttpResponse:
    period = request.GET.get("period", "week")
    if period not in services.CHART_PERIODS:
        period = "week"
    fetched = selectors.chart(
        kind=kind, period=period, country=shopper_country(request), page=page_number(request)
    )
    context = {
        "chart": fetched.value,
        "kind": kind,
        "kinds": CHART_KINDS,
        "kind_label": CHART_KINDS[kind],
        "period": period,
        "periods": services.CHART_PERIODS,
        "period_label": services.CHART_PERIODS[period],
    }
    return render_fetched(request, "catalogue/charts.html", context, fetched)


@shared_page
@catalogue_errors("genre")
def tags(request: HttpRequest) -> HttpResponse:
    """All genres; the "combine" form (`?tag=a&tag=b`, no JS needed) goes to their page."""
    chosen = [tag for tag in request.GET.getlist("tag") if TAG_SLUG.fullmatch(tag)]
    if chosen:
        return redirect("tag-browse", chosen[:MAX_COMBINED_TAGS])
    fetched = selectors.all_tags(country=shopper_country(request))
    context = {"tags": fetched.value, "max_combined": MAX_COMBINED_TAGS}
    return render_fetched(request, "catalogue/tags.html", context, fetched)


@shared_page
@catalogue_errors("genre")
def tag_browse(request: HttpRequest, tags: list[str]) -> HttpResponse:
    fetched = selectors.tag_page(
        tags=tags, country=shopper_country(request), page=page_number(request)
    )
    context = {"page": fetched.value, "tag_ids": tags}
    return render_fetched(request, "catalogue/tag_browse.html", context, fetched)


@shared_page
@catalogue_errors("page")
def artist_browse(request: HttpRequest, letter: str = "a") -> HttpResponse:
    fetched = selectors.artist_browse(
        letter=letter, country=shopper_country(request), page=page_number(request)
    )
    context = {"artists": fetched.value, "letter": letter, "letters": ARTIST_LETTERS}
    return render_fetched(request, "catalogue/artist_browse.html", context, fetched)
