"""A URLconf for tests/catalogue/test_shared_pages.py: the home page, from a view that
switches the language itself (what no middleware before it could have known), a page
of a test's own template, and the rest of the shop's URLs."""

from django.urls import path
from django.utils import translation

from catalogue import views
from catalogue.shared_pages import shared_page
from storefront.urls import urlpatterns as shop


@shared_page
def home_in_french(request):
    translation.activate("fr")
    return views.home.__wrapped__(request)


@shared_page
def shows(request):
    """A catalogue page of tests/catalogue/test_shared_pages.py's own template."""
    return views.render_fetched(request, "shows.html", {})


urlpatterns = [path("", home_in_french), path("shows/", shows), *shop]
