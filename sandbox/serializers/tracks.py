"""`track` elements.

Child order follows the recordings: `title`, `version`, `artist`, `trackNumber`,
`duration`, `explicitContent`, `isrc`, `type`, `release`, `slug`, `price` (legacy),
`streamingReleaseDate`, `discNumber`, [`formats` (legacy, track/details)],
[`popularity` (search, top tracks)], `number`, `download`, [`pline` (details)].
The API carries no preview URL in a track: clients build it from the track id.
"""

from sandbox.models import Track
from sandbox.queries.pricing import STANDARD
from sandbox.wire import el, sub
from sandbox.wire.xml import Element

from .artists import artist_credit
from .context import Context, popularity_text
from .pricing import download_element, legacy_formats_element, legacy_price_element
from .releases import release_in_track


def legacy_track_number(track: Track) -> int:
    """`trackNumber`: the number on the disc, plus 100 per disc after the first."""
    if track.disc_number > 1:
        return track.disc_number * 100 + track.track_number
    return track.track_number


def track_element(
    track: Track, ctx: Context, *, details: bool = False, popularity: bool = False
) -> Element:
    """A track; `details` adds the legacy `formats` and `pline` (track/details)."""
    release = track.release
    node = el("track", id=track.pk)
    sub(node, "title", track.title)
    sub(node, "version", track.version)
    node.append(artist_credit(track.artist))
    sub(node, "trackNumber", legacy_track_number(track))
    sub(node, "duration", track.duration)
    sub(node, "explicitContent", track.explicit_content)
    sub(node, "isrc", track.isrc)
    sub(node, "type", "audio")
    node.append(release_in_track(release, ctx))
    sub(node, "slug", release.slug)
    node.append(legacy_price_element(ctx.prices.price(track.price_tier, STANDARD)))
    sub(node, "streamingReleaseDate", release.release_date)
    sub(node, "discNumber", track.disc_number)
    if details:
        node.append(legacy_formats_element())
    if popularity:
        sub(node, "popularity", popularity_text(track.popularity))
    sub(node, "number", track.track_number)
    node.append(
        download_element(
            ctx.prices,
            track.price_tier,
            release.has_lossless,
            release.release_date,
            preview_date=True,
        )
    )
    if details:
        sub(node, "pline", release.pline)
    return node
