"""Shared fragments: a template rendered from its declared values alone, kept per
version of the data, with each request's own values filled into its holes."""

import itertools
import re
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.core.cache import caches
from django.template import Template, TemplateSyntaxError, engines
from django.test import Client, RequestFactory
from django.utils import timezone, translation

from catalogue import shared_pages
from catalogue.templatetags import fragments
from catalogue.templatetags.fragments import FragmentError, FragmentNode
from checkout.services.baskets import BasketOwner, BasketRef, basket_ref_put
from storefront.reads import Fetched
from tests.catalogue import page_fakes as fakes

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SUBMIT_FIELD = re.compile(r'name="submit_token" value="([^"]+)"')


@dataclass
class Counter:
    """Counts the renders of the fragment it is shown in."""

    count: int = 0

    def __str__(self) -> str:
        self.count += 1
        return str(self.count)


@pytest.fixture(autouse=True)
def _no_kept_fragments(settings, tmp_path):
    settings.CACHES = {
        **settings.CACHES,
        "fragments": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    settings.FRAGMENTS_CACHE = "fragments"
    caches["fragments"].clear()  # locmem caches of one name share their storage
    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path],
        }
    ]
    fragments.forget()
    yield
    fragments.forget()


@pytest.fixture
def write(tmp_path):
    """Writes a fragment template into a template folder; returns its name."""

    def write(name: str, source: str) -> str:
        (tmp_path / name).write_text(source)
        return name

    return write


def render(source: str, request=None, **context) -> str:
    """`source` (a page's template) rendered with `context`."""
    return engines["django"].from_string("{% load fragments %}" + source).render(context, request)


def test_the_template_sees_only_what_is_declared(write):
    """The page's context, the request and the shopper do not reach a fragment: a
    fragment that reads them (say, after a careless change) shows nothing of them."""
    write("f.html", "<p>{{ country }}|{{ user.username }}|{{ secret }}|{{ request.path }}</p>")
    request = RequestFactory().get("/release/1/")
    html = render('{% fragment "f.html" country=country %}', request, country="GB", secret="s3")
    assert html == "<p>GB|||</p>"


def test_a_fetched_value_is_shown_and_keyed_by_its_version(write):
    """The same version renders once; a new version (a refreshed read) renders afresh,
    even when the objects are equal."""
    write("f.html", "<p>{{ data.counter }}</p>")
    counter = Counter()
    page = '{% fragment "f.html" data=data %}'
    first = Fetched(SimpleNamespace(counter=counter), version="v1")
    assert render(page, data=first) == "<p>1</p>"
    assert render(page, data=Fetched(SimpleNamespace(counter=counter), version="v1")) == "<p>1</p>"
    assert render(page, data=Fetched(first.value, version="v2")) == "<p>2</p>"


def test_plain_values_key_separate_copies(write):
    """Each territory keeps its own copy: switching back and forth renders twice."""
    write("f.html", "<p>{{ data.counter }}{{ country }}</p>")
    data = Fetched(SimpleNamespace(counter=Counter()), version="v1")
    shown = [
        render('{% fragment "f.html" data=data country=c %}', data=data, c=code)
        for code in ("GB", "US", "GB", "US")
    ]
    assert shown == ["<p>1GB</p>", "<p>2US</p>", "<p>1GB</p>", "<p>2US</p>"]


def test_the_language_is_part_of_every_key(write):
    """The same data in German is another copy (its words and money differ)."""
    write("g.html", "{% load i18n %}{% get_current_language as language %}<p>{{ language }}</p>")
    shown = []
    for language in ("en", "de", "en"):
        with translation.override(language):
            shown.append(render('{% fragment "g.html" %}'))
    assert shown == ["<p>en</p>", "<p>de</p>", "<p>en</p>"]


@pytest.mark.parametrize(
    "value",
    [object(), {"a": 1}, Fetched("x"), [Fetched("x", version="v")]],
    ids=["object", "dict", "fetched-without-version", "list-of-fetched"],
)
def test_a_value_without_a_version_is_refused(write, value):
    """Only plain values and versioned reads can key a copy."""
    write("f.html", "<p></p>")
    with pytest.raises(FragmentError):
        render('{% fragment "f.html" value=value %}', value=value)


def test_the_process_keeps_the_most_recently_used_copies_up_to_its_characters():
    copies = fragments.Copies(limit=10)
    copies.put("a", ("aaaa",))
    copies.put("b", ("bb", ("csrf", ()), "bb"))  # holes are not counted
    copies.put("b", ("bbbb",))  # again: counted once
    assert copies.characters == 8
    assert copies.get("a") == ("aaaa",)  # used: now the most recent
    copies.put("c", ("cccc",))  # 12 > 10: the least recently used goes
    assert list(copies) == ["a", "c"]
    assert copies.characters == 8
    copies.put("huge", ("x" * 50,))  # bigger than the limit: kept alone until the next
    assert list(copies) == ["huge"]


def test_another_process_serves_the_copy_from_the_shared_cache(write):
    """A worker that never rendered the fragment gets the copy another one stored."""
    write("f.html", "<p>{{ data.counter }}</p>")
    data = Fetched(SimpleNamespace(counter=Counter()), version="v1")
    assert render('{% fragment "f.html" data=data %}', data=data) == "<p>1</p>"
    with fragments._lock:
        fragments._kept.clear()  # this process forgets; the shared cache remembers
    assert render('{% fragment "f.html" data=data %}', data=data) == "<p>1</p>"
    caches["fragments"].clear()
    with fragments._lock:
        fragments._kept.clear()
    assert render('{% fragment "f.html" data=data %}', data=data) == "<p>2</p>"


@pytest.mark.parametrize(
    "source, problem",
    [
        ("<div><p>open</div>", "</div> closes <p>"),
        ("<div>never closed", "<div> is never closed"),
        ("</section><section>", "</section> closes nothing"),
    ],
)
def test_a_fragment_must_be_whole_elements(write, source, problem):
    write("f.html", source)
    with pytest.raises(FragmentError, match=re.escape(problem)):
        render('{% fragment "f.html" %}')


def test_void_elements_and_scripts_are_whole(write):
    write("f.html", '<meta charset="utf-8"><img src="x" alt=""><br><script>if (a<b) {}</script>')
    assert render('{% fragment "f.html" %}').startswith("<meta")


def test_each_render_gets_its_own_csrf_token(write):
    write("f.html", '<form method="post">{% csrf_token %}</form>')
    tokens = [
        CSRF_FIELD.search(render('{% fragment "f.html" %}', csrf_token=token)).group(1)
        for token in ("token-one", "token-two")
    ]
    assert tokens == ["token-one", "token-two"]


def test_a_pages_forms_share_the_one_token_of_its_render(write):
    """A page of many forms (a release's add-to-basket buttons) works its token out once,
    as Django's tag does (one lazy token per RequestContext); another render of the
    same request with another token gets that one."""
    write("f.html", '<form method="post">{% csrf_token %}</form>' * 2)
    request = RequestFactory().get("/release/1/")
    token = Counter()  # counts the times it is read
    page = render('{% fragment "f.html" %}{% fragment "f.html" x=1 %}', request, csrf_token=token)
    assert len(set(CSRF_FIELD.findall(page))) == 1
    assert len(CSRF_FIELD.findall(page)) == 4
    read_for_one_form = token.count
    assert read_for_one_form <= 2  # is it "NOTPROVIDED"?, then the value
    again = render('{% fragment "f.html" %}', request, csrf_token="token-two")
    assert CSRF_FIELD.findall(again) == ["token-two"] * 2


def test_without_a_token_there_is_no_token_field(write):
    """As Django's own tag: no request (an e-mail, a preview), no hidden field."""
    write("f.html", '<form method="post">{% csrf_token %}</form>')
    assert render('{% fragment "f.html" %}') == '<form method="post"></form>'


def test_current_path_and_login_next_are_this_requests_own(write):
    write(
        "f.html",
        '{% load fragments %}<p><a href="{% current_path %}">here</a>'
        '<a href="/login/{% login_next %}">in</a></p>',
    )
    factory = RequestFactory()
    search = render('{% fragment "f.html" %}', factory.get("/search/", {"q": "a b"}))
    home = render('{% fragment "f.html" %}', factory.get("/"))
    assert search == (
        '<p><a href="/search/?q=a+b">here</a><a href="/login/?next=/search/%3Fq%3Da%2Bb">in</a></p>'
    )
    assert home == '<p><a href="/">here</a><a href="/login/">in</a></p>'


def test_submit_tokens_are_new_for_every_form_and_render(write):
    form = '<p><input name="submit_token" value="{% fresh_submit_token %}"></p>'
    write("f.html", "{% load fragments %}" + form * 2)
    first, second = (render('{% fragment "f.html" %}') for _ in range(2))
    tokens = re.findall(r'value="([^"]+)"', first + second)
    assert len(tokens) == len(set(tokens)) == 4


def test_a_hole_renders_the_pages_own_context_on_every_render(write):
    """`{% hole %}` includes a template with the page's context (the shopper) and the
    plain values given; the shared copy holds only its mark."""
    write("f.html", '{% load fragments %}<div>{% hole "h.html" release_id=7 %}</div>')
    write("h.html", "<b>{{ who }}:{{ release_id }}</b>")
    assert render('{% fragment "f.html" %}', who="ada") == "<div><b>ada:7</b></div>"
    assert render('{% fragment "f.html" %}', who="bob") == "<div><b>bob:7</b></div>"
    [kept] = fragments._kept.values()
    assert "ada" not in repr(kept) and "bob" not in repr(kept)


def hole_page(state, path: str, **context) -> str:
    """A page with a hole, filled as a kept page's is for a shopper whose values have
    the version `state` (None: unknown)."""
    request = RequestFactory().get(path)
    page = render('{% fragment "f.html" %}', request, **context, **{fragments.HOLE_STATE: state})
    return page


def test_a_shoppers_hole_is_rendered_once_per_version_of_their_values(write):
    """Two pages of one shopper's values' version share the hole's output (its request
    holes their own); a new version, or another shopper, is rendered afresh."""
    write("f.html", '{% load fragments %}<div>{% hole "h.html" release_id=7 %}</div>')
    write("h.html", "{% load fragments %}<b>{{ shown }}:{{ release_id }}@{% current_path %}</b>")
    shown = Counter()
    assert hole_page(("ada", "v1"), "/a/", shown=shown) == "<div><b>1:7@/a/</b></div>"
    assert hole_page(("ada", "v1"), "/b/", shown=shown) == "<div><b>1:7@/b/</b></div>"
    assert hole_page(("ada", "v2"), "/b/", shown=shown) == "<div><b>2:7@/b/</b></div>"
    assert hole_page(("bob", "v2"), "/b/", shown=shown) == "<div><b>3:7@/b/</b></div>"
    assert hole_page(None, "/b/", shown=shown) == "<div><b>4:7@/b/</b></div>"
    assert hole_page(None, "/b/", shown=shown) == "<div><b>5:7@/b/</b></div>"


def test_a_shoppers_hole_is_kept_apart_per_language_and_time_zone(write):
    """The same values in another language (or time zone) are another output: one
    page's holes all read the language once (`fill`), and each page its own."""
    write("f.html", '{% load fragments %}<div>{% hole "h.html" %}{% hole "h.html" %}</div>')
    zone = "{% get_current_timezone as tz %}{{ tz }}"
    write("h.html", "{% load i18n tz %}<b>{% translate 'Basket' %} " + zone + "</b>")
    english = hole_page(("ada", "v1"), "/a/")
    with translation.override("fr"):
        french = hole_page(("ada", "v1"), "/a/")
    with timezone.override("Asia/Tokyo"):
        tokyo = hole_page(("ada", "v1"), "/a/")
    assert english == "<div><b>Basket UTC</b><b>Basket UTC</b></div>"
    assert french == "<div><b>Panier UTC</b><b>Panier UTC</b></div>"
    assert tokyo == "<div><b>Basket Asia/Tokyo</b><b>Basket Asia/Tokyo</b></div>"


def test_a_kept_hole_shows_nothing_of_the_request_it_was_first_rendered_for(write):
    """The request is not there to read when a hole is rendered to be kept: its output
    goes to the shopper's other pages. What it must show of the request is a request
    hole (its token, its path), filled on each page."""
    write("f.html", '{% load fragments %}<div>{% hole "h.html" %}</div>')
    write("h.html", "<b>{{ request.path }}</b><form>{% csrf_token %}</form>")
    first = hole_page(("ada", "v1"), "/a/", csrf_token="token-a")
    second = hole_page(("ada", "v1"), "/b/", csrf_token="token-b")
    assert "/a/" not in first + second and "<b></b>" in first
    assert 'value="token-a"' in first and 'value="token-b"' in second


def test_a_hole_takes_plain_values_only(write):
    write("f.html", '{% load fragments %}<div>{% hole "h.html" release=release %}</div>')
    write("h.html", "<b></b>")
    with pytest.raises(FragmentError):
        render('{% fragment "f.html" release=r %}', r=Fetched(fakes.release(), version="v"))


def test_text_that_looks_like_a_hole_stays_text(write):
    """A title from the API holding the private-use characters of a mark is shown as
    it is: only our own holes are filled."""
    write("f.html", "<p>{{ title }}</p>")
    title = "\ue000evil\ue002[]\ue001"
    assert render('{% fragment "f.html" title=t %}', t=title) == f"<p>{title}</p>"


def test_nested_fragments_leave_the_holes_to_the_outer_one(write):
    write("inner.html", "{% load fragments %}<span>{% current_path %}</span>")
    write("outer.html", '<div>{% load fragments %}{% fragment "inner.html" %}</div>')
    request = RequestFactory().get("/here/")
    assert render('{% fragment "outer.html" %}', request) == "<div><span>/here/</span></div>"


def test_the_tag_takes_a_quoted_template_and_named_values():
    with pytest.raises(TemplateSyntaxError):
        Template("{% load fragments %}{% fragment country %}")
    with pytest.raises(TemplateSyntaxError):
        Template('{% load fragments %}{% fragment "f.html" country %}')


# --- Every fragment of the shop --------------------------------------------------------


def shop_fragments() -> set[str]:
    """The templates every `{% fragment %}` of the shop's own templates renders."""
    engine = engines["django"].engine
    found = set()
    for loader in engine.template_loaders:
        for origin_dir in loader.get_dirs():
            for path in origin_dir.rglob("*.html"):
                name = str(path.relative_to(origin_dir))
                if "/.venv/" in str(path) or "site-packages" in str(path):
                    continue
                try:
                    template = engine.get_template(name)
                except TemplateSyntaxError:
                    continue
                found |= {node.template_name for node in _fragment_nodes(template.nodelist)}
    return found


def _fragment_nodes(nodelist):
    for node in nodelist:
        if isinstance(node, FragmentNode):
            yield node
        for attr in getattr(node, "child_nodelists", ()):
            yield from _fragment_nodes(getattr(node, attr, None) or [])
        if hasattr(node, "nodelist") and not isinstance(node, FragmentNode):
            yield from _fragment_nodes(node.nodelist)


def test_the_shop_has_the_fragments_this_test_walks_through():
    """The pages below cover every fragment there is: a new one must be added here."""
    assert shop_fragments() == {
        "includes/head.html",
        "includes/hreflang.html",
        "includes/header.html",
        "includes/language_switcher.html",
        "includes/footer.html",
        "includes/player.html",
        "catalogue/fragments/home.html",
        "catalogue/fragments/release.html",
        "catalogue/fragments/artist.html",
        "catalogue/fragments/track.html",
        "catalogue/fragments/chart.html",
        "catalogue/fragments/search_results.html",
        "catalogue/fragments/tag_browse.html",
        "catalogue/fragments/artist_browse.html",
        "checkout/basket_badge.html",  # in a hole: a signed-in shopper's, per count
        "accounts/_wishlist_button.html",  # in a hole: per release and state
    }


PAGES = [
    "/",
    "/release/300/?from=chart",
    "/artist/100/",
    "/track/2000/",
    "/charts/track/?period=month",
    "/search/?q=drive",
    "/search/?q=drive&type=tracks",
    "/tags/rock,indie-rock/",
    "/artists/d/",
]


def shopper(client: Client, *, user=None, basket: int = 0, country: str = "GB") -> Client:
    if user is not None:
        client.force_login(user)
        if basket:
            owner = BasketOwner(session={}, country=country, user=user)
            basket_ref_put(owner=owner, ref=BasketRef("basket-1", country, item_count=basket))
    assert client.post("/territory/", {"country": country}).status_code == 302
    return client


def comparable(html: str) -> str:
    """The page without what is new on every render (tokens)."""
    html = CSRF_FIELD.sub('name="csrfmiddlewaretoken" value=""', html)
    return SUBMIT_FIELD.sub('name="submit_token" value=""', html)


@pytest.mark.django_db
@pytest.mark.parametrize("shared_page_seconds", [0, 60], ids=["fragments", "and-whole-pages"])
def test_no_fragment_leaks_between_shoppers(fake, django_user_model, settings, shared_page_seconds):
    """Ada (signed in, two items in her basket, wishing for release 300, in GB), Bob
    (signed in, empty basket, in the US), a signed-out visitor in the US, and the same
    visitor's friend reading the shop in German (and Bob in Japanese) browse the same
    pages in turn, so each meets the copies the others' visits kept; Bob and the
    visitor differ by sign-in alone, the visitor and the friend by language alone.
    Every page each gets is the page they get when nothing is kept at all, and no page
    holds another's name, token or basket. Again with signed-out visitors' whole pages
    kept (catalogue/shared_pages.py).
    """
    settings.SHARED_PAGE_SECONDS = shared_page_seconds
    from accounts.models import WishlistItem

    ada = django_user_model.objects.create_user("ada", "ada@example.com", "pw-123456789")
    bob = django_user_model.objects.create_user("bob", "bob@example.com", "pw-123456789")
    cyd = django_user_model.objects.create_user("cyd", "cyd@example.com", "pw-123456789")
    WishlistItem.objects.create(user=ada, release_id=300, title="Drive the Anthem")
    clients = {
        "ada": (shopper(Client(), user=ada, basket=2, country="GB"), ""),
        "cyd": (shopper(Client(), user=cyd, country="GB"), ""),  # Ada's place, not basket
        "bob": (shopper(Client(), user=bob, country="US"), ""),
        "bob-ja": (shopper(Client(), user=bob, country="US"), "/ja"),
        "visitor": (shopper(Client(), country="US"), ""),
        "visitor-de": (shopper(Client(), country="US"), "/de"),
    }
    order = [
        "ada", "visitor", "cyd", "bob-ja", "visitor-de", "bob", "visitor", "ada", "visitor-de",
        "cyd",
    ]  # fmt: skip
    for url in PAGES:
        kept = {}
        for name in order:
            client, prefix = clients[name]
            response = client.get(prefix + url)
            assert response.status_code == 200, (prefix + url, response.status_code)
            kept[name] = response.content.decode()
        for name, (client, prefix) in clients.items():
            fragments.forget()
            shared_pages.forget()
            caches[fragments.settings.FRAGMENTS_CACHE].clear()
            fresh = client.get(prefix + url).content.decode()
            assert comparable(kept[name]) == comparable(fresh), (url, name)
        assert 'lang="de"' in kept["visitor-de"] and 'lang="ja"' in kept["bob-ja"], url
        assert 'lang="en"' in kept["visitor"] and 'lang="en"' in kept["bob"], url
        signed_in = {name for name, html in kept.items() if 'href="/accounts/"' in html}
        signed_in |= {name for name, html in kept.items() if 'href="/ja/accounts/"' in html}
        assert signed_in == {"ada", "bob", "bob-ja", "cyd"}, url
        badge = 'aria-label="2 items"'
        assert [name for name, html in kept.items() if badge in html] == ["ada"], url
        tokens = {name: set(CSRF_FIELD.findall(html)) for name, html in kept.items()}
        for one, two in itertools.combinations(("ada", "bob", "cyd", "visitor"), 2):
            assert not tokens[one] & tokens[two], (url, one, two)
    assert "On your wishlist" in clients["ada"][0].get("/release/300/").content.decode()
    for name in ("bob", "cyd", "visitor"):
        release = clients[name][0].get("/release/300/").content.decode()
        assert "On your wishlist" not in release


@pytest.mark.django_db
def test_every_fragment_of_the_shop_is_whole_elements(fake, client, settings):
    """Each page renders its fragments with the element check on (as in DEBUG)."""
    settings.FRAGMENTS_CHECK_HTML = True
    for url in PAGES:
        assert client.get(url).status_code == 200, url
    kept_templates = {key for key in fragments._kept}
    assert len(kept_templates) >= len(PAGES)


@pytest.mark.django_db
def test_two_shoppers_of_a_kept_release_page_post_with_their_own_tokens(fake):
    """The second shopper gets the kept page, with a token of their own that the
    territory switcher accepts (CSRF checks on): no shopper gets another's."""
    seen = set()
    for _ in range(2):
        client = Client(enforce_csrf_checks=True)
        tokens = set(CSRF_FIELD.findall(client.get("/release/300/").content.decode()))
        assert len(tokens) == 1  # one token, in every form of the page
        token = tokens.pop()
        answer = client.post("/territory/", {"country": "GB", "csrfmiddlewaretoken": token})
        assert answer.status_code == 302
        seen.add(token)
    assert len(seen) == 2


def test_the_code_version_follows_the_shops_templates_and_nothing_else(settings, tmp_path):
    """A changed template is a new key prefix (a deploy never serves the last release's
    HTML); the virtualenv and the tests are not read (a process starts in milliseconds)."""
    project = tmp_path / "project"
    (project / "shop/templates").mkdir(parents=True)
    (project / ".venv/lib/templates").mkdir(parents=True)
    (project / "tests/templates").mkdir(parents=True)
    page = project / "shop/templates/page.html"
    page.write_text("<p>one</p>")
    settings.BASE_DIR = project
    first = fragments.code_version()
    (project / ".venv/lib/templates/other.html").write_text("<p>theirs</p>")
    (project / "tests/templates/other.html").write_text("<p>a test's</p>")
    fragments.forget()
    assert fragments.code_version() == first
    page.write_text("<p>two</p>")
    fragments.forget()
    assert fragments.code_version() != first
