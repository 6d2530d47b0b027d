"""Element builders of the catalogue's wire shapes (as the recordings show them).

Each builder takes model rows and a `Context` (request, territory, image size, price
book) and returns an lxml element; the dispatcher renders XML or JSON from it.
"""

from . import lists, territories
from .artists import (
    artist_by_url,
    artist_charted,
    artist_credit,
    artist_details,
    artist_similar,
    artist_summary,
)
from .context import Context
from .lists import tag_element
from .releases import release_by_url, release_element, release_in_track
from .tracks import track_element

__all__ = [
    "Context",
    "artist_by_url",
    "artist_charted",
    "artist_credit",
    "artist_details",
    "artist_similar",
    "artist_summary",
    "lists",
    "release_by_url",
    "release_element",
    "release_in_track",
    "tag_element",
    "territories",
    "track_element",
]
