"""Simulated sales over the last twelve weeks, and the popularity derived from them.

Buyers are drawn per territory and day: each territory has its own volume and taste
(genre affinity); within a genre, a release sells in proportion to its appeal (a
power law of artist fame times the release's own luck) with a boost in its first
weeks out. A purchase is the whole release or one track (mostly the lead track).
Rows are aggregated per release, track, territory and day, so the row count stays
bounded by the number of simulated purchases.

Dates are relative to the day of generation (`today`): the newest sales are today's,
so charts always have data; everything else comes from the seed.
"""

import math
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate

from .genres import GENRES
from .plan import CataloguePlan, ReleasePlan
from .releases import ALBUM, EXCLUSIVE
from .territories import TERRITORIES
from .tracks import lead_track_index

SALES_DAYS = 84
FRESH_DAYS = 30  # releases younger than this at the window's start get a launch boost
_WEEKDAY_FACTOR = (0.85, 0.85, 0.9, 0.95, 1.25, 1.2, 1.0)  # Monday first
# Territories' tastes: genre -> how much more (or less) it sells there.
GENRE_AFFINITY = {
    "US": {"hip-hop": 1.6, "country": 2.2, "r-and-b": 1.4, "metal": 0.8},
    "GB": {"rock": 1.4, "electronic": 1.3, "folk": 1.2, "country": 0.5},
    "IE": {"folk": 1.8, "rock": 1.3, "country": 1.2},
    "DE": {"electronic": 1.6, "metal": 1.5, "classical": 1.3, "country": 0.5},
    "AT": {"classical": 1.6, "electronic": 1.3},
    "CH": {"classical": 1.4, "jazz": 1.3},
    "FR": {"hip-hop": 1.4, "electronic": 1.4, "world": 1.5, "country": 0.4},
    "BE": {"electronic": 1.5, "dance": 1.4},
    "NL": {"electronic": 1.7, "dance": 1.6},
    "ES": {"world": 1.8, "pop": 1.3, "dance": 1.3},
    "IT": {"pop": 1.4, "world": 1.4, "classical": 1.2},
    "SE": {"pop": 1.4, "metal": 1.7},
    "NO": {"metal": 2.0, "folk": 1.3},
    "FI": {"metal": 2.2, "electronic": 1.2},
    "JP": {"jazz": 2.0, "classical": 1.6, "pop": 1.3, "country": 0.4},
    "CA": {"rock": 1.2, "country": 1.4},
    "AU": {"rock": 1.3, "electronic": 1.2},
    "NZ": {"rock": 1.2, "world": 1.3},
}


@dataclass
class Sales:
    """Aggregated simulated sales and the unit totals popularity is derived from."""

    rows: list[tuple[int, int | None, str, date, int]] = field(default_factory=list)
    release_units: Counter = field(default_factory=Counter)  # every sale of the release
    track_units: Counter = field(default_factory=Counter)  # sales of the track itself
    artist_units: Counter = field(default_factory=Counter)
    by_country: dict = field(default_factory=lambda: defaultdict(Counter))  # code -> release
    artist_profiles: dict = field(default_factory=lambda: defaultdict(Counter))  # -> country


def purchases_for(tracks: int) -> int:
    """How many purchases to simulate: ~4 per track, bounded for the big catalogues."""
    return max(8_000, min(tracks * 4, 600_000))


class _Shelf:
    """The releases of one genre, ready to be drawn from by weight."""

    def __init__(self, releases: list[ReleasePlan], window_start: date) -> None:
        boundary = window_start - timedelta(days=FRESH_DAYS)
        self.catalogue = [r for r in releases if r.release_date < boundary]
        self.catalogue_cum = list(accumulate(r.appeal for r in self.catalogue))
        self.fresh = [r for r in releases if r.release_date >= boundary]
        self.fresh_cum: list[float] = []

    def prepare(self, day: date) -> float:
        """Weights of the fresh releases on `day` (boosted when new); the shelf's total."""
        self.fresh_cum = list(accumulate(r.appeal * _launch_boost(r, day) for r in self.fresh))
        return (self.catalogue_cum[-1] if self.catalogue else 0.0) + (
            self.fresh_cum[-1] if self.fresh else 0.0
        )

    def draw(self, rng: random.Random, count: int) -> list[ReleasePlan]:
        fresh_total = self.fresh_cum[-1] if self.fresh_cum else 0.0
        catalogue_total = self.catalogue_cum[-1] if self.catalogue else 0.0
        share = fresh_total / ((fresh_total + catalogue_total) or 1.0)
        fresh_count = sum(1 for _ in range(count) if rng.random() < share)
        drawn = []
        if fresh_count:
            drawn += rng.choices(self.fresh, cum_weights=self.fresh_cum, k=fresh_count)
        if count - fresh_count and self.catalogue:
            drawn += rng.choices(
                self.catalogue, cum_weights=self.catalogue_cum, k=count - fresh_count
            )
        return drawn


def _launch_boost(release: ReleasePlan, day: date) -> float:
    age = (day - release.release_date).days
    return 0.0 if age < 0 else 1.0 + 6.0 * math.exp(-age / 28)


def simulate_sales(plan: CataloguePlan, on_day=lambda: None) -> Sales:
    """Twelve weeks of purchases in every territory, ending on `plan.today`."""
    rng = random.Random(f"{plan.seed}:sales")
    start = plan.today - timedelta(days=SALES_DAYS - 1)
    by_genre: dict[str, list[ReleasePlan]] = defaultdict(list)
    for release in plan.releases:
        by_genre[release.artist.genre].append(release)
    shelves = {g.id: _Shelf(by_genre[g.id], start) for g in GENRES if by_genre[g.id]}
    volumes = _daily_volumes(rng, purchases_for(plan.track_count), start)
    sales = Sales()
    for offset in range(SALES_DAYS):
        day = start + timedelta(days=offset)
        totals = {genre: shelf.prepare(day) for genre, shelf in shelves.items()}
        for territory in TERRITORIES:
            count = volumes[territory.code][offset]
            _sell(rng, sales, shelves, totals, territory.code, day, count)
        on_day()
    return sales


def _daily_volumes(rng: random.Random, purchases: int, start: date) -> dict[str, list[int]]:
    """Purchases per territory and day: territory size x weekday x a gentle upward trend."""
    weights = {
        t.code: [
            t.sales_weight
            * _WEEKDAY_FACTOR[(start + timedelta(days=d)).weekday()]
            * (0.9 + 0.2 * d / SALES_DAYS)
            * rng.uniform(0.85, 1.15)
            for d in range(SALES_DAYS)
        ]
        for t in TERRITORIES
    }
    scale = purchases / sum(sum(days) for days in weights.values())
    return {code: [max(1, round(w * scale)) for w in days] for code, days in weights.items()}


def _sell(rng, sales: Sales, shelves, totals, country: str, day: date, count: int) -> None:
    affinity = GENRE_AFFINITY.get(country, {})
    genres = list(shelves)
    weights = [totals[g] * affinity.get(g, 1.0) for g in genres]
    baskets: Counter = Counter()
    for genre, n in Counter(rng.choices(genres, weights=weights, k=count)).items():
        for release in shelves[genre].draw(rng, n):
            if country in release.unavailable_in:
                continue  # not sold here
            baskets[(release, _purchased_track(rng, release))] += 1
    for (release, track_id), quantity in baskets.items():
        sales.rows.append((release.id, track_id, country, day, quantity))
        sales.release_units[release.id] += quantity
        sales.artist_units[release.artist.id] += quantity
        sales.by_country[country][release.id] += quantity
        sales.artist_profiles[release.artist.id][country] += quantity
        if track_id is not None:
            sales.track_units[track_id] += quantity


def _purchased_track(rng: random.Random, release: ReleasePlan) -> int | None:
    """None for the whole release, else the id of the one track bought."""
    count = release.track_count
    whole_release = 0.35 if release.shape.type in (ALBUM, EXCLUSIVE) else 0.5
    if count == 1 or rng.random() < whole_release:
        return None if count > 1 else release.first_track_id
    if rng.random() < 0.5:
        return release.first_track_id + lead_track_index(release)
    return release.first_track_id + int(count * rng.random() ** 1.5)
