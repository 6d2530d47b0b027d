"""Shared fragments: rendered HTML reused while its data is the same objects, with
each request's CSRF token, path and one-time tokens filled in."""

import re
from dataclasses import dataclass

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.test import Client, RequestFactory

from catalogue.templatetags import fragments
from sevendigital import Country
from storefront import context_processors
from tests.catalogue import page_fakes as fakes

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Counter:
    """Counts the renders of the fragment it is shown in."""

    count: int = 0

    def __str__(self) -> str:
        self.count += 1
        return str(self.count)


@pytest.fixture(autouse=True)
def _no_kept_fragments():
    fragments.forget()
    yield
    fragments.forget()


def compiled(source: str) -> Template:
    return Template("{% load fragments %}" + source)


def render(source: str | Template, **context) -> str:
    """`source` rendered with `context`; a compiled template's fragments are kept
    between renders (a template's source compiles to new fragments each time)."""
    template = compiled(source) if isinstance(source, str) else source
    return template.render(Context(context))


def test_a_fragment_is_reused_while_its_objects_are_the_same():
    """The same objects render once; new objects (even equal ones) render afresh."""
    source = compiled("{% fragment 'f' item %}{{ counter }}{% endfragment %}")
    counter, item = Counter(), fakes.release()
    assert render(source, item=item, counter=counter) == "1"
    assert render(source, item=item, counter=counter) == "1"
    assert render(source, item=fakes.release(), counter=counter) == "2"


def test_plain_parts_key_separate_copies():
    """Each territory keeps its own copy: switching back and forth renders twice."""
    source = compiled("{% fragment 'f' country %}{{ counter }}{% endfragment %}")
    counter = Counter()
    shown = [render(source, country=code, counter=counter) for code in ("GB", "US", "GB", "US")]
    assert shown == ["1", "2", "1", "2"]


def test_containers_built_afresh_match_by_their_contents():
    """Tuples and dicts rebuilt on each call (as the selectors do) holding the same
    objects reuse the copy; one different object renders afresh."""
    source = compiled("{% fragment 'f' tracks by_type %}{{ counter }}{% endfragment %}")
    counter, one, two = Counter(), fakes.track(), fakes.track(2002)
    for _ in range(2):
        assert render(source, tracks=(one, two), by_type={"Album": (one,)}, counter=counter) == "1"
    assert render(source, tracks=(one, fakes.track()), by_type={}, counter=counter) == "2"


def test_each_item_keeps_its_own_copy():
    """Shoppers walking many releases in turn: each release's copy is kept beside the
    others', so going back to one is not a new render."""
    source = compiled("{% fragment 'f' item country %}{{ counter }}{% endfragment %}")
    counter, items = Counter(), [fakes.release(release_id) for release_id in range(1, 6)]
    for _ in range(2):
        shown = [render(source, item=item, country="GB", counter=counter) for item in items]
        assert shown == ["1", "2", "3", "4", "5"]


def test_each_render_gets_its_own_csrf_token():
    """The token is the current shopper's, and no token is kept in the copy."""
    source = compiled("{% fragment 'f' %}<form>{% csrf_token %}</form>{% endfragment %}")
    assert 'value="token-of-ann"' in render(source, csrf_token="token-of-ann")
    assert 'value="token-of-bob"' in render(source, csrf_token="token-of-bob")
    assert "token-of" not in repr(fragments._kept)


def test_without_a_token_there_is_no_token_field():
    """Rendered without a request (no token), the form has no token field, as with
    {% csrf_token %} itself, and no mark is left."""
    html = render("{% fragment 'f' %}<form>{% csrf_token %}</form>{% endfragment %}")
    assert html == "<form></form>"


def test_current_path_is_this_requests_own():
    """`next` fields carry each request's path and query, escaped."""
    source = compiled('{% fragment "f" %}<input value="{% current_path %}">{% endfragment %}')
    factory = RequestFactory()
    first = render(source, request=factory.get("/release/3/", {"x": "1"}))
    second = render(source, request=factory.get("/tags/", {"a": "1", "b": "2"}))
    assert first == '<input value="/release/3/?x=1">'
    assert second == '<input value="/tags/?a=1&amp;b=2">'


def test_login_next_is_this_requests_own_path_url_encoded():
    """Sign-in links return to the page they were on; none on the home page."""
    source = compiled('{% fragment "f" %}<a href="/login/{% login_next %}">{% endfragment %}')
    factory = RequestFactory()
    search = render(source, request=factory.get("/search/", {"q": "a b", "type": "tracks"}))
    home = render(source, request=factory.get("/"))
    assert search == '<a href="/login/?next=/search/%3Fq%3Da%2Bb%26type%3Dtracks">'
    assert home == '<a href="/login/">'


def test_submit_tokens_are_new_for_every_form_and_render():
    """One-time tokens never repeat, within a page or between renders."""
    source = compiled(
        "{% fragment 'f' %}{% for i in '123' %}[{% fresh_submit_token %}]{% endfor %}"
        "{% endfragment %}"
    )
    tokens = re.findall(r"\[([\w-]{20,})\]", render(source) + render(source))
    assert len(tokens) == 6
    assert len(set(tokens)) == 6


def test_nested_fragments_leave_the_marks_to_the_outer_one():
    """A fragment inside another is filled once, by the outer fragment."""
    source = "{% fragment 'outer' %}<p>{% fragment 'inner' %}{% csrf_token %}"
    source += "{% current_path %}{% endfragment %}</p>{% endfragment %}"
    html = render(source, csrf_token="tok", request=RequestFactory().get("/here/"))
    assert html == '<p><input type="hidden" name="csrfmiddlewaretoken" value="tok">/here/</p>'


def test_a_fragment_cannot_hold_a_block():
    """Blocks would be one copy for every child template: refused when parsed."""
    with pytest.raises(TemplateSyntaxError, match="block"):
        Template(
            "{% load fragments %}{% fragment 'f' %}{% block b %}{% endblock %}{% endfragment %}"
        )


def test_a_fragment_needs_a_quoted_name():
    """`{% fragment country %}` is a mistake: the name comes first, quoted."""
    with pytest.raises(TemplateSyntaxError, match="quoted name"):
        compiled("{% fragment country %}x{% endfragment %}")


@pytest.fixture
def fake(monkeypatch, settings):
    settings.SEVENDIGITAL_API_URL = "http://sandbox.test/1.2"
    countries = [Country(code="GB", name="United Kingdom")]
    monkeypatch.setattr(context_processors, "offered_countries", lambda: countries)
    return fakes.FakeSelectors().install(monkeypatch)


@pytest.mark.django_db
def test_two_shoppers_of_a_kept_release_page_post_with_their_own_tokens(fake):
    """The second shopper gets the kept page, with a token of their own that the
    territory switcher accepts (CSRF checks on): no shopper gets another's."""
    fake.answers["release_page"] = fakes.release_page()
    seen = set()
    for _ in range(2):
        shopper = Client(enforce_csrf_checks=True)
        tokens = set(CSRF_FIELD.findall(shopper.get("/release/300/").content.decode()))
        assert len(tokens) == 1  # one token, in every form of the page
        token = tokens.pop()
        answer = shopper.post("/territory/", {"country": "GB", "csrfmiddlewaretoken": token})
        assert answer.status_code == 302
        seen.add(token)
    assert len(seen) == 2
    assert len(fake.calls) == 2 and len(fragments._kept) >= 2  # rendered, then kept


@pytest.mark.django_db
def test_signed_in_and_signed_out_shoppers_get_their_own_header_and_wishlist(
    fake, django_user_model
):
    """The kept header and release head are keyed by sign-in state: a signed-out
    shopper after a signed-in one (and back) sees a sign-in link that returns to the
    page, never the other's links or wishlist form."""
    fake.answers["release_page"] = fakes.release_page()
    user = django_user_model.objects.create_user("ada", "ada@example.com", "pw-123456789")
    signed_in, signed_out = Client(), Client()
    signed_in.force_login(user)
    for _ in range(2):
        mine = signed_in.get("/release/300/?from=chart").content.decode()
        theirs = signed_out.get("/release/300/?from=chart").content.decode()
        assert "My music" in mine and 'action="/accounts/wishlist/toggle/"' in mine
        assert "Sign in" not in mine
        assert "My music" not in theirs and "wishlist/toggle" not in theirs
        assert theirs.count("/accounts/login/?next=/release/300/%3Ffrom%3Dchart") == 2
