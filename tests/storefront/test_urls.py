"""The shop's URL names and its error pages."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from storefront import views


@pytest.mark.parametrize(
    ("name", "args", "path"),
    [
        ("home", [], "/"),
        ("search", [], "/search/"),
        ("release-detail", [300], "/release/300/"),
        ("release-detail", [300, "drive-the-anthem"], "/release/300/drive-the-anthem/"),
        ("artist-detail", [10, "the-rivers"], "/artist/10/the-rivers/"),
        ("track-detail", [2000], "/track/2000/"),
        ("charts", [], "/charts/"),
        ("charts", ["artist"], "/charts/artist/"),
        ("tags", [], "/tags/"),
        ("tag-browse", ["rock"], "/tags/rock/"),
        ("tag-browse", [["rock", "indie-rock"]], "/tags/rock,indie-rock/"),
        ("artist-browse", [], "/artists/"),
        ("artist-browse", ["0-9"], "/artists/0-9/"),
        ("set-territory", [], "/territory/"),
        ("admin:index", [], "/admin/"),
    ],
)
def test_url_names(name, args, path):
    """Every page the templates link to has its name and path."""
    assert reverse(name, args=args) == path


@pytest.mark.django_db
def test_unknown_path_is_the_shops_404(client, settings, monkeypatch):
    """A path nobody routes gets the friendly 404 page in the shop's layout."""

    settings.DEBUG = False
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "find that page" in html
    assert 'role="search"' in html


def test_server_error_renders_without_context_processors():
    """The 500 page renders from the template alone, with a way back."""
    request = RequestFactory().get("/release/1/")
    response = views.server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert "Sorry, something went wrong" in html
    assert 'href="/release/1/"' in html
    assert '<html lang="en">' in html


def test_the_server_error_page_is_in_the_pages_language():
    request = RequestFactory().get("/ja/release/1/")
    with translation.override("ja"):
        html = views.server_error(request).content.decode()
    assert '<html lang="ja">' in html
    assert "申し訳ありません。エラーが発生しました" in html


@pytest.mark.parametrize(
    ("referer", "again"),
    [
        ("http://testserver/track/7/", "http://testserver/track/7/"),
        ("https://evil.example/", "/"),
        ("", "/"),
    ],
)
def test_after_a_failed_form_try_again_goes_back_to_its_page(referer, again):
    """A POST cannot be repeated by a link (a GET of /buy-now/ is a 405): "Try again"
    goes back to the shop page the form was on, never to another site."""
    request = RequestFactory().post("/buy-now/", HTTP_REFERER=referer)
    html = views.server_error(request).content.decode()
    assert f'href="{again}"' in html and 'href="/buy-now/"' not in html
