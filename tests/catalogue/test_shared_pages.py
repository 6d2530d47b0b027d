"""Whole pages kept for signed-out visitors (catalogue/shared_pages.py): served with each
visitor's own tokens, per territory and language, never to or from a signed-in
shopper, for a few seconds only."""

import re
import secrets

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.fallback import FallbackStorage
from django.http import HttpResponse
from django.test import Client, RequestFactory

from catalogue import shared_pages
from tests.catalogue.test_fragments import CSRF_FIELD, PAGES, comparable, shopper

pytestmark = pytest.mark.django_db
RELEASE = "/release/300/?from=chart"


@pytest.fixture(autouse=True)
def _pages_kept(settings):
    settings.SHARED_PAGE_SECONDS = 60
    shared_pages.forget()
    yield
    shared_pages.forget()


def views_run(fake) -> int:
    return len(fake.calls)


def test_a_visitors_page_is_served_from_the_kept_copy_with_their_own_token(fake):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    page_one = first.get(RELEASE)
    ran = views_run(fake)
    page_two = second.get(RELEASE)
    assert views_run(fake) == ran  # no view, no read: the kept page
    one, two = page_one.content.decode(), page_two.content.decode()
    assert comparable(one) == comparable(two)
    assert set(CSRF_FIELD.findall(one)).isdisjoint(CSRF_FIELD.findall(two))
    # Each token goes with its visitor's own CSRF cookie: a form posted with it is taken.
    token = CSRF_FIELD.search(two).group(1)
    form = {"country": "US", "csrfmiddlewaretoken": token}
    assert second.post("/territory/", form).status_code == 302
    assert first.post("/territory/", form).status_code == 403  # not the first visitor's
    assert page_two["Content-Type"] == page_one["Content-Type"]
    assert "sessionid" not in page_two.cookies


def test_every_catalogue_page_is_kept_and_served_as_rendered(fake):
    for url in PAGES:
        rendered = Client().get(url)
        ran = views_run(fake)
        kept = Client().get(url)
        assert views_run(fake) == ran, url
        assert kept.status_code == rendered.status_code == 200
        assert comparable(kept.content.decode()) == comparable(rendered.content.decode()), url


def test_each_territory_and_language_has_its_own_copy(fake):
    gb = shopper(Client(), country="GB")
    us = shopper(Client(), country="US")
    visits = {
        "gb": (gb, RELEASE),
        "us": (us, RELEASE),
        "us-de": (us, "/de" + RELEASE),
        "gb-again": (shopper(Client(), country="GB"), RELEASE),
    }
    pages = {name: client.get(url).content.decode() for name, (client, url) in visits.items()}
    assert comparable(pages["gb"]) == comparable(pages["gb-again"])
    assert comparable(pages["gb"]) != comparable(pages["us"])
    assert 'lang="de"' in pages["us-de"] and 'lang="en"' in pages["us"]
    for name, (client, url) in visits.items():  # each as it is rendered with nothing kept
        shared_pages.forget()
        assert comparable(pages[name]) == comparable(client.get(url).content.decode()), name


def test_a_signed_in_shopper_neither_gets_nor_leaves_a_visitors_copy(fake, django_user_model):
    ada = django_user_model.objects.create_user("ada", "ada@example.com", "pw-123456789")
    visitor, signed_in = shopper(Client(), country="GB"), shopper(Client(), user=ada, basket=2)
    visitor.get(RELEASE)  # kept
    ran = views_run(fake)
    html = signed_in.get(RELEASE).content.decode()
    assert views_run(fake) > ran  # rendered for her
    assert 'href="/accounts/"' in html and 'aria-label="2 items"' in html
    ran = views_run(fake)
    after = Client().get(RELEASE).content.decode()  # another visitor: the visitor's copy
    assert views_run(fake) == ran
    assert 'href="/accounts/"' not in after and 'aria-label="2 items"' not in after


def wished(html: str) -> bool:
    return 'aria-pressed="true"' in html and "On your wishlist" in html


@pytest.mark.django_db(transaction=True)  # per-user values: the shared cache's
def test_a_shoppers_page_is_kept_and_served_with_the_next_shoppers_own_parts(
    fake, django_user_model, wishes_kept
):
    """Ada (two items, wishing for release 300) and Bob (empty basket) read the same
    release in the same place: the second page is the first one's copy, with Bob's
    basket count, wishlist button and CSRF token; then Ada's again with hers. Each is
    the page they get when nothing is kept."""
    from accounts.models import WishlistItem

    ada = django_user_model.objects.create_user("ada", "ada@example.com", "pw-123456789")
    bob = django_user_model.objects.create_user("bob", "bob@example.com", "pw-123456789")
    WishlistItem.objects.create(user=ada, release_id=300, title="Drive the Anthem")
    clients = {"ada": shopper(Client(), user=ada, basket=2), "bob": shopper(Client(), user=bob)}
    for client in clients.values():
        client.handler.enforce_csrf_checks = True
    pages = {"ada": clients["ada"].get(RELEASE).content.decode()}
    ran = views_run(fake)
    pages["bob"] = clients["bob"].get(RELEASE).content.decode()
    pages["ada-again"] = clients["ada"].get(RELEASE).content.decode()
    assert views_run(fake) == ran  # no view, no read: the kept page, twice
    assert 'aria-label="2 items"' in pages["ada-again"] and wished(pages["ada-again"])
    assert 'aria-label="0 items"' in pages["bob"] and not wished(pages["bob"])
    assert 'href="/accounts/"' in pages["bob"]
    assert not set(CSRF_FIELD.findall(pages["bob"])) & set(CSRF_FIELD.findall(pages["ada"]))
    token = CSRF_FIELD.search(pages["bob"]).group(1)  # Bob's forms post with his token
    form = {"release_id": 300, "action": "add", "next": RELEASE, "csrfmiddlewaretoken": token}
    assert clients["bob"].post("/accounts/wishlist/toggle/", form).status_code == 302
    assert clients["ada"].post("/accounts/wishlist/toggle/", form).status_code == 403
    for name in ("ada", "bob"):
        shared_pages.forget()
        fresh = clients[name].get(RELEASE).content.decode()
        if name == "ada":
            assert comparable(fresh) == comparable(pages["ada-again"])
    assert wished(fresh)  # Bob's toggle: his page shows it (his message, then his copy)


@pytest.mark.django_db(transaction=True)  # per-user values: the shared cache's
def test_a_shoppers_holes_are_rendered_once_until_their_values_change(
    fake, django_user_model, wishes_kept
):
    """Ada's kept release page, served again, shows her wishlist button and basket
    badge without rendering their holes again; her wish (a new version of her values)
    is on the next page at once, rendered once for it."""
    from django.test.signals import template_rendered

    holes = []

    def rendered(sender, template, **kwargs):
        if template.name in ("accounts/_wishlist_hole.html", "checkout/_badge_hole.html"):
            holes.append(template.name)

    ada = django_user_model.objects.create_user("ada", "ada@example.com", "pw-123456789")
    client = shopper(Client(), user=ada, basket=2)
    template_rendered.connect(rendered)
    try:
        client.get(RELEASE)  # rendered and kept: each hole rendered once
        assert sorted(holes) == ["accounts/_wishlist_hole.html", "checkout/_badge_hole.html"]
        again = client.get(RELEASE).content.decode()
        assert len(holes) == 2 and not wished(again) and 'aria-label="2 items"' in again
        form = {"release_id": 300, "action": "add", "next": RELEASE}
        assert client.post("/accounts/wishlist/toggle/", form).status_code == 302
        client.get(RELEASE)  # her message: the page rendered
        holes.clear()
        html = client.get(RELEASE).content.decode()  # the kept copy: her new version
        assert wished(html) and 'aria-label="2 items"' in html and len(holes) == 2
        assert wished(client.get(RELEASE).content.decode()) and len(holes) == 2
    finally:
        template_rendered.disconnect(rendered)


@pytest.fixture
def wishes_kept(monkeypatch):
    """Adding to the wishlist without the API's price lookup."""
    from accounts.models import WishlistItem
    from accounts.views import wishlist

    def add(*, user, release_id, country):
        return WishlistItem.objects.create(user=user, release_id=release_id, title="x")

    monkeypatch.setattr(wishlist.services, "wishlist_add", add)


@pytest.mark.django_db(transaction=True)  # per-user values: the shared cache's
def test_a_session_is_checked_again_once_its_users_values_change(fake, django_user_model):
    """Kept pages are served to each session's user as found once for the values
    they stand on (shared_pages.session_user): two shoppers each get their own, and a
    password changed on another device signs this session out on the next page, though
    the new session there is served kept pages."""
    ada = django_user_model.objects.create_user("ada", "ada@example.com", "pw-123456789")
    bob = django_user_model.objects.create_user("bob", "bob@example.com", "pw-123456789")
    ada_client = shopper(Client(), user=ada, basket=2)
    bob_client = shopper(Client(), user=bob, basket=5)
    for _ in range(2):  # rendered and kept, then served kept to each
        assert 'aria-label="2 items"' in ada_client.get(RELEASE).content.decode()
        assert 'aria-label="5 items"' in bob_client.get(RELEASE).content.decode()
    assert {user.pk for user in shared_pages._shoppers.values()} == {ada.pk, bob.pk}
    ada.set_password("changed-elsewhere-987")
    ada.save()  # her values' new version: her session is checked again, and fails
    elsewhere = shopper(Client(), user=ada)  # signed in again with the new password
    for _ in range(2):
        assert 'href="/accounts/"' in elsewhere.get(RELEASE).content.decode()
    html = ada_client.get(RELEASE).content.decode()
    assert ">Sign in<" in html and 'aria-label="2 items"' not in html
    assert 'aria-label="5 items"' in bob_client.get(RELEASE).content.decode()


@pytest.mark.django_db(transaction=True)  # per-user values: the shared cache's
def test_a_view_gets_a_user_of_its_own_not_the_one_kept_pages_share(fake, django_user_model):
    """A view may change its request's user (a form bound to it): the instance kept
    pages share never reaches one."""
    ada = django_user_model.objects.create_user("ada", "ada@example.com", "pw-123456789")
    client = shopper(Client(), user=ada)
    client.get(RELEASE)
    client.get(RELEASE)  # served kept: her user kept for her session
    [shared] = shared_pages._shoppers.values()
    for path in ("/accounts/", "/release/301/"):  # a view; a catalogue page not kept yet
        request = client.get(path).wsgi_request
        assert request.user.pk == ada.pk and request._cached_user is not shared


def test_a_shopper_with_a_message_waiting_gets_the_page_with_it(
    fake, django_user_model, wishes_kept
):
    ada = django_user_model.objects.create_user("ada", "ada@example.com", "pw-123456789")
    bob = django_user_model.objects.create_user("bob", "bob@example.com", "pw-123456789")
    shopper(Client(), user=bob).get(RELEASE)  # kept
    client = shopper(Client(), user=ada)
    form = {"release_id": 300, "action": "add", "next": RELEASE}
    assert client.post("/accounts/wishlist/toggle/", form)["Location"] == RELEASE
    html = client.get(RELEASE).content.decode()
    assert "Saved to your wishlist" in html and wished(html)
    again = client.get(RELEASE).content.decode()  # the message was shown: the kept copy
    assert "Saved to your wishlist" not in again and wished(again)


def test_a_message_waiting_in_the_session_is_shown_not_the_kept_copy(
    fake, django_user_model, wishes_kept, settings
):
    """A message too big for the cookie waits in the session: the page is rendered
    with it, though the cookie says nothing."""
    settings.MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
    ada = django_user_model.objects.create_user("ada", "ada@example.com", "pw-123456789")
    client = shopper(Client(), user=ada)
    client.get(RELEASE)
    assert wished(client.get(RELEASE).content.decode()) is False  # her kept copy
    form = {"release_id": 300, "action": "add", "next": RELEASE}
    assert client.post("/accounts/wishlist/toggle/", form)["Location"] == RELEASE
    assert "messages" not in client.cookies or not client.cookies["messages"].value
    html = client.get(RELEASE).content.decode()
    assert "Saved to your wishlist" in html and wished(html)
    again = client.get(RELEASE).content.decode()
    assert "Saved to your wishlist" not in again and wished(again)


def test_a_message_the_cookie_had_no_room_for_is_shown_not_the_kept_copy(fake, django_user_model):
    """Django's default storage keeps in the session what the messages cookie has no
    room for, and the cookie says so: the page is rendered with it all."""
    ada = django_user_model.objects.create_user("ada", "ada@example.com", "pw-123456789")
    client = shopper(Client(), user=ada)
    client.get(RELEASE)  # kept
    ran = views_run(fake)
    request = RequestFactory().get(RELEASE)
    request.session = client.session
    storage = FallbackStorage(request)
    storage.add(constants.INFO, "Short news.")
    story = f"A long story: {secrets.token_urlsafe(3000)}"  # past the cookie's 2 KB
    storage.add(constants.INFO, story)
    response = HttpResponse()
    storage.update(response)
    request.session.save()
    assert story in str(client.session["_messages"])  # the session holds what overflowed
    client.cookies["messages"] = response.cookies["messages"].value
    html = client.get(RELEASE).content.decode()
    assert "Short news." in html and story in html
    rendered = views_run(fake)
    assert rendered > ran  # rendered, not the kept copy
    again = client.get(RELEASE).content.decode()
    assert story not in again
    assert views_run(fake) == rendered  # the kept copy again


def test_an_emptied_messages_cookie_still_gets_the_kept_page(fake):
    """A client that sends back the messages cookie Django emptied (max-age 0) has no
    message waiting."""
    Client().get(RELEASE)  # kept
    ran = views_run(fake)
    client = Client()
    client.cookies["messages"] = ""
    assert client.get(RELEASE).status_code == 200
    assert views_run(fake) == ran


def test_a_visitor_with_a_session_basket_has_copies_apart_from_signed_in_shoppers(
    fake, django_user_model
):
    from dataclasses import asdict

    from checkout.services.baskets import SESSION_KEY, BasketRef

    visitor = shopper(Client())
    session = visitor.session
    session[SESSION_KEY] = asdict(BasketRef("basket-9", "GB", item_count=3))
    session.save()
    ada = django_user_model.objects.create_user("ada", "ada@example.com", "pw-123456789")
    signed_in = shopper(Client(), user=ada)
    first = visitor.get(RELEASE).content.decode()
    assert 'aria-label="3 items"' in first and ">Sign in<" in first
    ran = views_run(fake)
    html = signed_in.get(RELEASE).content.decode()
    assert views_run(fake) > ran  # not the visitor's copy
    assert 'href="/accounts/"' in html and 'aria-label="0 items"' in html
    ran = views_run(fake)
    assert 'aria-label="3 items"' in visitor.get(RELEASE).content.decode()
    assert views_run(fake) == ran  # the visitor's own kind of copy


def test_a_copy_made_without_a_session_is_not_served_to_a_visitor_with_one(fake):
    """A request whose messages cookie holds nothing readable (tampered, or stale) and
    has no session gets a page with the badge at 0 (no hole for it): a visitor with a
    session basket is not served that copy."""
    from dataclasses import asdict

    from checkout.services.baskets import SESSION_KEY, BasketRef

    stale = shopper(Client())
    stale.cookies["messages"] = "not-signed"
    assert 'aria-label="0 items"' in stale.get(RELEASE).content.decode()
    visitor = shopper(Client())
    session = visitor.session
    session[SESSION_KEY] = asdict(BasketRef("basket-9", "GB", item_count=3))
    session.save()
    assert 'aria-label="3 items"' in visitor.get(RELEASE).content.decode()


SHOPPER_SHOWN = {
    "name": "{{ user.email }}",
    "name-as-text": "{{ user }}",
    "basket-count": "{{ basket_count }} in the basket",
    "wishes": "{% if 300 in wished_release_ids %}wished{% else %}not wished{% endif %}",
}


@pytest.mark.parametrize("shows", SHOPPER_SHOWN.values(), ids=SHOPPER_SHOWN.keys())
def test_a_page_that_shows_anything_else_of_the_shopper_is_not_kept(
    fake, django_user_model, settings, shows
):
    """A catalogue page whose template reads the shopper's own values outside a hole
    (a later change to a template, say) shows them to each shopper, not the first's."""
    from accounts.models import WishlistItem

    settings.ROOT_URLCONF = "tests.catalogue.shared_page_urls"
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [
        {
            **engine,
            "APP_DIRS": False,
            "OPTIONS": {
                **engine["OPTIONS"],
                "loaders": [
                    ("django.template.loaders.locmem.Loader", {"shows.html": f"<p>{shows}</p>"}),
                    "django.template.loaders.filesystem.Loader",
                    "django.template.loaders.app_directories.Loader",
                ],
            },
        }
    ]
    ada = django_user_model.objects.create_user("ada", "ada@example.com", "pw-123456789")
    bob = django_user_model.objects.create_user("bob", "bob@example.com", "pw-123456789")
    WishlistItem.objects.create(user=ada, release_id=300, title="Drive the Anthem")
    pages = {}
    for name, user, basket in (("ada", ada, 2), ("bob", bob, 0), ("ada-again", ada, 2)):
        client = shopper(Client(), user=user, basket=basket)
        pages[name] = client.get("/shows/").content.decode()
        shared_pages_kept = len(shared_pages._pages)
        assert shared_pages_kept == 0, name
    assert pages["ada"] == pages["ada-again"] != pages["bob"]
    assert "bob@example.com" not in pages["ada"] and "ada@example.com" not in pages["bob"]


def test_a_kept_page_lasts_the_seconds_set(fake, monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(shared_pages.time, "time", lambda: now[0])  # the cache's clock too
    Client().get(RELEASE)
    ran = views_run(fake)
    now[0] += 59
    Client().get(RELEASE)
    assert views_run(fake) == ran
    now[0] += 2
    Client().get(RELEASE)
    assert views_run(fake) > ran


def test_a_page_kept_by_one_process_is_served_by_another(fake):
    rendered = Client().get(RELEASE).content.decode()
    ran = views_run(fake)
    shared_pages._pages.clear()  # another process: nothing of its own kept
    assert comparable(Client().get(RELEASE).content.decode()) == comparable(rendered)
    assert views_run(fake) == ran  # the copy the first one put in the shared cache
    shared_pages.forget()  # what settings changing (a test) does: every copy dropped
    Client().get(RELEASE)
    assert views_run(fake) > ran


def test_a_kept_page_from_before_the_clock_went_back_is_not_served(fake, monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(shared_pages.time, "time", lambda: now[0])
    Client().get(RELEASE)
    ran = views_run(fake)
    now[0] -= 3600  # an hour back: the copy would otherwise last an hour longer
    Client().get(RELEASE)
    assert views_run(fake) > ran


def test_a_shared_cache_that_fails_leaves_pages_kept_in_the_process(fake, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(shared_pages, "_shared_key", broken)
    assert Client().get(RELEASE).status_code == 200
    ran = views_run(fake)
    assert Client().get(RELEASE).status_code == 200
    assert views_run(fake) == ran  # this process's copy
    assert "Kept pages: shared cache write failed" in caplog.text


def test_live_requests_and_other_methods_are_never_kept(fake):
    client = Client()
    for _ in range(2):
        ran = views_run(fake)
        live = client.get("/search/?q=drive", headers={"HX-Request": "true"})
        assert live.status_code == 200 and views_run(fake) > ran
    assert client.post(RELEASE).status_code == 405


def test_a_page_with_anything_of_the_request_in_it_is_not_kept():
    """A message shown, a cookie set, the session changed, a hole of the page's
    context: each keeps the page from being kept."""
    factory = RequestFactory()

    def request(**changes):
        made = factory.get("/")
        made.session = type("Session", (dict,), {"modified": False})()
        made._messages = FallbackStorage(made)
        for name, value in changes.items():
            setattr(made, name, value)
        return made

    plain = (request(), HttpResponse("x"), ("x",))
    assert shared_pages.keepable(*plain)
    with_message = request()
    with_message._messages.add(20, "Added to your basket")
    assert not shared_pages.keepable(with_message, HttpResponse("x"), ("x",))
    cookie = HttpResponse("x")
    cookie.set_cookie("territory", "US")
    assert not shared_pages.keepable(request(), cookie, ("x",))
    touched = request()
    touched.session.modified = True
    assert not shared_pages.keepable(touched, HttpResponse("x"), ("x",))
    assert not shared_pages.keepable(request(page_not_shared=True), HttpResponse("x"), ("x",))
    hole = ("a", ("include", ("x.html", {})), "b")
    assert not shared_pages.keepable(request(), HttpResponse("x"), hole)
    assert not shared_pages.keepable(request(), HttpResponse("x", status=404), ("x",))


def test_the_release_pages_one_time_tokens_are_new_on_every_serve(fake):
    submit = re.compile(r'name="submit_token" value="([^"]+)"')
    tokens = [submit.findall(Client().get(RELEASE).content.decode()) for _ in range(3)]
    flat = [token for page in tokens for token in page]
    if not flat:
        pytest.fail("the release page has no one-time token to check")
    assert len(flat) == len(set(flat))


def test_a_message_waiting_in_a_cookie_is_shown_not_the_kept_page(fake, django_user_model):
    """Signing out leaves no session, only the "signed out" message in its cookie: the
    home page the shopper lands on shows it, though another visitor's copy is kept."""
    Client().get("/")  # kept
    ada = django_user_model.objects.create_user("ada", "ada@example.com", "pw-123456789")
    client = Client()
    client.force_login(ada)
    signed_out = client.post("/accounts/logout/")
    assert signed_out["Location"] == "/" and signed_out.cookies["sessionid"]["max-age"] == 0
    del client.cookies["sessionid"]  # as a browser does with a cookie at max-age 0
    assert "You have signed out." in client.get("/").content.decode()
    assert "You have signed out." not in client.get("/").content.decode()  # shown once


UNCOMPARED = {"Set-Cookie", "Date", "Content-Length"}


def test_a_kept_page_is_served_before_the_rest_of_the_stack_with_its_headers(fake):
    rendered = Client().get(RELEASE)
    kept = Client().get(RELEASE)
    assert hasattr(rendered.wsgi_request, "country")
    for decided in ("country", "user", "htmx", "resolver_match"):  # no later middleware
        assert getattr(kept.wsgi_request, decided, None) is None
    assert {k: v for k, v in kept.items() if k not in UNCOMPARED} == {
        k: v for k, v in rendered.items() if k not in UNCOMPARED
    }
    assert "Accept-Language" in kept["Vary"] and kept["Content-Language"] == "en"
    assert "Cookie" in kept["Vary"]  # a shopper's copy differs: caches key on the cookies
    assert kept.cookies["csrftoken"].value  # set by CsrfViewMiddleware, outside


def test_a_first_visit_the_language_middleware_sends_on_is_not_served_the_kept_page(fake):
    Client().get(RELEASE)  # kept, in English
    german = Client(headers={"Accept-Language": "de-DE,de;q=0.9"})
    response = german.get(RELEASE)
    assert response.status_code == 302 and response["Location"] == "/de" + RELEASE


def test_a_page_is_kept_only_under_what_the_request_was_decided_to_be(fake, settings):
    """The key is worked out before the language and territory middlewares run: a page
    whose language came out other than the path says (here its view switched it) is
    not kept under the key of the path's."""
    settings.ROOT_URLCONF = "tests.catalogue.shared_page_urls"
    first = Client().get("/")
    assert 'lang="fr"' in first.content.decode()
    ran = views_run(fake)
    Client().get("/")
    assert views_run(fake) > ran


class SetsACookie:
    """A middleware inside the stack that sets a cookie on a page (a consent banner's)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.set_cookie("seen-banner", "1")
        return response


def test_a_page_a_later_middleware_set_a_cookie_on_is_not_kept(fake, settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, f"{__name__}.SetsACookie"]
    assert Client().get(RELEASE).cookies["seen-banner"].value == "1"
    ran = views_run(fake)
    assert Client().get(RELEASE).cookies["seen-banner"].value == "1"
    assert views_run(fake) > ran


def test_a_host_not_allowed_is_refused_not_served_a_kept_page(fake):
    Client().get(RELEASE)  # kept for the allowed host
    assert Client(HTTP_HOST="evil.example").get(RELEASE).status_code == 400
