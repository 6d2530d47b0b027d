"""Signed media URLs for music the shopper owns: full-length locker streams and release zips.

Track downloads need nothing from here: the locker answers with ready-signed
`downloadUrls`. A locker stream and a whole-release zip have no such link, so the
shop signs one (OAuth 1.0 in the query, with the shopper's access token) with
`Client.signed_url`. Such a link is good for one request within the hour, so pages
never embed one: they point at the shop's own redirect views, which sign a fresh
link at each request (a player that re-buffers gets a new one).

Where they live: on the sandbox, `{site}/media/stream/locker` and
`{site}/media/user/download/release`; on 7digital, the streaming host
(`stream.svc.7digital.net/stream/locker`) and the media host
(`media.geo.7digital.com/media/user/download/release`). Settings
`ACCOUNTS_LOCKER_STREAM_URL` / `ACCOUNTS_RELEASE_DOWNLOAD_URL` override them.
"""

from urllib.parse import urlsplit

from django.conf import settings

from sevendigital import UserToken
from storefront.api import get_client

REAL_API_HOST = "api.7digital.com"
REAL_STREAM_URL = "https://stream.svc.7digital.net/stream/locker"
REAL_RELEASE_DOWNLOAD_URL = "https://media.geo.7digital.com/media/user/download/release"


def _site() -> str:
    return settings.SEVENDIGITAL_API_URL.rstrip("/").removesuffix("/1.2")


def _is_real_api() -> bool:
    return urlsplit(settings.SEVENDIGITAL_API_URL).hostname == REAL_API_HOST


def locker_stream_base() -> str:
    if settings.ACCOUNTS_LOCKER_STREAM_URL:
        return settings.ACCOUNTS_LOCKER_STREAM_URL
    return REAL_STREAM_URL if _is_real_api() else f"{_site()}/media/stream/locker"


def release_download_base() -> str:
    if settings.ACCOUNTS_RELEASE_DOWNLOAD_URL:
        return settings.ACCOUNTS_RELEASE_DOWNLOAD_URL
    return REAL_RELEASE_DOWNLOAD_URL if _is_real_api() else f"{_site()}/media/user/download/release"


def locker_stream_url(*, token: UserToken, track_id: int, country: str) -> str:
    """A fresh signed URL of the full track for the shopper's player (one use)."""
    return get_client().signed_url(
        locker_stream_base(), token=token, track_id=track_id, country=country
    )


def release_download_url(
    *, token: UserToken, release_id: int, country: str, format_id: int | None = None
) -> str:
    """A fresh signed URL of the zip of the shopper's tracks of a release, in a format
    (7digital's default when None), for one use."""
    params = {"format_id": format_id} if format_id else {}
    return get_client().signed_url(
        release_download_base(), token=token, release_id=release_id, country=country, **params
    )
