"""Rendered catalogue HTML, kept per process while the data it shows is the very same.

`{% load fragments %}`, then around markup that every shopper who sees the same
catalogue data gets alike:

    {% fragment "release-body" page.release page.tracks country %}…{% endfragment %}

The name is for readers (the tag itself tells fragments apart). The parts say what
the markup shows. Plain values (codes, ids, queries: str, int, float, bool, None, or
lists of them) key the copy; the rest (the selectors' models and pages, and tuples,
lists or dicts of them) key it by IDENTITY: a copy is reused only while the
selectors hand out the same objects. They do as long as this process holds the copy
of the data it read (`storefront.reads`: the same fetch is the same objects), so a
copy is never older than the data a fresh render would show, and nothing needs
invalidating. The URLconf and
script prefix are part of every key; a settings change drops every copy (tests).
Copies are not pickled into the shared cache: a hit is a dictionary look-up.

Never inside a fragment: anything that depends on the shopper (basket, sign-in,
wishlist, messages) or reads the request (`{% querystring %}`), nor a `{% block %}`.
Four per-request values are allowed: they are rendered as marks and filled in on
every render, hit or miss (so they never reach another shopper):

- `{% csrf_token %}`: the shopper's own token;
- `{% current_path %}`: the page's own path and query, `request.get_full_path`;
- `{% login_next %}`: `?next=` and that path, URL-encoded, for a sign-in link ("" on
  the home page, where signing in returns anyway);
- `{% fresh_submit_token %}`: checkout's one-time token, new at each occurrence.

`{% include … only %}` inside a fragment drops the marks' context: do not.
"""

import re
import threading
from collections import OrderedDict
from typing import Any
from urllib.parse import quote

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.base import FilterExpression, Node, NodeList
from django.template.defaulttags import CsrfTokenNode
from django.template.loader_tags import BlockNode
from django.urls import get_script_prefix, get_urlconf
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from storefront.tokens import new_submit_token

register = template.Library()

# Marks: private-use characters, unchanged by HTML escaping, absent from real text.
CSRF_MARK = "\ue000csrf\ue001"
PATH_MARK = "\ue000path\ue001"
NEXT_MARK = "\ue000next\ue001"
TOKEN_MARK = "\ue000submit-token\ue001"  # nosec B105  # a placeholder, not a secret
_MARKS = re.compile(f"({CSRF_MARK}|{PATH_MARK}|{NEXT_MARK}|{TOKEN_MARK})")
INSIDE = "_inside_fragment"  # context flag while a fragment renders
# Fragments kept per process, LRU: a page of HTML (~10-60 KB) and its data each. Enough
# for the pages of a few hundred releases, artists and searches read in turn.
LIMIT = 2048

# key -> (objects, pieces): the html split at its marks once, so that filling them
# is one join (searching 50 KB of text for marks on every hit costs ~0.2 ms).
_kept: "OrderedDict[tuple, tuple[tuple, tuple[str, ...]]]" = OrderedDict()
_lock = threading.Lock()
_PLAIN = (str, int, float, bool, type(None))
_OBJECT = object()  # in a key: a part compared by identity


def _plain(value: Any) -> bool:
    return isinstance(value, _PLAIN) or (
        isinstance(value, list | tuple) and all(isinstance(item, _PLAIN) for item in value)
    )


def _ids(value: Any) -> Any:
    """The identity of a part for the key: plain values as they are, containers (built
    afresh by the selectors on each call) by what they hold, other objects by id."""
    if isinstance(value, _PLAIN):
        return value
    if isinstance(value, tuple | list):
        return (type(value), *map(_ids, value))
    if isinstance(value, dict):
        return (dict, *((key, _ids(item)) for key, item in value.items()))
    return id(value)


def _same(old: Any, new: Any) -> bool:
    """The same objects: containers (which selectors build afresh on each call) hold
    the same objects, plain values inside them are equal."""
    if old is new:
        return True
    if type(old) is not type(new):
        return False
    if isinstance(old, _PLAIN):
        return old == new
    if isinstance(old, tuple | list):
        return len(old) == len(new) and all(map(_same, old, new))
    if isinstance(old, dict):
        return old.keys() == new.keys() and all(_same(old[key], new[key]) for key in old)
    return False


@receiver(setting_changed)
def forget(**kwargs: Any) -> None:
    """Drop every kept fragment; done when settings change (tests override them: the
    static files, the API's site in preview links... are not part of the key)."""
    with _lock:
        _kept.clear()


def _filled(pieces: tuple[str, ...], context: template.Context) -> SafeString:
    """The fragment with this request's values in place of its marks (the odd pieces)."""
    # The template engine escaped the text; the values put in are escaped here.
    if len(pieces) == 1 or context.get(INSIDE):  # nested: the outer fragment fills them
        return mark_safe("".join(pieces))  # noqa: S308  # nosec B308 B703  # rendered, escaped HTML
    values = {PATH_MARK: _path(context)} if PATH_MARK in pieces else {}
    if NEXT_MARK in pieces:
        values[NEXT_MARK] = _login_next(context)
    if CSRF_MARK in pieces:
        # Read on every render, hit or miss: reading it also sets the CSRF cookie.
        token = context.get("csrf_token")
        if token is None or str(token) == "NOTPROVIDED":  # no request, no token field
            html = "".join(pieces).replace(CsrfTokenNode().render({"csrf_token": CSRF_MARK}), "")
            pieces, token = tuple(_MARKS.split(html)), ""
        values[CSRF_MARK] = conditional_escape(str(token))
    out = list(pieces)
    for index in range(1, len(out), 2):
        out[index] = values[out[index]] if out[index] != TOKEN_MARK else new_submit_token()
    return mark_safe("".join(out))  # noqa: S308  # nosec B308 B703  # escaped HTML + escaped values


def _path(context: template.Context) -> str:
    request = context.get("request")
    return conditional_escape(request.get_full_path()) if request is not None else ""


def _login_next(context: template.Context) -> str:
    request = context.get("request")
    if request is None or request.path == "/":
        return ""
    return conditional_escape(f"?next={quote(request.get_full_path(), safe='/')}")


class FragmentNode(Node):
    # Opaque to `get_nodes_by_type`: {% extends %} walks the parent's nodes on every
    # render looking for blocks, and a fragment holds none (`fragment` refuses them).
    child_nodelists = ()

    def __init__(self, nodelist: NodeList, name: str, parts: list[FilterExpression]):
        self.nodelist = nodelist
        self.name = name
        self.parts = parts

    def render(self, context: template.Context) -> SafeString:
        # The node itself names the fragment: two templates can never share a copy.
        keyed: list[Any] = [self, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix()]
        compared = []
        for part in self.parts:
            value = part.resolve(context)
            if _plain(value):
                keyed.append(tuple(value) if isinstance(value, list) else value)
            else:
                # Its objects' ids, so that each release (artist, search...) has its own
                # copy. A kept copy holds its objects: their ids cannot be reused while
                # it lives, and `_same` below checks them anyway.
                keyed.append((_OBJECT, _ids(value)))
                compared.append(value)
        key, objects = tuple(keyed), tuple(compared)
        with _lock:
            kept = _kept.get(key)
            if kept is not None and _same(kept[0], objects):
                _kept.move_to_end(key)
                return _filled(kept[1], context)
        with context.push({"csrf_token": CSRF_MARK, INSIDE: True}):
            pieces = tuple(_MARKS.split(self.nodelist.render(context)))
        with _lock:
            _kept[key] = (objects, pieces)
            _kept.move_to_end(key)
            while len(_kept) > LIMIT:
                _kept.popitem(last=False)
        return _filled(pieces, context)


@register.tag
def fragment(parser: template.base.Parser, token: template.base.Token) -> FragmentNode:
    """`{% fragment "name" part… %}…{% endfragment %}`: see the module's docstring."""
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][-1] != bits[1][0]:
        raise template.TemplateSyntaxError("fragment takes a quoted name, then its parts")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    if nodelist.get_nodes_by_type(BlockNode):
        # A block in a fragment of base.html would be one copy for every child template.
        raise template.TemplateSyntaxError("a fragment cannot contain a {% block %}")
    return FragmentNode(nodelist, bits[1][1:-1], [parser.compile_filter(b) for b in bits[2:]])


@register.simple_tag(takes_context=True)
def current_path(context: template.Context) -> str:
    """The page's path and query (the `next` of its forms); a mark inside a fragment."""
    return PATH_MARK if context.get(INSIDE) else _path(context)


@register.simple_tag(takes_context=True)
def login_next(context: template.Context) -> str:
    """`?next=` and the page's path for a sign-in link ("" on the home page)."""
    return NEXT_MARK if context.get(INSIDE) else _login_next(context)


@register.simple_tag(takes_context=True)
def fresh_submit_token(context: template.Context) -> str:
    """Checkout's one-time token of a payment form, new for every form rendered."""
    return TOKEN_MARK if context.get(INSIDE) else new_submit_token()
