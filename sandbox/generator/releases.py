"""The shape of a release: its type, version, discs, price tier and formats.

Track counts fit the type (singles 1-3 tracks, EPs 4-6, albums 8-14, some deluxe
albums on two or three discs); versions and price tiers fit the age of the release.
"""

import random
from dataclasses import dataclass
from datetime import date

from . import territories as tiers
from .genres import Genre

ALBUM, SINGLE, VIDEO, EXCLUSIVE, ITEM = "Album", "Single", "Video", "Exclusive", "Item"


@dataclass(frozen=True, slots=True)
class ReleaseShape:
    type: str
    version: str
    discs: tuple[int, ...]  # tracks on each disc
    price_tier: int
    explicit: bool
    has_lossless: bool
    appeal: float  # how well this kind of release sells, relative to an album
    title_suffix: str = ""


def release_shape(
    rng: random.Random, genre: Genre, on_sale: date, today: date, remaining: int
) -> ReleaseShape:
    """A shape for a release out on `on_sale`, with at most `remaining` tracks."""
    roll = rng.random()
    if roll < 0.55:
        shape = _album(rng, genre, on_sale, today)
    elif roll < 0.82:
        shape = _single(rng, genre, rng.randint(1, 3))
    elif roll < 0.90:
        shape = _ep(rng, genre)
    elif roll < 0.94:
        shape = _exclusive(rng, genre)
    elif roll < 0.97:
        shape = _one_off(rng, genre, VIDEO, "Music Video", "")
    else:
        shape = _one_off(rng, genre, ITEM, "", "(Digital Booklet)")
    if sum(shape.discs) <= remaining:
        return shape
    if remaining <= 3:  # the last release of a catalogue of exactly N tracks
        return _single(rng, genre, remaining)
    return ReleaseShape(**{**_fields(shape), "discs": (remaining,)})


def _fields(shape: ReleaseShape) -> dict:
    return {name: getattr(shape, name) for name in ReleaseShape.__slots__}


def _explicit(rng: random.Random, genre: Genre) -> bool:
    return rng.random() < min(0.9, genre.explicit_rate * 2.5)


def _album(rng: random.Random, genre: Genre, on_sale: date, today: date) -> ReleaseShape:
    if genre.id == "classical":
        discs: tuple[int, ...] = (rng.randint(4, 12),)
    elif genre.id == "soundtrack":
        discs = (rng.randint(12, 24),)
    else:
        discs = (rng.randint(8, 14),)
    version, tier = _album_version(rng, on_sale, today)
    if rng.random() < 0.07:  # a big album: two or three discs
        discs = tuple(rng.randint(10, 16) for _ in range(rng.choice((2, 2, 2, 3))))
        version = rng.choice(("Deluxe Edition", "Deluxe Version", "Super Deluxe Edition"))
        tier = tiers.ALBUM_DELUXE
    elif discs[0] <= 7:
        tier = tiers.ALBUM_MID
    elif genre.long_tracks and rng.random() < 0.2:
        tier = tiers.ALBUM_PREMIUM
    lossless = 0.35 + (0.3 if genre.long_tracks else 0) + (0.2 if on_sale.year >= 2010 else 0)
    return ReleaseShape(
        ALBUM, version, discs, tier, _explicit(rng, genre), rng.random() < lossless, 1.0
    )


def _album_version(rng: random.Random, on_sale: date, today: date) -> tuple[str, int]:
    """Old albums come remastered and cheap; new ones full price."""
    age_days = (today - on_sale).days
    if on_sale.year < 2000 and rng.random() < 0.3:
        year = rng.randint(min(on_sale.year + 10, today.year), today.year)
        version = rng.choice(("Remastered", f"{year} Remaster", "Remastered Version"))
        return version, tiers.ALBUM_BUDGET
    if on_sale.year < 1995 and rng.random() < 0.4:
        return "", tiers.ALBUM_BUDGET
    version = rng.choices(("", "UK Album", "Expanded Edition"), weights=(92, 5, 3))[0]
    if age_days < 365 and rng.random() < 0.3:
        return version, tiers.ALBUM_FULL
    return version, tiers.ALBUM_STANDARD


def _single(rng: random.Random, genre: Genre, tracks: int) -> ReleaseShape:
    version = rng.choices(("", "Remixes", "Radio Edit"), weights=(70, 15, 15))[0]
    tier = tiers.TRACK_STANDARD if tracks == 1 else tiers.SINGLE
    return ReleaseShape(
        SINGLE, version, (tracks,), tier, _explicit(rng, genre), rng.random() < 0.15, 0.5
    )


def _ep(rng: random.Random, genre: Genre) -> ReleaseShape:
    version = "EP" if rng.random() < 0.5 else ""
    discs = (rng.randint(4, 6),)
    return ReleaseShape(
        SINGLE, version, discs, tiers.EP, _explicit(rng, genre), rng.random() < 0.2, 0.4
    )


def _exclusive(rng: random.Random, genre: Genre) -> ReleaseShape:
    discs = (rng.randint(11, 16),)
    return ReleaseShape(
        EXCLUSIVE,
        "Bonus Track Version",
        discs,
        tiers.ALBUM_PREMIUM,
        _explicit(rng, genre),
        rng.random() < 0.4,
        0.6,
    )


def _one_off(rng: random.Random, genre: Genre, kind: str, version: str, suffix: str):
    appeal = 0.08 if kind == VIDEO else 0.04
    return ReleaseShape(
        kind, version, (1,), tiers.SINGLE, _explicit(rng, genre), False, appeal, suffix
    )
