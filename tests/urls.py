"""The store's URLs plus the sandbox's, for in-process tests of both."""

from django.urls import include, path

import sandbox.views  # noqa: F401  (registers every operation)
from sandbox.wire.registry import dispatch

urlpatterns = [
    path("1.2/<path:path>", dispatch, name="sandbox-api"),
    path("", include("sandbox.web_urls")),
    path("", include("storefront.urls")),
]
