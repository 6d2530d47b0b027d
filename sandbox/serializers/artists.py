"""`artist` elements, in the shape each kind of answer carries (see the recordings)."""

from sandbox.models import Artist
from sandbox.wire import el, sub
from sandbox.wire.xml import Element

from .context import Context, popularity_text
from .links import artist_url


def artist_credit(artist: Artist) -> Element:
    """Inside a release or track: `name`, `appearsAs`, `slug`."""
    node = el("artist", id=artist.pk)
    sub(node, "name", artist.name)
    sub(node, "appearsAs", artist.name)
    sub(node, "slug", artist.slug)
    return node


def artist_summary(artist: Artist, ctx: Context, *, popularity: bool = True) -> Element:
    """Search, browse and tagged results: `name`, `sortName`, `slug`, `image`, `popularity`."""
    node = el("artist", id=artist.pk)
    sub(node, "name", artist.name)
    sub(node, "sortName", artist.sort_name)
    sub(node, "slug", artist.slug)
    sub(node, "image", ctx.artist_image(artist.pk))
    if popularity:
        sub(node, "popularity", popularity_text(artist.popularity))
    return node


def artist_details(artist: Artist, ctx: Context) -> Element:
    """artist/details: `name`, `sortName`, `slug`, `image`, `bio/text`."""
    node = artist_summary(artist, ctx, popularity=False)
    sub(sub(node, "bio"), "text", artist.bio)
    return node


def artist_similar(artist: Artist, ctx: Context) -> Element:
    """artist/similar (legacy shape): `name`, `sortName`, `url`, `image`."""
    node = el("artist", id=artist.pk)
    sub(node, "name", artist.name)
    sub(node, "sortName", artist.sort_name)
    sub(node, "url", artist_url(artist.slug))
    sub(node, "image", ctx.artist_image(artist.pk))
    return node


def artist_charted(artist: Artist) -> Element:
    """artist/chart: `name`, `slug`."""
    node = el("artist", id=artist.pk)
    sub(node, "name", artist.name)
    sub(node, "slug", artist.slug)
    return node


def artist_by_url(artist: Artist, ctx: Context) -> Element:
    """catalogue/artist-byurl: `@key` (slug), `name`, `sortname` (sic), `url`, `image`."""
    node = el("artist", id=artist.pk, key=artist.slug)
    sub(node, "name", artist.name)
    sub(node, "sortname", artist.sort_name)
    sub(node, "url", artist_url(artist.slug))
    sub(node, "image", ctx.artist_image(artist.pk))
    return node
