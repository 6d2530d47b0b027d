"""Shared fragments: a template rendered from a declared context, its HTML kept while
the data it shows is the same version.

`{% load fragments %}`, then, where a page shows what every shopper with the same
data sees alike:

    {% fragment "catalogue/fragments/release.html" page=data country=country %}

Like `{% include "…" with … only %}`, the template sees ONLY the names declared in
the tag (and the holes below): not the page's context, not the request, not the
shopper. A fragment therefore cannot show one shopper's data to another, even when a
later change makes its template read another variable: that variable is empty there.

Each declared value is one of:

- plain: str, int, float, bool, None, Decimal, or tuples and lists of them. It is part
  of the key as it is.
- a `storefront.reads.Fetched`: the template sees its `.value`; the key holds its
  `.version`, which names the reads it was built from and when each was fetched. A
  refreshed read is a new version, so the copy is never older than what a fresh
  render would show, and nothing needs invalidating.

Anything else raises `FragmentError`: an object without a version cannot key a copy.
The active language and time zone, the URLconf and the script prefix are part of
every key (they change what the same data renders as), and so is the shop's own code
that renders them: a digest of its templates, template tags and compiled
translations, taken once per process, so a deploy never serves the last release's
HTML from the shared cache. A settings change drops every copy this process keeps.

A fragment template must be whole elements: it opens no tag it does not close and
closes none it did not open (checked on every render that misses when
`settings.FRAGMENTS_CHECK_HTML` is on, as in DEBUG and the tests).

Copies are kept in this process (a dictionary look-up on a hit) and in the shared
cache, so that a copy one worker rendered serves the others.

Holes: the one way per-request output gets into a fragment
------------------------------------------------------------
Inside a fragment, these render as marks; every render, hit or miss, fills the marks
from the page's own context, so their output never reaches another shopper:

- `{% csrf_token %}`: the shopper's own CSRF token;
- `{% current_path %}`: the page's path and query (`request.get_full_path`);
- `{% login_next %}`: `?next=` and that path, URL-encoded, for a sign-in link ("" on
  the home page, where signing in returns anyway);
- `{% fresh_submit_token %}`: checkout's one-time token, new at each occurrence;
- `{% hole "template.html" name=value … %}`: that template rendered with the page's
  whole context (request, user, basket…) and the plain values given, like a plain
  `{% include %}` would be outside a fragment: e.g. the signed-in shopper's wishlist
  button inside a shared release page. In a whole page kept for many shoppers
  (catalogue/shared_pages.py) it is filled from the request's context alone (the
  context processors' values), not the view's: a hole template reads only those.
  For a signed-in shopper those values have one version (their per-user token), so
  the process keeps a hole's output per template, values and version, rendered
  without the request (its request holes marks, filled on each serve).

Outside a fragment the same tags render directly, so a template can be included
either way.
"""

import functools
import hashlib
import json
import logging
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django import template
from django.conf import settings
from django.core.cache import caches
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.base import FilterExpression, Node
from django.urls import get_script_prefix, get_urlconf
from django.utils import timezone, translation
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from storefront.reads import Fetched
from storefront.tokens import new_submit_token, new_submit_tokens

register = template.Library()
logger = logging.getLogger(__name__)


class FragmentError(template.TemplateSyntaxError):
    """A fragment given a value it cannot key, or a template that is not whole elements."""


# A hole is `\ue000name\ue002arguments\ue001`: private-use characters, unchanged by
# HTML escaping. Arguments are JSON (ASCII only, so never a mark character).
_HOLE = re.compile("\ue000([a-z_]+)\ue002([^\ue000\ue001]*)\ue001")
CSRF, PATH, NEXT, SUBMIT, INCLUDE = "csrf", "path", "next", "submit", "include"
INSIDE = "_inside_fragment"  # context flag while a fragment renders
# Context flag of a whole page rendered to be kept (catalogue/shared_pages.py): its
# holes stay marks, filled on every serve.
MARKED_PAGE = "_marked_page"
# The holes filled from the request alone (a page kept before the session is read may
# hold only these); INCLUDE holes need the request's whole template context.
REQUEST_HOLES = (CSRF, PATH, NEXT, SUBMIT)
EVERY_HOLE = (*REQUEST_HOLES, INCLUDE)
# Copies kept per process, least recently used dropped first once they hold more than
# this many characters of HTML (a release's ~10-60 KB, a language switcher's 1 KB):
# the pages of about a thousand releases, artists and searches read in turn.
KEPT_CHARACTERS = 48_000_000
SHARED_SECONDS = 60 * 60  # in the shared cache; a new version is a new key anyway
KEY_PREFIX = "fragment:1"
HOLE_CHARACTERS = 8_000_000  # a badge or a button each: some ten thousand
# Context: the version of the shopper's own values that `{% hole %}`s show, when the
# context's values are all of that version (catalogue/shared_pages.request_context).
HOLE_STATE = "_hole_state"


def characters(pieces: tuple) -> int:
    """The characters of HTML in pieces (the holes between them not counted)."""
    return sum(map(len, pieces[::2]))


class Copies:
    """key -> pieces, least recently used first, bounded by the characters they hold.

    Pieces are the HTML split at its holes once, so that filling them is one join
    (searching 50 KB of text for marks on every hit costs ~0.2 ms). Even pieces are
    HTML, odd ones the holes as (name, arguments). A value that holds pieces (a kept
    page) is measured by `size`. Callers hold `_lock`."""

    def __init__(self, limit: int, size: Callable[[Any], int] = characters) -> None:
        self.limit = limit
        self.size = size
        self.characters = 0
        self._pieces: OrderedDict[str, tuple] = OrderedDict()
        self._sizes: dict[str, int] = {}

    def get(self, key: str) -> Any:
        pieces = self._pieces.get(key)
        if pieces is not None:
            self._pieces.move_to_end(key)
        return pieces

    def put(self, key: str, pieces: Any) -> None:
        """Keep `pieces` as the most recent."""
        self.characters -= self._sizes.pop(key, 0)
        self._pieces[key] = pieces
        self._pieces.move_to_end(key)
        self._sizes[key] = size = self.size(pieces)
        self.characters += size
        while self.characters > self.limit and len(self._pieces) > 1:
            oldest, _ = self._pieces.popitem(last=False)
            self.characters -= self._sizes.pop(oldest)

    def clear(self) -> None:
        self._pieces.clear()
        self._sizes.clear()
        self.characters = 0

    def __iter__(self):
        return iter(self._pieces)

    def __len__(self) -> int:
        return len(self._pieces)

    def values(self):
        return self._pieces.values()


_kept = Copies(KEPT_CHARACTERS)
# `{% hole %}` outputs per shopper and version of their values (`_include`).
_holes = Copies(HOLE_CHARACTERS)
_lock = threading.Lock()
_PLAIN = (str, int, float, bool, type(None), Decimal)


def mark(name: str, *arguments: Any) -> SafeString:
    """The mark of a hole, filled on every render (see the module's docstring)."""
    encoded = json.dumps(arguments, separators=(",", ":"), sort_keys=True)
    return mark_safe(f"\ue000{name}\ue002{encoded}\ue001")  # noqa: S308  # nosec B308 B703  # ASCII JSON between marks


# The marks of the holes without arguments, made once (a marked page is full of them).
_PLAIN_MARKS = {name: mark(name) for name in (CSRF, PATH, NEXT, SUBMIT)}
CSRF_MARK = _PLAIN_MARKS[CSRF]


def _mark_of(hole: tuple) -> str:
    """The mark a hole (a piece of `split`) was cut from."""
    name, arguments = hole
    return mark(name, *arguments) if arguments else _PLAIN_MARKS[name]


@receiver(setting_changed)
def forget(**kwargs: Any) -> None:
    """Drop every copy kept by this process; done when settings change (tests override
    the static files, the API's site...: not part of the key)."""
    with _lock:
        _kept.clear()
        _holes.clear()
    code_version.cache_clear()


def _plain(value: Any) -> bool:
    return isinstance(value, _PLAIN) or (
        isinstance(value, list | tuple) and all(map(_plain, value))
    )


def _keyed(name: str, value: Any) -> Any:
    """What a declared value puts in the key: itself if plain, else its version."""
    if _plain(value):
        return _frozen(value)
    if isinstance(value, Fetched):
        if not value.version:
            raise FragmentError(f"fragment value {name!r} is a Fetched without a version")
        return ("fetched", value.version)
    raise FragmentError(
        f"fragment value {name!r} is a {type(value).__name__}: pass plain values or a "
        "Fetched (whose version keys the copy)"
    )


def _frozen(value: Any) -> Any:
    return tuple(map(_frozen, value)) if isinstance(value, list | tuple) else value


def _ambient() -> tuple:
    """What changes the output of the same data: language, time zone, URLs."""
    return (
        translation.get_language(),
        timezone.get_current_timezone_name(),
        get_urlconf() or settings.ROOT_URLCONF,
        get_script_prefix(),
    )


@functools.cache
def code_version() -> str:
    """A digest of what turns data into HTML here: the project's templates, template
    tags and compiled translations (not the installed packages': pinned). Walks the
    project's own folders only (a few milliseconds; once per process)."""
    base = Path(settings.BASE_DIR).resolve()
    digest = hashlib.sha256()
    for folder, subfolders, files in os.walk(base):
        subfolders[:] = sorted(
            name for name in subfolders if not name.startswith(".") and name not in SKIPPED
        )
        where = Path(folder)
        for name in sorted(files):
            path = where / name
            if _renders(path.relative_to(base)):
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _renders(path: Path) -> bool:
    parts = path.parts
    return (
        (path.suffix == ".html" and "templates" in parts)
        or (path.suffix == ".py" and "templatetags" in parts)
        or (path.suffix == ".mo" and "locale" in parts)
    )


SKIPPED = {"node_modules", "site-packages", "var", "tests", "bench", "static", "staticfiles"}


def _shared_cache():
    return caches[settings.FRAGMENTS_CACHE]


class FragmentNode(Node):
    child_nodelists = ()  # no blocks inside: the template is rendered apart

    def __init__(self, template_name: str, values: dict[str, FilterExpression]):
        self.template_name = template_name
        self.values = values

    def render(self, context: template.Context) -> SafeString:
        declared = {name: value.resolve(context) for name, value in self.values.items()}
        parts = (
            self.template_name,
            _ambient(),
            sorted((name, _keyed(name, value)) for name, value in declared.items()),
        )
        digest = hashlib.sha256(repr(parts).encode()).hexdigest()
        key = f"{KEY_PREFIX}:{code_version()}:{digest}"
        with _lock:
            pieces = _kept.get(key)
        if pieces is None:
            pieces = self._shared(key) or self._render(key, context, declared)
            self._keep(key, pieces)
        return fill(pieces, context)

    def _shared(self, key: str) -> tuple | None:
        try:
            return _shared_cache().get(key)
        except Exception:
            logger.warning("Fragment cache read failed", exc_info=True)
            return None

    def _render(self, key: str, context: template.Context, declared: dict) -> tuple:
        shown = {
            name: value.value if isinstance(value, Fetched) else value
            for name, value in declared.items()
        }
        isolated = template.Context(
            {**shown, "csrf_token": CSRF_MARK, INSIDE: True},
            autoescape=context.autoescape,
            use_l10n=context.use_l10n,
            use_tz=context.use_tz,
        )
        html = _engine(context).get_template(self.template_name).render(isolated)
        if getattr(settings, "FRAGMENTS_CHECK_HTML", settings.DEBUG):
            check_whole_elements(self.template_name, html)
        pieces = split(html)
        try:
            _shared_cache().set(key, pieces, SHARED_SECONDS)
        except Exception:
            logger.warning("Fragment cache write failed", exc_info=True)
        return pieces

    @staticmethod
    def _keep(key: str, pieces: tuple) -> None:
        with _lock:
            _kept.put(key, pieces)


def split(html: str) -> tuple:
    """The HTML cut at its holes: text, (name, arguments), text, …"""
    found = _HOLE.split(html)
    pieces: list[Any] = [found[0]]
    for index in range(1, len(found), 3):
        name, arguments = found[index], found[index + 1]
        if name in EVERY_HOLE:
            values = () if arguments == "[]" else tuple(json.loads(arguments))
            pieces += [(name, values), found[index + 2]]
        else:  # not a hole of ours (text that happens to look like one): as it was
            pieces[-1] += f"\ue000{name}\ue002{arguments}\ue001{found[index + 2]}"
    return tuple(pieces)


def fill(pieces: tuple, context: template.Context) -> SafeString:
    """The fragment with this request's values in its holes (the odd pieces)."""
    # The template engine escaped the text; the fillers escape what they put in.
    if len(pieces) == 1:
        return mark_safe(pieces[0])  # noqa: S308  # nosec B308 B703  # rendered, escaped HTML
    # Nested in another fragment (that one fills them), or in a page to be kept (filled
    # when it is served): the holes stay marks.
    if context.get(INSIDE) or context.get(MARKED_PAGE):
        out = [piece if isinstance(piece, str) else _mark_of(piece) for piece in pieces]
        return mark_safe("".join(out))  # noqa: S308  # nosec B308 B703  # rendered HTML, marks
    out = list(pieces)
    once = _filled_once(context)
    holes = range(1, len(out), 2)
    # Checkout's one-time tokens, new at each hole: drawn together.
    submit_tokens = iter(new_submit_tokens(sum(out[index][0] == SUBMIT for index in holes)))
    ambient = None  # what `{% hole %}`s' output is kept under (_include): read once
    for index in holes:
        name, arguments = out[index]
        if name == SUBMIT:
            out[index] = next(submit_tokens)
        elif name == INCLUDE:
            ambient = ambient or _ambient()
            out[index] = _include(context, *arguments, ambient=ambient)
        else:
            # CSRF, PATH, NEXT: the same all through the request however many forms the
            # page has, so worked out once and kept with what it was made from (the
            # context's token: one per RequestContext, as Django's own tag has it).
            source = context.get("csrf_token") if name == CSRF else None
            kept = once.get(name)
            if kept is None or kept[0] is not source:
                kept = once[name] = (source, _FILLERS[name](context))
            out[index] = kept[1]
    html = "".join(out)
    if "\ue003" in html:  # no CSRF token (no request: e-mail, preview): no field, as Django
        html = _NO_TOKEN_FIELD.sub("", html)
    return mark_safe(html)  # noqa: S308  # nosec B308 B703  # escaped HTML + escaped values


def _filled_once(context: template.Context) -> dict[str, tuple[Any, str]]:
    """This request's values of those holes, kept on the request (none without one)."""
    request = context.get("request")
    if request is None:
        return {}
    try:
        return request._fragment_holes
    except AttributeError:
        request._fragment_holes = {}
        return request._fragment_holes


_NO_TOKEN_FIELD = re.compile('<input type="hidden" name="csrfmiddlewaretoken" value="\ue003">')


def _csrf(context: template.Context) -> str:
    # Read on every render, hit or miss: reading it also sets the CSRF cookie.
    token = context.get("csrf_token")
    if token is None or str(token) == "NOTPROVIDED":
        return "\ue003"
    return conditional_escape(str(token))


def _path(context: template.Context) -> str:
    request = context.get("request")
    return conditional_escape(request.get_full_path()) if request is not None else ""


def _login_next(context: template.Context) -> str:
    request = context.get("request")
    if request is None or request.path == "/":
        return ""
    return conditional_escape(f"?next={quote(request.get_full_path(), safe='/')}")


def _engine(context: template.Context) -> template.Engine:
    """The engine rendering this page (a test's own, or the project's)."""
    return context.template.engine if context.template else template.engines["django"].engine


def _include(context: template.Context, template_name: str, values: dict, ambient: tuple) -> str:
    """A `{% hole %}` filled: its template rendered with the page's context and
    `values`; for a shopper whose hole values have a known version (`HOLE_STATE`),
    the output this process rendered for that version (and `ambient`: `_ambient()`
    as the page is filled), its request holes filled."""
    state = context.get(HOLE_STATE)
    if state is None:
        with context.push(values):
            return _engine(context).get_template(template_name).render(context)
    key = (template_name, _frozen(sorted(values.items())), ambient, state)
    with _lock:
        pieces = _holes.get(key)
    if pieces is None:
        # What is the request's own stays a mark, and the request is not there to
        # read: the output is the shopper's values' alone, whatever page shows it.
        own = {**values, "request": None, "csrf_token": CSRF_MARK, MARKED_PAGE: True}
        with context.push(own):
            pieces = split(_engine(context).get_template(template_name).render(context))
        with _lock:
            _holes.put(key, pieces)
    return fill(pieces, context)


# How each request hole is filled (`fill` draws checkout's one-time tokens together,
# and fills the `{% hole %}`s).
_FILLERS = {
    CSRF: _csrf,
    PATH: _path,
    NEXT: _login_next,
}


class _Elements(HTMLParser):
    VOID = {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr",
    }  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.problem = ""

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID or self.problem:
            return
        if not self.open or self.open[-1] != tag:
            self.problem = (
                f"</{tag}> closes {'<' + self.open[-1] + '>' if self.open else 'nothing'}"
            )
        else:
            self.open.pop()


def check_whole_elements(name: str, html: str) -> None:
    """Raise FragmentError unless `html` is whole elements (every tag it opens closed,
    none closed that it did not open)."""
    parser = _Elements()
    parser.feed(html)
    parser.close()
    if parser.problem or parser.open:
        problem = parser.problem or f"<{parser.open[-1]}> is never closed"
        raise FragmentError(f"fragment {name} is not whole elements: {problem}")


@register.tag
def fragment(parser: template.base.Parser, token: template.base.Token) -> FragmentNode:
    """`{% fragment "template.html" name=value … %}`: see the module's docstring."""
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][-1] != bits[1][0]:
        raise template.TemplateSyntaxError("fragment takes a quoted template name")
    values = template.base.token_kwargs(bits[2:], parser, support_legacy=False)
    if len(values) != len(bits) - 2:
        raise template.TemplateSyntaxError("fragment takes name=value pairs after its template")
    return FragmentNode(bits[1][1:-1], values)


@register.simple_tag(takes_context=True)
def current_path(context: template.Context) -> str:
    """The page's path and query (the `next` of its forms); a hole inside a fragment."""
    return _PLAIN_MARKS[PATH] if _marking(context) else _path(context)


@register.simple_tag(takes_context=True)
def login_next(context: template.Context) -> str:
    """`?next=` and the page's path for a sign-in link ("" on the home page)."""
    return _PLAIN_MARKS[NEXT] if _marking(context) else _login_next(context)


@register.simple_tag(takes_context=True)
def fresh_submit_token(context: template.Context) -> str:
    """Checkout's one-time token of a payment form, new for every form rendered."""
    return _PLAIN_MARKS[SUBMIT] if _marking(context) else new_submit_token()


def _marking(context: template.Context) -> bool:
    """Whether request holes render as marks here: in a fragment, or a kept page."""
    return bool(context.get(INSIDE) or context.get(MARKED_PAGE))


def keeps_no_copy(request: Any) -> None:
    """Mark `request`'s page as one that must not be kept (it shows the page's context)."""
    if request is not None:
        request.page_not_shared = True


@register.simple_tag(takes_context=True)
def hole(context: template.Context, template_name: str, **values: Any) -> str:
    """`template_name` rendered with the page's context and `values`, on every render."""
    if not _marking(context):
        return _include(context, template_name, values, _ambient())
    for name, value in values.items():
        if not _plain(value):
            raise FragmentError(f"hole value {name!r} is a {type(value).__name__}: plain only")
    return mark(INCLUDE, template_name, values)
