"""The read-only catalogue operations; importing this package registers them all."""

from . import (  # noqa: F401
    artists,
    batch,
    byurl,
    charts,
    editorial,
    matching,
    releases,
    search,
    tags,
    territories,
    tracks,
)
