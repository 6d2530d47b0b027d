"""What every element builder of one request needs: request, territory, sizes, prices."""

from dataclasses import dataclass
from functools import cached_property

from django.http import HttpRequest

from sandbox.models import Country
from sandbox.queries.pricing import PriceBook
from sandbox.wire import ApiRequest, invalid

# Sizes the artwork server renders (`imageSize`); others are a 1002.
IMAGE_SIZES = frozenset({33, 50, 75, 100, 180, 182, 200, 350, 500, 800})
RELEASE_IMAGE_SIZE = 50
ARTIST_IMAGE_SIZE = 150
# An id no catalogue reaches, whose digits appear nowhere else in an image URL.
_PLACEHOLDER_ID = 987_654_321_987_654
_PLACEHOLDER = str(_PLACEHOLDER_ID)


@dataclass
class Context:
    request: HttpRequest
    country: Country
    image_size: int | None = None  # None: each kind of image at its default size

    @classmethod
    def of(cls, api: ApiRequest) -> "Context":
        """The context of an API request; validates `imageSize` and the territory."""
        size = api.params.int("imageSize")
        if size is not None and size not in IMAGE_SIZES:
            sizes = ", ".join(str(s) for s in sorted(IMAGE_SIZES))
            raise invalid("imageSize", f"{size} is not one of {sizes}")
        return cls(api.request, api.country, size)

    @cached_property
    def prices(self) -> PriceBook:
        return PriceBook(self.country)

    @cached_property
    def _image_urls(self) -> dict[str, str]:
        """Each kind of image's URL with a placeholder id: one reverse per request, not
        one per item (a page of search results shows dozens)."""
        from sandbox.media.urls import artist_image_url, release_image_url

        return {
            "release": release_image_url(
                self.request, _PLACEHOLDER_ID, self.image_size or RELEASE_IMAGE_SIZE
            ),
            "artist": artist_image_url(
                self.request, _PLACEHOLDER_ID, self.image_size or ARTIST_IMAGE_SIZE
            ),
        }

    def release_image(self, release_id: int) -> str:
        return self._image_urls["release"].replace(_PLACEHOLDER, str(release_id))

    def artist_image(self, artist_id: int) -> str:
        return self._image_urls["artist"].replace(_PLACEHOLDER, str(artist_id))


def popularity_text(value: float) -> str:
    """Popularity as the wire writes it: two decimals at most, "0" not "0.0"."""
    return format(round(value, 2), "g")
