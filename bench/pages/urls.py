"""The store's URLs plus `/__bare__`: the cheapest page the same stack can serve
(every middleware runs; no template, no catalogue read), the benchmark's baseline."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from storefront.urls import handler404, handler500
from storefront.urls import urlpatterns as store_urlpatterns

__all__ = ["handler404", "handler500", "urlpatterns"]


def bare_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("__bare__", bare_view), *store_urlpatterns]
