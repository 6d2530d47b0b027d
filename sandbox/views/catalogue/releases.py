"""Release operations: details, editorial, tracks, tags, recommendations, by date, by tag."""

from datetime import timedelta

from sandbox.queries import catalogue as queries
from sandbox.queries.catalogue import (
    existing_tags,
    page_of,
    recommended_releases,
    release_for,
    sold_releases,
    sold_tracks,
)
from sandbox.serializers import Context, lists, release_element, tag_element, track_element
from sandbox.wire import ApiRequest, invalid, operation, paged
from sandbox.wire.xml import Element

BY_DATE_DEFAULT_DAYS = 7


@operation("release/details")
def release_details(api: ApiRequest) -> Element:
    """The full release, priced in the territory."""
    ctx = Context.of(api)
    release = release_for(api.params.id("releaseId"), ctx.country)
    return release_element(release, ctx, details=True)


@operation("release/editorial")
def release_editorial(api: ApiRequest) -> Element:
    """The review and promotional text of a release (an empty element if it has none)."""
    release = release_for(api.params.id("releaseId"), api.country)
    return lists.editorial_element(release)


@operation("release/tracks")
def release_tracks(api: ApiRequest) -> Element:
    """The release's tracks in disc and track order (all of them unless paged)."""
    ctx = Context.of(api)
    release = release_for(api.params.id("releaseId"), ctx.country)
    page, size = api.params.paging(default_size=max(release.track_count, 1))
    tracks = (
        sold_tracks(ctx.country)
        .filter(release=release)
        .order_by("disc_number", "track_number", "id")
    )
    total, shown = page_of(tracks, page, size)
    return paged("tracks", page, size, total, (track_element(t, ctx) for t in shown))


@operation("release/tags")
def release_tags(api: ApiRequest) -> Element:
    release = release_for(api.params.id("releaseId"), api.country)
    page, size = api.params.paging()
    total, tags = page_of(release.tags.order_by("-count", "id"), page, size)
    return paged("tags", page, size, total, (tag_element(tag) for tag in tags))


@operation("release/recommend")
def release_recommend(api: ApiRequest) -> Element:
    """Releases bought by the same people or sharing tags, best first."""
    ctx = Context.of(api)
    release = release_for(api.params.id("releaseId"), ctx.country)
    page, size = api.params.paging()
    total, shown = page_of(recommended_releases(release, ctx.country), page, size)
    return lists.recommendations(page, size, total, (r.recommended for r in shown), ctx)


@operation("release/byDate")
def releases_by_date(api: ApiRequest) -> Element:
    """Releases out between fromDate and toDate (yyyyMMdd, inclusive), newest first."""
    ctx = Context.of(api)
    to_date = api.params.date("toDate", default=queries.today())
    from_date = api.params.date("fromDate", default=to_date - timedelta(BY_DATE_DEFAULT_DAYS))
    if from_date > to_date:
        raise invalid("fromDate", "it is after toDate")
    page, size = api.params.paging()
    releases = sold_releases(ctx.country).filter(release_date__range=(from_date, to_date))
    total, shown = page_of(releases.order_by("-release_date", "id"), page, size)
    return paged("releases", page, size, total, (release_element(r, ctx) for r in shown))


def _tagged_releases(api: ApiRequest, ctx: Context):
    releases = sold_releases(ctx.country)
    for tag in existing_tags(api.params.ids("tags")):
        releases = releases.filter(tags=tag)
    return releases


@operation("release/bytag/new")
def releases_by_tag_new(api: ApiRequest) -> Element:
    """Released (not future) releases having every tag asked for, newest first."""
    ctx = Context.of(api)
    page, size = api.params.paging()
    releases = _tagged_releases(api, ctx).filter(release_date__lte=queries.today())
    total, shown = page_of(releases.order_by("-release_date", "id"), page, size)
    return lists.tagged_results(
        "release", page, size, total, (release_element(r, ctx) for r in shown)
    )


@operation("release/bytag/top")
def releases_by_tag_top(api: ApiRequest) -> Element:
    """Releases having every tag asked for, most popular first."""
    ctx = Context.of(api)
    page, size = api.params.paging()
    releases = _tagged_releases(api, ctx).order_by("-popularity", "id")
    total, shown = page_of(releases, page, size)
    return lists.tagged_results(
        "release", page, size, total, (release_element(r, ctx) for r in shown)
    )
