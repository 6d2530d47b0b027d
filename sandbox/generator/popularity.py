"""Popularity (0..1) of artists, releases and tracks, derived from simulated sales.

Anything that sold ranks above anything that did not: sold items score
0.05 + 0.95 * log(1 + units) / log(1 + most units), so the best seller scores 1.0
and the order follows units sold. Unsold items score below 0.05, in the order of
their expected sales (their appeal), so that search results still have an order.
"""

import math
from collections import Counter
from collections.abc import Iterable

from .plan import CataloguePlan
from .sales import Sales
from .tracks import lead_track_index

SOLD_FLOOR = 0.05
_ALBUM_SHARE = 0.2  # a track's popularity also counts a fifth of its release's sales


def scale(units: Counter, priors: Iterable[tuple[int, float]]) -> dict[int, float]:
    """Popularity of every item in `priors` (id, appeal) from its units sold."""
    priors = list(priors)
    most_units = max(units.values(), default=0)
    best_prior = max((prior for _, prior in priors), default=0.0) or 1.0
    popularity = {}
    for item_id, prior in priors:
        sold = units.get(item_id, 0)
        if sold > 0:
            share = math.log1p(sold) / math.log1p(most_units)
            popularity[item_id] = round(SOLD_FLOOR + (1 - SOLD_FLOOR) * share, 6)
        else:
            popularity[item_id] = round(0.049 * prior / best_prior, 6)
    return popularity


def artist_popularity(plan: CataloguePlan, sales: Sales) -> dict[int, float]:
    return scale(sales.artist_units, ((a.id, a.fame) for a in plan.artists))


def release_popularity(plan: CataloguePlan, sales: Sales) -> dict[int, float]:
    return scale(sales.release_units, ((r.id, r.appeal) for r in plan.releases))


def track_popularity(plan: CataloguePlan, sales: Sales) -> dict[int, float]:
    """Tracks: their own sales plus a share of the release's (albums get played)."""
    units: Counter = Counter()
    priors = []
    for release in plan.releases:
        lead = lead_track_index(release)
        album_units = sales.release_units.get(release.id, 0) * _ALBUM_SHARE
        for index in range(release.track_count):
            track_id = release.first_track_id + index
            total = sales.track_units.get(track_id, 0) + album_units
            if total:
                units[track_id] = total
            priors.append((track_id, release.appeal * (1.0 if index == lead else 0.3)))
    return scale(units, priors)


def tag_counts(plan: CataloguePlan) -> Counter:
    """How many releases carry each tag (`Tag.count`)."""
    return Counter(tag for release in plan.releases for tag in release.tags)
