"""catalogue/artist-byurl and catalogue/release-byurl: entities from web-shop URLs.

Each takes `url` (a 7digital-style web URL containing the slugs) or the slugs
themselves (`artistSlug`, `releaseSlug`), as the stub clients send them.
"""

from sandbox.models import Artist, Release
from sandbox.serializers import Context, artist_by_url, release_by_url
from sandbox.serializers.links import slugs_of
from sandbox.wire import ApiRequest, missing, not_found, operation
from sandbox.wire.xml import Element


def _slugs(api: ApiRequest) -> tuple[str | None, str | None]:
    url = api.params.str("url")
    if url:
        return slugs_of(url)
    artist = api.params.str("artistSlug")
    release = api.params.str("releaseSlug")
    return (artist.lower() if artist else None, release.lower() if release else None)


@operation("catalogue/artist-byurl")
def artist_by_url_view(api: ApiRequest) -> Element:
    artist_slug, _ = _slugs(api)
    if not artist_slug:
        raise missing("url")
    artist = Artist.objects.filter(slug=artist_slug).first()
    if artist is None:
        raise not_found("Artist not found")
    return artist_by_url(artist, Context.of(api))


@operation("catalogue/release-byurl")
def release_by_url_view(api: ApiRequest) -> Element:
    """The release with that slug (by that artist, when the artist is named too)."""
    artist_slug, release_slug = _slugs(api)
    if not release_slug:
        raise missing("url")
    releases = Release.objects.filter(slug=release_slug).select_related("artist")
    if artist_slug:
        if not Artist.objects.filter(slug=artist_slug).exists():
            raise not_found("Artist not found")
        releases = releases.filter(artist__slug=artist_slug)
    release = releases.order_by("id").first()
    if release is None:
        raise not_found("Release not found")
    return release_by_url(release)
