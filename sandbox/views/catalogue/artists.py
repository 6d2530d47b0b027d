"""Artist operations: details, releases, similar, top tracks, tags, browse, by tag."""

from sandbox.models import Artist, Release
from sandbox.queries.catalogue import (
    artist_for,
    existing_tags,
    page_of,
    similar_artists,
    sold_releases,
    sold_tracks,
)
from sandbox.search import fold
from sandbox.serializers import (
    Context,
    artist_details,
    artist_similar,
    artist_summary,
    lists,
    release_element,
    tag_element,
    track_element,
)
from sandbox.wire import ApiRequest, operation, paged
from sandbox.wire.xml import Element

RELEASE_TYPES = {choice.lower(): choice for choice in Release.Type.values}
# artist/browse?letter=# (or 0-9) lists the artists whose name starts with a digit.
DIGIT_LETTERS = ("#", "0-9")


@operation("artist/details")
def artist_details_view(api: ApiRequest) -> Element:
    ctx = Context.of(api)
    return artist_details(artist_for(api.params.id("artistId")), ctx)


@operation("artist/releases")
def artist_releases(api: ApiRequest) -> Element:
    """The artist's releases sold in the territory, newest first, of one `type` if asked.

    An unknown artist has no releases (an empty list, as the real API answers).
    """
    ctx = Context.of(api)
    artist_id = api.params.id("artistId")
    release_type = api.params.choice("type", RELEASE_TYPES)
    page, size = api.params.paging()
    releases = sold_releases(ctx.country).filter(artist_id=artist_id)
    if release_type:
        releases = releases.filter(type=release_type)
    total, shown = page_of(releases.order_by("-release_date", "id"), page, size)
    return paged("releases", page, size, total, (release_element(r, ctx) for r in shown))


@operation("artist/similar")
def artist_similar_view(api: ApiRequest) -> Element:
    ctx = Context.of(api)
    artist = artist_for(api.params.id("artistId"))
    page, size = api.params.paging()
    total, links = page_of(similar_artists(artist), page, size)
    return paged("artists", page, size, total, (artist_similar(s.similar, ctx) for s in links))


@operation("artist/topTracks")
def artist_top_tracks(api: ApiRequest) -> Element:
    """The artist's most popular tracks sold in the territory."""
    ctx = Context.of(api)
    artist = artist_for(api.params.id("artistId"))
    page, size = api.params.paging()
    tracks = sold_tracks(ctx.country).filter(artist=artist).order_by("-popularity", "id")
    total, shown = page_of(tracks, page, size)
    items = (track_element(t, ctx, popularity=True) for t in shown)
    return paged("tracks", page, size, total, items)


@operation("artist/tags")
def artist_tags(api: ApiRequest) -> Element:
    artist = artist_for(api.params.id("artistId"))
    page, size = api.params.paging()
    total, tags = page_of(artist.tags.order_by("-count", "id"), page, size)
    return paged("tags", page, size, total, (tag_element(tag) for tag in tags))


@operation("artist/browse")
def artist_browse(api: ApiRequest) -> Element:
    """Artists whose folded name starts with `letter` (one or more letters), A to Z."""
    ctx = Context.of(api)
    letter = api.params.str("letter", required=True)
    page, size = api.params.paging()
    artists = Artist.objects.order_by("search_name", "id")
    if letter in DIGIT_LETTERS:
        artists = artists.filter(search_name__regex=r"^[0-9]")
    else:
        artists = artists.filter(search_name__startswith=fold(letter))
    total, shown = page_of(artists, page, size)
    items = (artist_summary(a, ctx, popularity=False) for a in shown)
    return paged("artists", page, size, total, items)


@operation("artist/bytag/top")
def artists_by_tag_top(api: ApiRequest) -> Element:
    """Artists having every tag asked for, most popular first."""
    ctx = Context.of(api)
    page, size = api.params.paging()
    artists = Artist.objects.all()
    for tag in existing_tags(api.params.ids("tags")):
        artists = artists.filter(tags=tag)
    total, shown = page_of(artists.order_by("-popularity", "id"), page, size)
    return lists.tagged_results(
        "artist", page, size, total, (artist_summary(a, ctx) for a in shown)
    )
