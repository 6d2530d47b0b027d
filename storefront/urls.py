"""The shop's URLs: admin, the catalogue, territory switching, checkout and accounts.

The catalogue's pages are most of the traffic, so they are matched first (each of its
paths has its own first segment: nothing of the others' is shadowed).
"""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from storefront.territory import territory_urls

handler404 = "storefront.views.page_not_found"
handler500 = "storefront.views.server_error"

admin.site.site_header = _("Crate: shop administration")
admin.site.site_title = _("Crate admin")
admin.site.site_url = "/"

urlpatterns = [
    path("admin/dashboard/", include("staff.urls")),  # before the admin's catch-all
    path("admin/", admin.site.urls),
    path("healthz", include("storefront.health")),  # load balancers' and monitors' check
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
]
# Staff-uploaded images (editorial slots) in development; production serves MEDIA_ROOT
# from the web server or object storage (`static()` adds nothing when DEBUG is off).
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
