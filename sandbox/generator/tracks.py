"""The tracks of one release, made from the release's own random stream.

Durations fit the genre (classical movements and ambient pieces run long), track
numbers restart on each disc, ISRCs carry the label's country and registrant and the
year of the recording, singles carry their A-side in versions (radio edit, remix...).
"""

import random
from dataclasses import dataclass

from . import japanese, names
from . import territories as tiers
from .codes import make_isrc
from .genres import GENRE_BY_ID
from .plan import ReleasePlan, item_rng
from .releases import ALBUM, SINGLE, VIDEO
from .text import fold

_SINGLE_VERSIONS = ("Extended Mix", "Instrumental", "Remix", "Acoustic Version", "Club Mix")
_ODD_VERSIONS = ("Live", "Album Version", "Demo", "Acoustic")


@dataclass(frozen=True, slots=True)
class TrackSpec:
    id: int
    title: str
    version: str
    track_number: int
    disc_number: int
    duration: int
    isrc: str
    explicit: bool
    price_tier: int

    @property
    def search_title(self) -> str:
        return fold(self.title)


def lead_track_index(release: ReleasePlan) -> int:
    """Which track sells best (the single, the title track): fixed per release."""
    return (release.id * 7919) % release.track_count


def make_tracks(seed: int, release: ReleasePlan) -> list[TrackSpec]:
    rng = item_rng(seed, "tracks", release.id)
    titles = _titles(rng, release)
    versions = _versions(rng, release)
    explicit = _explicit_flags(rng, release)
    year = release.release_date.year
    isrc_base = rng.randrange(0, 99_000)
    tier = _track_tier(rng, release)
    specs, index = [], 0
    for disc, count in enumerate(release.shape.discs, start=1):
        for number in range(1, count + 1):
            specs.append(
                TrackSpec(
                    id=release.first_track_id + index,
                    title=titles[index],
                    version=versions[index],
                    track_number=number,
                    disc_number=disc,
                    duration=_duration(rng, release),
                    isrc=make_isrc(
                        release.label.country, release.label.registrant, year, isrc_base + index
                    ),
                    explicit=explicit[index],
                    price_tier=tier,
                )
            )
            index += 1
    return specs


def _titles(rng: random.Random, release: ReleasePlan) -> list[str]:
    count, genre = release.track_count, release.artist.genre
    if genre == "classical" and release.shape.type == ALBUM:
        work = release.title
        return [
            f"{work}: {names.movement_title(i, rng.choice(names.words.MOVEMENTS))}"
            for i in range(count)
        ]
    if release.shape.type in (SINGLE, VIDEO) and count <= 3:
        return [release.title] * count  # the A-side, then its other versions
    if release.artist.locale == japanese.LOCALE:
        titles = japanese.track_titles(rng, count)
        if release.shape.type == ALBUM and rng.random() < 0.3:
            titles[lead_track_index(release)] = release.title
        return titles
    titles: list[str] = []
    while len(titles) < count:
        title = names.track_title(rng, genre)
        if title not in titles or rng.random() < 0.1:  # a rare reprise keeps this finite
            titles.append(title)
    if release.shape.type == ALBUM and rng.random() < 0.3:
        titles[lead_track_index(release)] = release.title  # the title track
    return titles


def _versions(rng: random.Random, release: ReleasePlan) -> list[str]:
    count, version = release.track_count, release.shape.version
    if release.shape.type == SINGLE and count <= 3:
        others = rng.sample(_SINGLE_VERSIONS, count - 1)
        return [version if version == "Radio Edit" else "", *others]
    if "Remaster" in version:
        return [version] * count
    versions = [rng.choice(_ODD_VERSIONS) if rng.random() < 0.04 else "" for _ in range(count)]
    if version == "Bonus Track Version":
        versions[-1] = "Bonus Track"
    return versions


def _explicit_flags(rng: random.Random, release: ReleasePlan) -> list[bool]:
    """An explicit release has at least one explicit track (its lead); a clean one none."""
    if not release.shape.explicit:
        return [False] * release.track_count
    flags = [rng.random() < 0.7 for _ in range(release.track_count)]
    flags[lead_track_index(release)] = True
    return flags


def _duration(rng: random.Random, release: ReleasePlan) -> int:
    genre = GENRE_BY_ID[release.artist.genre]
    if genre.id == "classical":
        return int(min(1500, max(120, rng.lognormvariate(6.0, 0.5))))
    if genre.long_tracks and rng.random() < 0.12:
        return rng.randint(480, 1200)  # the long piece: an ambient drift, a jazz workout
    return int(min(480, max(120, rng.lognormvariate(5.42, 0.22))))  # median ~3:45


def _track_tier(rng: random.Random, release: ReleasePlan) -> int:
    if release.release_date.year < 1990:
        return tiers.TRACK_BUDGET
    if release.shape.price_tier == tiers.ALBUM_FULL and rng.random() < 0.5:
        return tiers.TRACK_PREMIUM
    return tiers.TRACK_STANDARD
