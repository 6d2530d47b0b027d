"""MusicBrainz ids for the match/byId operations (defunct on the real API).

The generated catalogue has no MusicBrainz data, so the sandbox gives each entity a
fixed, reversible id in MusicBrainz's UUID format: `7d00000K-0000-4000-8000-<id in
12 hex digits>`, K being 1 for artists, 2 for releases, 3 for tracks. Artist 1 is
`7d000001-0000-4000-8000-000000000001`. Any other UUID matches nothing.
"""

import re

ARTIST, RELEASE, TRACK = 1, 2, 3
_MBID = re.compile(r"^7d00000([123])-0000-4000-8000-([0-9a-f]{12})$")


def mbid_of(kind: int, object_id: int) -> str:
    return f"7d00000{kind}-0000-4000-8000-{object_id:012x}"


def id_of_mbid(kind: int, mbid: str) -> int | None:
    """The sandbox id an MBID stands for, if it is one of kind's."""
    match = _MBID.match(mbid.strip().lower())
    if match is None or int(match.group(1)) != kind:
        return None
    return int(match.group(2), 16)
