"""Links to the (7digital-style) web shop that legacy elements carry as `url`.

The catalogue `*-byurl` operations read the same URLs back, so both directions
live here: `http://www.7digital.com/artist/{artist}/release/{release}/`.
"""

from urllib.parse import urlsplit

WEB_SHOP = "http://www.7digital.com"


def artist_url(artist_slug: str) -> str:
    return f"{WEB_SHOP}/artist/{artist_slug}/"


def release_url(artist_slug: str, release_slug: str) -> str:
    return f"{WEB_SHOP}/artist/{artist_slug}/release/{release_slug}/"


def tag_url(tag_id: str) -> str:
    return f"{WEB_SHOP}/tags/{tag_id}/"


def slugs_of(url: str) -> tuple[str | None, str | None]:
    """(artist slug, release slug) named by a web-shop URL; None where absent.

    Accepts any host and scheme, with or without a trailing slash or query, e.g.
    `https://uk.7digital.com/artist/keane/release/perfect-symmetry-1?partner=1`.
    """
    parts = [part for part in urlsplit(url.strip()).path.split("/") if part]
    artist = _after(parts, "artist")
    release = _after(parts, "release")
    return artist, release


def _after(parts: list[str], marker: str) -> str | None:
    for index, part in enumerate(parts[:-1]):
        if part.lower() == marker:
            return parts[index + 1].lower()
    return None
