"""The store's URLs plus the sandbox's, for in-process tests of both.

The store's patterns are added as they are, not included: `i18n_patterns` is allowed
in a root URLconf only.
"""

from django.urls import include, path

import sandbox.views  # noqa: F401  (registers every operation)
from sandbox.wire.registry import dispatch
from storefront import urls as store_urls

urlpatterns = [
    path("1.2/<path:path>", dispatch, name="sandbox-api"),
    path("", include("sandbox.web_urls")),
    *store_urls.urlpatterns,
]
