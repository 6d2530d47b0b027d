"""Template filters of the shop: prices, durations, cover-art sizes and links.

`{% load store %}` then `{{ price|money }}`, `{{ track.duration|duration }}`,
`{{ release.image|art:350 }}`, `{{ release|detail_url }}`, `{{ date|long_date }}`
(or `{{ date|local_date }}`, medium, or `:"long"`), `{{ count|number }}`,
the catalogue's words from 7digital in the page's language (`{{ tag|term:terms }}`),
the shop's own (`release_type`, `chart_title`…) and `{% if 'basket-add'|url_known %}`.
Each is the one place its format is decided; prices, numbers and dates follow the
active language (storefront.money). Counts in sentences take
`{% blocktranslate count n=items|length %}…{% plural %}…{% endblocktranslate %}`.
They render only: no queries, no API calls, no signed URLs (previews are
`track-preview`).
"""

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, get_resolver, get_script_prefix, get_urlconf, reverse
from django.utils.text import capfirst
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext_lazy as _

from catalogue.terms import Terms
from sevendigital import (
    Artist,
    Format,
    Money,
    Package,
    PackagePrice,
    Page,
    Price,
    Release,
    Tag,
    Track,
)
from storefront.i18n import PageLanguages
from storefront.i18n import page_languages as languages_of
from storefront.money import format_local_date, format_money, format_number, locale_of

register = template.Library()

# The sizes the artwork server renders (WIRE-NOTES §7, `imageSize`).
ART_SIZES = (33, 50, 75, 100, 180, 182, 200, 350, 500, 800)
_IMAGE_SIZE_SUFFIX = re.compile(r"_\d+(\.jpg)$")

DETAIL_URL_NAMES = {Release: "release-detail", Artist: "artist-detail", Track: "track-detail"}


@register.filter
def money(value: Money | Price | PackagePrice | None) -> str:
    """A price as shoppers read it; "" when there is none (not sold, or unknown).

    Takes a Money, a legacy `Price` block or a package's `PackagePrice`, so templates
    need not know which shape the API sent.
    """
    if isinstance(value, Price):
        value = value.value
    elif isinstance(value, PackagePrice):
        value = value.sevendigital_price
    if not isinstance(value, Money):
        return ""
    if value.amount == 0:
        # Translators: the price of something that costs nothing (not the verb).
        return pgettext("price", "Free")
    return format_money(value)


@register.filter
def number(value: int | float | Decimal | None) -> str:
    """A count or amount with the language's digit grouping (`1,234`, `1.234`)."""
    if value is None or isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return ""
    return format_number(value)


@register.filter
def local_date(value: date | None, form: str = "medium") -> str:
    """A date in the language's style: `medium` (`Mar 5, 2024`, `05.03.2024`) or
    `long` (`March 5, 2024`, `5. März 2024`), also `short`, `full`; "" when unknown.
    (Django's own `date` filter keeps the machine formats: `|date:'c'`.)"""
    if not isinstance(value, date):
        return ""
    return format_local_date(value, form)


@register.simple_tag
def page_languages(here: str | None, origin: str | None, suggested: str | None) -> PageLanguages:
    """`{% page_languages page_path page_origin suggested_language as languages %}`: the
    page in each of the shop's languages (storefront.i18n.page_languages)."""
    return languages_of(here or "", origin or "", suggested or "")


@register.filter
def territory_name(code: str) -> str:
    """A territory's name in the page's language ("Deutschland" on a German page)."""
    return territory_names(get_language()).get(code, code)


# The words of a page that read none (Terms are immutable: one will do).
NO_TERMS = Terms("en", {})


@lru_cache(maxsize=16)
def territory_names(language: str | None) -> dict[str, str]:
    return dict(locale_of(language).territories)


@register.filter
def price_of(item: Release | Track | None) -> Money | None:
    """What a release or track costs here: its standard package, else the legacy price."""
    if item is None:
        return None
    package = item.download.primary_package if item.download else None
    if package is not None and package.price is not None:
        return package.price.sevendigital_price
    if item.price is not None:
        return item.price.value
    return None


@register.filter
def duration(seconds: int | None) -> str:
    """Seconds as `m:ss` (or `h:mm:ss` for a long album); "" when unknown."""
    if seconds is None or seconds < 0:
        return ""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def nearest_art_size(size: int) -> int:
    """The smallest rendered size at least `size` pixels wide (the largest if none)."""
    return next((s for s in ART_SIZES if s >= size), ART_SIZES[-1])


@register.filter
def art(url: str | None, size: int | str = 350) -> str:
    """The same image at another size: `…_50.jpg` becomes `…_350.jpg`.

    Sizes the artwork server does not render are rounded up to one it does, so a
    template asking for 300 pixels gets the 350 image rather than a broken one.
    """
    if not url:
        return ""
    try:
        pixels = nearest_art_size(int(size))
    except (TypeError, ValueError):
        return url
    return _IMAGE_SIZE_SUFFIX.sub(rf"_{pixels}\1", url)


@register.filter
def art_srcset(url: str | None, size: int | str = 350) -> str:
    """A `srcset` with the image at `size` and twice that, for sharp art on HiDPI screens."""
    if not url:
        return ""
    try:
        pixels = int(size)
    except (TypeError, ValueError):
        return ""
    one, two = nearest_art_size(pixels), nearest_art_size(pixels * 2)
    return f"{art(url, one)} 1x, {art(url, two)} 2x"


@register.filter
def detail_url(item: Release | Artist | Track | None) -> str:
    """The shop's page for a release, artist or track, with its slug when it has one."""
    name = DETAIL_URL_NAMES.get(type(item))
    if name is None:
        return ""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    language = get_language()
    return _reversed(urlconf, get_script_prefix(), language, name, item.id, item.slug or None)


@lru_cache(maxsize=8192)
def _reversed(
    urlconf: str, prefix: str, language: str | None, name: str, item_id: int, slug: str | None
) -> str:
    """`reverse()` of a detail page, kept: a catalogue page links ~90 items, and the URL
    of an item never changes under one URLconf, script prefix and language (its URL
    prefix: /de/release/1/), all three in the key."""
    args = [item_id, slug] if slug else [item_id]
    return reverse(name, args=args, urlconf=urlconf)


# Words the shop itself names (the API's own come from its `translations` operation,
# through `term` and `chart_period`).
RELEASE_TYPES_PLURAL = {
    "Album": _("Albums"),
    "Single": _("Singles"),
    "EP": _("EPs"),
    "Compilation": _("Compilations"),
    "Exclusive": _("Exclusives"),
    "Video": _("Videos"),
}
CHART_KINDS = {"release": _("Albums"), "track": _("Tracks"), "artist": _("Artists")}
CHART_TITLES = {"release": _("Top albums"), "track": _("Top tracks"), "artist": _("Top artists")}
SEARCH_TABS = {"releases": _("Releases"), "artists": _("Artists"), "tracks": _("Tracks")}


@register.filter
def release_types(kind: str | None) -> str:
    """A heading for the releases of one type: "Albums", "Singles"…"""
    return str(RELEASE_TYPES_PLURAL.get(kind or "", kind or ""))


@register.filter
def chart_kind(kind: str) -> str:
    return str(CHART_KINDS.get(kind, kind))


@register.filter
def chart_title(kind: str) -> str:
    return str(CHART_TITLES.get(kind, kind))


@register.filter
def chart_period(period: str, terms: Terms | None) -> str:
    """A chart's period ("This week") in the page's language, from the view's `terms`."""
    return (terms if isinstance(terms, Terms) else NO_TERMS).chart(period)


@register.filter
def search_tab(tab: str) -> str:
    return str(SEARCH_TABS.get(tab, tab))


@register.filter
def split(words: str) -> list[str]:
    """`"a b c"|split`: a fixed list written in a template."""
    return words.split()


@register.filter
def tag_names(tags: Iterable[Tag], terms: Terms | None = None) -> str:
    """Genres joined, in the page's language: "Rock + Indie rock"."""
    return " + ".join(capfirst(term(tag, terms)) for tag in tags)


@register.filter
def long_date(value: date | None) -> str:
    """A date as the page's language writes it: "2 March 2026", "2. März 2026"."""
    return local_date(value, "long")


@register.filter
def term(value: object, terms: Terms | None) -> str:
    """A catalogue word in the shopper's language, from the view's `terms`
    (`catalogue.selectors.catalogue_terms(...).value`); a pure lookup, no API call.

    `{{ tag|term:terms }}` (a Tag, or a tag id or text), `{{ package|term:terms }}`,
    `{{ format|term:terms }}`, `{{ release.type|term:terms }}` and a key such as
    `{{ "chart_week"|term:terms }}`. Without a word for it (or without terms), the
    API's own text: a Tag's text, a Package's or Format's description, the string.
    """
    if terms is None or not isinstance(terms, Terms):
        if isinstance(value, Tag):
            return value.text
        if isinstance(value, (Format, Package)):
            return value.description or str(value.id)
        return "" if value is None else str(value)
    return terms.of_value(value)


@register.filter
def unslug(slug: str) -> str:
    """`staff-picks` -> `staff picks`: a key or tag id read as words."""
    return str(slug).replace("-", " ").replace("_", " ")


@register.filter
def disc_count(tracks: Iterable[Track]) -> int:
    """How many discs a tracklist spans (1 when the API does not say)."""
    return len({track.disc_number or 1 for track in tracks}) or 1


@register.filter
def without(items: list[str], item: str) -> list[str]:
    """The list minus one value: the link that drops a tag from a combined tag page."""
    return [value for value in items if value != item]


@dataclass(frozen=True)
class Paging:
    count: int  # pages the shopper can reach
    previous: int | None
    next: int | None


@register.filter
def paging(items: Page) -> Paging:
    """Page links for a list, never past the deepest page the views will fetch."""
    from catalogue.views import MAX_PAGE  # the views own that limit

    size = max(items.page_size, 1)
    count = min(math.ceil(items.total_items / size), MAX_PAGE)
    previous = items.page - 1 if items.page > 1 else None
    following = items.page + 1 if items.page < count else None
    return Paging(count=count, previous=previous, next=following)


@register.filter
def url_known(name: str) -> bool:
    """Whether a URL name is routed, so optional features (checkout) render only once
    their app is installed: `{% if 'basket-add'|url_known %}`."""
    if name in get_resolver().reverse_dict:
        return True
    try:
        reverse(name)
    except NoReverseMatch:
        return False
    return True
