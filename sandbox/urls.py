"""URLs of the sandbox process: the API under /1.2/, plus the pages and media a
browser visits (OAuth authorise, PayPal approval, card registration, art, audio)."""

from django.contrib import admin
from django.urls import include, path

import sandbox.views  # noqa: F401  (registers every operation)
from sandbox.wire.registry import dispatch

urlpatterns = [
    path("admin/", admin.site.urls),
    path("1.2/<path:path>", dispatch, name="sandbox-api"),
    path("", include("sandbox.web_urls")),
]
