"""Track operations: details (search and charts live with their kind)."""

from sandbox.queries.catalogue import track_for
from sandbox.serializers import Context, track_element
from sandbox.wire import ApiRequest, operation
from sandbox.wire.xml import Element


@operation("track/details")
def track_details(api: ApiRequest) -> Element:
    """The full track, priced in the territory."""
    ctx = Context.of(api)
    track = track_for(api.params.id("trackId"), ctx.country)
    return track_element(track, ctx, details=True)
