"""The sandbox's non-API URLs: the pages and media a browser (or a player) visits.

Mounted at the site root by `sandbox.urls` (and by `tests.urls` for in-process tests).
One section per area; each owner adds routes to its own section only.
"""

from django.urls import path

from sandbox.media import views as media_views
from sandbox.web import authorise, cardregistration, downloads, paypal

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
    path(
        "media/art/release/<int:release_id>_<int:size>.jpg",
        media_views.release_art,
        name="sandbox-media-release-art",
    ),
    path(
        "media/art/artist/<int:artist_id>_<int:size>.jpg",
        media_views.artist_art,
        name="sandbox-media-artist-art",
    ),
    path("media/preview/<int:track_id>.mp3", media_views.preview, name="sandbox-media-preview"),
    # --- PayPal approval simulator (paypal/...) --------------------------------------
    path("paypal/approve", paypal.approve, name="sandbox-paypal-approve"),
    # --- Card registration pages (cardregistration/...) ------------------------------
    path(
        "cardregistration/<str:registration_id>",
        cardregistration.card_registration,
        name="sandbox-card-registration",
    ),
    # --- Signed downloads and locker streams of owned music (media/user, media/stream) -
    path("media/user/downloadtrack", downloads.download_track, name="sandbox-media-download-track"),
    path(
        "media/user/download/release",
        downloads.download_release,
        name="sandbox-media-download-release",
    ),
    path("media/stream/locker", downloads.stream_locker, name="sandbox-media-stream-locker"),
]
