"""URLs of the accounts app, mounted at /accounts/ beside allauth's (sign-in, sign-up,
password and email pages: `account_login`, `account_signup`, `account_logout`, ...)."""

from django.urls import path

from accounts.views import link, locker, overview, wishlist

urlpatterns = [
    path("", overview.overview, name="account"),
    # The 7digital link
    path("7digital/", link.link_status, name="sevendigital-link"),
    path("7digital/link/", link.link_start, name="sevendigital-link-start"),
    path("7digital/callback/", link.link_callback, name="sevendigital-callback"),
    path("7digital/create/", link.link_with_password, name="sevendigital-link-password"),
    path("7digital/unlink/", link.unlink, name="sevendigital-unlink"),
    # Owned music
    path("locker/", locker.locker, name="locker"),
    path("locker/download/", locker.download_track, name="locker-download"),
    path("locker/download/release/", locker.download_release, name="locker-download-release"),
    path("locker/stream/<int:track_id>/", locker.stream, name="locker-stream"),
    # Wishlist
    path("wishlist/", wishlist.wishlist, name="wishlist"),
    path("wishlist/toggle/", wishlist.wishlist_toggle, name="wishlist-toggle"),
]
