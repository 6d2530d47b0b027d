"""The sandbox's non-API URLs: the pages and media a browser (or a player) visits.

Mounted at the site root by `sandbox.urls` (and by `tests.urls` for in-process tests).
One section per area; each owner adds routes to its own section only.
"""

from django.urls import path

from sandbox.web import authorise

urlpatterns = [
    # --- OAuth: the user-facing authorise page (account.7digital.com) ----------------
    path("oauth/authorise", authorise.authorise, name="sandbox-oauth-authorise"),
    # The form the Node client builds: account.7digital.com/{consumerKey}/oauth/authorise
    path(
        "<str:consumer_key>/oauth/authorise",
        authorise.authorise,
        name="sandbox-oauth-authorise-for-key",
    ),
    # --- Media: cover art, preview clips, signed downloads (media/...) ---------------
    # --- PayPal approval simulator (paypal/...) --------------------------------------
    # --- Card registration pages (cardregistration/...) ------------------------------
]
