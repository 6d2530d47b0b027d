"""release/chart, track/chart, artist/chart: best sellers of a period from sales."""

from sandbox.models import Artist
from sandbox.queries.catalogue import in_order, sold_releases, sold_tracks
from sandbox.queries.charts import ALBUM, ARTIST, PERIODS, TRACK, chart
from sandbox.serializers import Context, artist_charted, lists, release_element, track_element
from sandbox.wire import ApiRequest, operation
from sandbox.wire.xml import Element

PERIOD_CHOICES = {period: period for period in PERIODS}
DEFAULT_PERIOD = "week"


def _chart_answer(api: ApiRequest, chart_type: str, fetch, build) -> Element:
    """The chart page: fetch(ctx, ids) loads the charted rows, build(ctx, row) draws one."""
    ctx = Context.of(api)
    period = api.params.choice("period", PERIOD_CHOICES, default=DEFAULT_PERIOD)
    to_date = api.params.date("toDate")
    page, size = api.params.paging()
    found = chart(chart_type, ctx.country, period, to_date)
    shown = found.entries[(page - 1) * size : page * size]
    rows = fetch(ctx, [entry.object_id for entry in shown])
    entities = {row.pk: build(ctx, row) for row in rows}
    return lists.chart_element(found, page, size, entities)


@operation("release/chart")
def release_chart(api: ApiRequest) -> Element:
    return _chart_answer(
        api,
        ALBUM,
        lambda ctx, ids: in_order(sold_releases(ctx.country), ids),
        lambda ctx, release: release_element(release, ctx),
    )


@operation("track/chart")
def track_chart(api: ApiRequest) -> Element:
    return _chart_answer(
        api,
        TRACK,
        lambda ctx, ids: in_order(sold_tracks(ctx.country), ids),
        lambda ctx, track: track_element(track, ctx),
    )


@operation("artist/chart")
def artist_chart(api: ApiRequest) -> Element:
    return _chart_answer(
        api,
        ARTIST,
        lambda ctx, ids: in_order(Artist.objects.all(), ids),
        lambda ctx, artist: artist_charted(artist),
    )
