"""`release` elements: the full one of lists and details, and the reduced ones.

Child order follows the recordings: `title`, `version`, `type`, `barcode`, `year`,
`explicitContent`, `artist`, `slug`, `image`, `download`, `label`, `licensor`,
`popularity`, `streamingReleaseDate`, `duration`, `trackCount` (then `cline`,
`pline` on release/details).
"""

from sandbox.models import Release
from sandbox.wire import el, sub
from sandbox.wire.xml import Element

from .artists import artist_credit
from .context import Context, popularity_text
from .links import artist_url, release_url
from .pricing import download_element


def _head(release: Release, ctx: Context, node: Element, *, year: bool = True) -> None:
    sub(node, "title", release.title)
    sub(node, "version", release.version)
    sub(node, "type", release.type)
    sub(node, "barcode", release.barcode)
    if year:
        sub(node, "year", release.release_date.year)
        sub(node, "explicitContent", release.explicit_content)
    node.append(artist_credit(release.artist))
    sub(node, "slug", release.slug)
    sub(node, "image", ctx.release_image(release.pk))


def release_element(release: Release, ctx: Context, *, details: bool = False) -> Element:
    """The full release; `details` adds `cline`/`pline` (release/details)."""
    node = el("release", id=release.pk)
    _head(release, ctx, node)
    node.append(
        download_element(
            ctx.prices,
            release.price_tier,
            release.has_lossless,
            release.release_date,
            packages_first=details,
        )
    )
    sub(sub(node, "label", id=release.label_id), "name", release.label.name)
    sub(sub(node, "licensor", id=release.licensor_id), "name", release.licensor.name)
    sub(node, "popularity", popularity_text(release.popularity))
    sub(node, "streamingReleaseDate", release.release_date)
    sub(node, "duration", release.duration)
    sub(node, "trackCount", release.track_count)
    if details:
        sub(node, "cline", release.cline)
        sub(node, "pline", release.pline)
    return node


def release_in_track(release: Release, ctx: Context) -> Element:
    """The release a track belongs to: `title` .. `barcode`, `artist`, `slug`, `image`."""
    node = el("release", id=release.pk)
    _head(release, ctx, node, year=False)
    return node


def release_by_url(release: Release) -> Element:
    """catalogue/release-byurl: `title`, `type`, `artist` (`name`, `url`), `url`."""
    node = el("release", id=release.pk)
    sub(node, "title", release.title)
    sub(node, "type", release.type)
    artist = sub(node, "artist", id=release.artist_id)
    sub(artist, "name", release.artist.name)
    sub(artist, "url", artist_url(release.artist.slug))
    sub(node, "url", release_url(release.artist.slug, release.slug))
    return node
