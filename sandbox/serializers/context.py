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

    def release_image(self, release_id: int) -> str:
        from sandbox.media.urls import release_image_url

        return release_image_url(self.request, release_id, self.image_size or RELEASE_IMAGE_SIZE)

    def artist_image(self, artist_id: int) -> str:
        from sandbox.media.urls import artist_image_url

        return artist_image_url(self.request, artist_id, self.image_size or ARTIST_IMAGE_SIZE)


def popularity_text(value: float) -> str:
    """Popularity as the wire writes it: two decimals at most, "0" not "0.0"."""
    return format(round(value, 2), "g")
