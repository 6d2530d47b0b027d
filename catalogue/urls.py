"""Catalogue URLs. Path converters reject malformed kinds, tags and letters, so a view
only ever sees values it can pass to a selector (anything else is the shop's 404)."""

from django.urls import path, register_converter

from catalogue import views


class ChartKindConverter:
    regex = "release|track|artist"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class TagListConverter:
    """`rock,indie-rock` <-> ["rock", "indie-rock"]: up to five tag slugs."""

    regex = r"[a-z0-9]+(?:-[a-z0-9]+)*(?:,[a-z0-9]+(?:-[a-z0-9]+)*){0,4}"

    def to_python(self, value: str) -> list[str]:
        return value.split(",")

    def to_url(self, value: list[str] | str) -> str:
        return value if isinstance(value, str) else ",".join(value)


class ArtistLetterConverter:
    regex = "[a-z]|0-9"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ChartKindConverter, "chartkind")
register_converter(TagListConverter, "taglist")
register_converter(ArtistLetterConverter, "letter")

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("release/<int:release_id>/", views.release_detail, name="release-detail"),
    path("release/<int:release_id>/<slug:slug>/", views.release_detail, name="release-detail"),
    path("artist/<int:artist_id>/", views.artist_detail, name="artist-detail"),
    path("artist/<int:artist_id>/<slug:slug>/", views.artist_detail, name="artist-detail"),
    path("track/<int:track_id>/", views.track_detail, name="track-detail"),
    path("track/<int:track_id>/preview/", views.track_preview, name="track-preview"),
    path("track/<int:track_id>/<slug:slug>/", views.track_detail, name="track-detail"),
    path("charts/", views.charts, name="charts"),
    path("charts/<chartkind:kind>/", views.charts, name="charts"),
    path("tags/", views.tags, name="tags"),
    path("tags/<taglist:tags>/", views.tag_browse, name="tag-browse"),
    path("artists/", views.artist_browse, name="artist-browse"),
    path("artists/<letter:letter>/", views.artist_browse, name="artist-browse"),
]
