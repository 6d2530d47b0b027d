"""The plan of a catalogue: artists and releases with everything that ties them together.

Planning draws every cross-item fact from one seeded random stream (names, tags,
dates, types, track counts, barcodes, appeal), so the same seed and size give the
same plan. Per-track details and long texts are made later, per release, from
`item_rng` (see tracks.py, texts.py), which keeps the plan small at a million tracks.
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from . import japanese, names
from .codes import make_gtin
from .genres import GENRE_BY_ID, GENRES, NEIGHBOURS, era_tag
from .labels import LabelPlan, plan_labels
from .releases import ReleaseShape, release_shape
from .text import SlugAllocator

ARTIST_ID_BASE = 10_000  # ids of different kinds never overlap: a mixed-up id fails loudly
RELEASE_ID_BASE = 300_000
TRACK_ID_BASE = 2_000_000
CATALOGUE_START = date(1960, 1, 1)
_RELEASES_PER_ARTIST = (1, 2, 3, 4, 5, 6, 8, 10, 14, 20)
_RELEASES_PER_ARTIST_WEIGHTS = (30, 22, 15, 10, 7, 6, 4, 3, 2, 1)


@dataclass(slots=True, eq=False)  # compared and hashed by identity
class ArtistPlan:
    id: int
    name: str
    slug: str
    genre: str  # top-level genre id
    tags: tuple[str, ...]  # sub-genre first (when it has one), its genre, the secondary
    secondary: str  # a neighbouring genre some of its releases carry, or ""
    locale: str
    fame: float  # hidden appeal: how much its releases tend to sell
    debut: date
    release_ids: list[int] = field(default_factory=list)


@dataclass(slots=True, eq=False)  # compared and hashed by identity
class ReleasePlan:
    id: int
    artist: ArtistPlan
    label: LabelPlan
    shape: ReleaseShape  # type, version, discs, tier, explicit, lossless...
    title: str
    slug: str
    barcode: str
    release_date: date
    tags: tuple[str, ...]
    first_track_id: int
    appeal: float  # hidden: relative expected sales
    unavailable_in: str

    @property
    def track_count(self) -> int:
        return sum(self.shape.discs)


@dataclass
class CataloguePlan:
    seed: int
    today: date
    labels: list[LabelPlan]
    artists: list[ArtistPlan]
    releases: list[ReleasePlan]

    @property
    def track_count(self) -> int:
        return sum(release.track_count for release in self.releases)


def item_rng(seed: int, kind: str, item_id: int) -> random.Random:
    """A random stream of its own for one item, the same whatever order items are made."""
    return random.Random(f"{seed}:{kind}:{item_id}")


class _Planner:
    def __init__(self, seed: int, tracks: int, today: date, on_tracks) -> None:
        self.rng = random.Random(seed)
        self.seed, self.target, self.today, self.on_tracks = seed, tracks, today, on_tracks
        self.pools = names.NamePools(seed)
        # Japanese acts draw from a stream of their own: the rest of the plan is the
        # same as without them.
        self.ja_rng = random.Random(f"{seed}:ja")
        self.labels = plan_labels(self.rng, max(12, tracks // 200))
        self.artist_slugs = SlugAllocator()
        self.barcodes: set[str] = set()
        self.artists: list[ArtistPlan] = []
        self.releases: list[ReleasePlan] = []
        self.tracks_planned = 0

    def run(self) -> CataloguePlan:
        while self.tracks_planned < self.target:
            artist = self.plan_artist()
            count = self.rng.choices(_RELEASES_PER_ARTIST, _RELEASES_PER_ARTIST_WEIGHTS)[0]
            self.plan_releases(artist, count)
        return CataloguePlan(self.seed, self.today, self.labels, self.artists, self.releases)

    def plan_artist(self) -> ArtistPlan:
        rng = self.rng
        genre = rng.choices(GENRES, weights=[g.share for g in GENRES])[0]
        tags: tuple[str, ...] = (genre.id,)
        if rng.random() < 0.9:
            tags = (rng.choice(genre.children)[0], genre.id)
        secondary = rng.choice(NEIGHBOURS[genre.id]) if rng.random() < 0.35 else ""
        if secondary:
            tags += (secondary,)
        locale = self.pools.locale(rng)
        name = reading = names.artist_name(rng, self.pools, genre.id, locale)
        if japanese.is_japanese(self.ja_rng):
            name, reading = japanese.artist_name(self.ja_rng, genre.id)
            locale = japanese.LOCALE
        span = (self.today - CATALOGUE_START).days
        # Biased to recent: half the artists started in the last ~14 years.
        debut = self.today - timedelta(days=int(span * rng.random() ** 2.2))
        artist = ArtistPlan(
            id=ARTIST_ID_BASE + len(self.artists) + 1,
            name=name,
            slug=self.artist_slugs.allocate(reading),
            genre=genre.id,
            tags=tags,
            secondary=secondary,
            locale=locale,
            fame=rng.paretovariate(1.16) * genre.pull,  # a few stars, a long tail
            debut=debut,
        )
        self.artists.append(artist)
        return artist

    def plan_releases(self, artist: ArtistPlan, count: int) -> None:
        rng = self.rng
        slugs = SlugAllocator()
        home_label = rng.choice(self.labels)
        career = (self.today - artist.debut).days
        for _ in range(count):
            if self.tracks_planned >= self.target:
                return
            on_sale = artist.debut + timedelta(days=int(career * rng.random() ** 0.8))
            if rng.random() < 0.015:  # a pre-order: out soon
                on_sale = self.today + timedelta(days=rng.randint(3, 90))
            genre = GENRE_BY_ID[artist.genre]
            remaining = self.target - self.tracks_planned
            shape = release_shape(rng, genre, on_sale, self.today, remaining)
            label = home_label if rng.random() < 0.8 else rng.choice(self.labels)
            title = reading = names.release_title(rng, artist.genre, artist.name)
            if artist.locale == japanese.LOCALE and artist.genre != "classical":
                title, reading = japanese.title(self.ja_rng, artist.genre)
            if shape.title_suffix:
                title = f"{title} {shape.title_suffix}"
                reading = f"{reading} {shape.title_suffix}"
            self.add_release(artist, label, shape, title, slugs.allocate(reading), on_sale)

    def add_release(self, artist, label, shape, title, slug, on_sale) -> None:
        rng = self.rng
        release = ReleasePlan(
            id=RELEASE_ID_BASE + len(self.releases) + 1,
            artist=artist,
            label=label,
            shape=shape,
            title=title,
            slug=slug,
            barcode=self.unique_barcode(label),
            release_date=on_sale,
            tags=self.release_tags(artist, on_sale.year),
            first_track_id=TRACK_ID_BASE + self.tracks_planned + 1,
            appeal=artist.fame * rng.lognormvariate(0, 0.6) * shape.appeal,
            unavailable_in=self.unavailable_in(japanese_act=artist.locale == japanese.LOCALE),
        )
        self.releases.append(release)
        artist.release_ids.append(release.id)
        self.tracks_planned += release.track_count
        self.on_tracks(release.track_count)

    def release_tags(self, artist: ArtistPlan, year: int) -> tuple[str, ...]:
        """The artist's genre tags, its secondary genre sometimes, the decade often."""
        tags = [tag for tag in artist.tags if tag != artist.secondary]
        if artist.secondary and self.rng.random() < 0.4:
            tags.append(artist.secondary)
        if self.rng.random() < 0.5:
            tags.append(era_tag(year))
        return tuple(tags)

    def unique_barcode(self, label: LabelPlan) -> str:
        while True:
            code = make_gtin(self.rng, label.barcode_prefix, label.barcode_length)
            if code not in self.barcodes:
                self.barcodes.add(code)
                return code

    def unavailable_in(self, *, japanese_act: bool = False) -> str:
        """Most releases sell everywhere; a few are blocked in one to three territories.
        A Japanese act's releases always sell in Japan."""
        if self.rng.random() >= 0.04:
            return ""
        pool = ("US", "US", "US", "JP", "JP", "DE", "CA", "AU", "FR", "GB")
        blocked = set(self.rng.sample(pool, self.rng.randint(1, 3)))
        return ",".join(sorted(blocked - {"JP"} if japanese_act else blocked))


def plan_catalogue(
    *, seed: int, tracks: int, today: date, on_tracks=lambda n: None
) -> CataloguePlan:
    """Plan a catalogue of exactly `tracks` tracks; `on_tracks(n)` reports progress."""
    return _Planner(seed, tracks, today, on_tracks).run()
