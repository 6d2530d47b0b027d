"""release/search, artist/search, track/search: ranked, paged `searchResults`.

The ranking and the index are `sandbox.search`; here the hits become elements.
"""

from functools import partial

from sandbox.models import Artist
from sandbox.queries.catalogue import in_order, sold_releases, sold_tracks
from sandbox.search.catalogue import search_artists, search_releases, search_tracks
from sandbox.search.query import SearchPage
from sandbox.serializers import Context, artist_summary, lists, release_element, track_element
from sandbox.wire import ApiRequest, operation
from sandbox.wire.xml import Element


def _results(kind: str, found: SearchPage, objects: list, build, page: int, size: int) -> Element:
    scores = {hit.object_id: hit.score for hit in found.hits}
    hits = ((kind, scores[obj.pk], build(obj)) for obj in objects)
    return lists.search_results(page, size, found.total, hits)


@operation("release/search")
def release_search(api: ApiRequest) -> Element:
    ctx = Context.of(api)
    query = api.params.str("q", required=True)
    page, size = api.params.paging()
    found = search_releases(query, country_code=ctx.country.code, page=page, page_size=size)
    releases = in_order(sold_releases(ctx.country), [hit.object_id for hit in found.hits])
    return _results("release", found, releases, partial(release_element, ctx=ctx), page, size)


@operation("artist/search")
def artist_search(api: ApiRequest) -> Element:
    ctx = Context.of(api)
    query = api.params.str("q", required=True)
    page, size = api.params.paging()
    found = search_artists(query, page=page, page_size=size)
    artists = in_order(Artist.objects.all(), [hit.object_id for hit in found.hits])
    return _results("artist", found, artists, partial(artist_summary, ctx=ctx), page, size)


@operation("track/search")
def track_search(api: ApiRequest) -> Element:
    ctx = Context.of(api)
    query = api.params.str("q", required=True)
    page, size = api.params.paging()
    found = search_tracks(query, country_code=ctx.country.code, page=page, page_size=size)
    tracks = in_order(sold_tracks(ctx.country), [hit.object_id for hit in found.hits])
    build = partial(track_element, ctx=ctx, popularity=True)
    return _results("track", found, tracks, build, page, size)
