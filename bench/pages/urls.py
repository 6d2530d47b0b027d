"""The store's URLs plus `/__bare__`: the benchmark's baseline, a view like
`django-admin startproject`'s (one tiny template, the default context processors),
served from the same gunicorn through plain middleware only (bench/pages/wsgi.py)."""

from pathlib import Path

from django.http import HttpRequest, HttpResponse
from django.template import Engine, RequestContext
from django.urls import path

from storefront.urls import handler404, handler500
from storefront.urls import urlpatterns as store_urlpatterns

__all__ = ["handler404", "handler500", "urlpatterns"]

# Its own engine: the store's context processors (territory, basket badge) stay out.
BARE_ENGINE = Engine(
    dirs=[str(Path(__file__).parent)],
    context_processors=[
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
    ],
)


def bare_view(request: HttpRequest) -> HttpResponse:
    """What peer-bench's bare Django target serves."""
    context = RequestContext(request, {"title": "peer-bench", "items": ["alpha", "beta", "gamma"]})
    return HttpResponse(BARE_ENGINE.get_template("hello.html").render(context))


urlpatterns = [path("__bare__", bare_view), *store_urlpatterns]
