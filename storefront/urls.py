"""The shop's URLs: admin, the catalogue, territory switching, checkout and accounts.

Shopper pages are in `i18n_patterns`: English unprefixed (/release/1/), the other
languages of settings.LANGUAGES under their prefix (/de/release/1/), each with its own
JavaScript catalogue (jsi18n/). Outside them, in no language of their own: the admin
and staff dashboard (in the staff member's language: accounts.middleware), the health
check, the language switch and staff-uploaded media.

The catalogue's pages are most of the traffic, so they are matched first (each of its
paths has its own first segment: nothing of the others' is shadowed).
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_page
from django.views.decorators.http import last_modified
from django.views.i18n import JavaScriptCatalog

from storefront.i18n import language_urls
from storefront.territory import territory_urls

handler404 = "storefront.views.page_not_found"
handler500 = "storefront.views.server_error"

admin.site.site_header = _("Crate: shop administration")
admin.site.site_title = _("Crate admin")
admin.site.site_url = "/"

# The catalogues change only with a deploy: a browser keeps its copy (If-Modified-Since
# answers 304), the cache keeps one per language (cache_page keys on it).
DEPLOYED_AT = timezone.now()
javascript_catalog = last_modified(lambda request, **kwargs: DEPLOYED_AT)(
    cache_page(86400)(JavaScriptCatalog.as_view())
)

urlpatterns = [
    path("admin/dashboard/", include("staff.urls")),  # before the admin's catch-all
    path("admin/", admin.site.urls),
    path("healthz", include("storefront.health")),  # load balancers' and monitors' check
    path("", include(language_urls)),  # /language/<code>/: the switcher's links
]
urlpatterns += i18n_patterns(
    path("jsi18n/", javascript_catalog, name="javascript-catalog"),
    # --- Catalogue ----------------------------------------------------------------------
    path("", include("catalogue.urls")),
    path("", include(territory_urls)),
    # --- Checkout (checkout engineer) -------------------------------------------------
    # basket/, checkout/, buy-now/, receipt/<key>/, cards/ (see checkout/urls.py).
    # Templates render the basket badge and buy buttons once `basket` / `basket-add`
    # resolve (`{% if 'basket-add'|url_known %}`), so nothing else needs changing.
    path("", include("checkout.urls")),
    # --- Accounts: the shop's account pages, then allauth's sign-in/sign-up pages -----
    path("accounts/", include("accounts.urls")),  # account, locker, wishlist, ...
    path("accounts/", include("allauth.urls")),  # account_login, account_signup, ...
    prefix_default_language=False,
)
# Staff-uploaded images (editorial slots) in development; production serves MEDIA_ROOT
# from the web server or object storage (`static()` adds nothing when DEBUG is off).
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
