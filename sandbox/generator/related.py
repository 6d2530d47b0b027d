"""Similar artists and release recommendations, derived from tags and sales.

Comparing every pair would be quadratic, so each item is compared only with a
capped set of candidates: its neighbours in popularity within its genre and its
sub-genre (and, for artists, within its secondary genre). Scores mix shared tags
(Jaccard), co-purchase (the artists sell in the same territories: cosine of their
sales by territory) and closeness in popularity. Similar artists must share a tag.
"""

import math
from collections import Counter, defaultdict
from collections.abc import Iterator
from operator import mul

from .plan import ArtistPlan, CataloguePlan, ReleasePlan
from .territories import TERRITORIES

PER_ITEM = 10
_ARTIST_WINDOW = 20
_RELEASE_WINDOW = 12


def jaccard(a: frozenset, b: frozenset) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def unit_profiles(profiles: dict[int, Counter]) -> dict[int, tuple[float, ...]]:
    """Sales by territory as unit vectors (one axis per territory): their dot product
    is the cosine similarity, 0 for an artist that sold nothing."""
    unit = {}
    for item_id, profile in profiles.items():
        vector = [float(profile.get(t.code, 0)) for t in TERRITORIES]
        norm = math.sqrt(sum(v * v for v in vector))
        if norm:
            unit[item_id] = tuple(v / norm for v in vector)
    return unit


def _windows(buckets: dict[str, list], index_of: dict, item, key: str, width: int) -> Iterator:
    """Items near `item` in the bucket `key` (sorted by popularity, best first)."""
    bucket = buckets.get(key, ())
    position = index_of.get((key, id(item)))
    if position is None:  # not in that bucket: compare with its best sellers
        position = 0
    yield from bucket[max(0, position - width) : position + width + 1]


def _bucketed(items: list, keys_of, popularity: dict[int, float]):
    buckets: dict[str, list] = defaultdict(list)
    for item in items:
        for key in dict.fromkeys(keys_of(item)):  # once per bucket, even if keys repeat
            buckets[key].append(item)
    index_of = {}
    for key, bucket in buckets.items():
        bucket.sort(key=lambda item: (-popularity[item.id], item.id))
        for position, item in enumerate(bucket):
            index_of[(key, id(item))] = position
    return buckets, index_of


def similar_artists(
    plan: CataloguePlan, popularity: dict[int, float], profiles: dict[int, Counter], progress
) -> list[tuple[int, int, float]]:
    """(artist id, similar artist id, score): up to ten per artist, best first."""
    tags = {a.id: frozenset(a.tags) for a in plan.artists}
    vectors = unit_profiles(profiles)
    unsold = (0.0,) * len(TERRITORIES)
    buckets, index_of = _bucketed(plan.artists, lambda a: (a.genre, a.tags[0]), popularity)
    rows = []
    for artist in plan.artists:
        mine = vectors.get(artist.id, unsold)
        keys = [
            key for key in dict.fromkeys((artist.genre, artist.tags[0], artist.secondary)) if key
        ]
        candidates = {
            other.id: other
            for key in keys
            for other in _windows(buckets, index_of, artist, key, _ARTIST_WINDOW)
            if other.id != artist.id
        }
        scored = []
        for other in candidates.values():
            shared = jaccard(tags[artist.id], tags[other.id])
            if shared == 0:
                continue
            bought_together = sum(map(mul, mine, vectors.get(other.id, unsold)))
            closeness = 1 - abs(popularity[artist.id] - popularity[other.id])
            score = 0.6 * shared + 0.25 * bought_together + 0.15 * closeness
            scored.append((round(score, 6), other.id))
        scored.sort(key=lambda pair: (-pair[0], pair[1]))
        rows += [(artist.id, other_id, score) for score, other_id in scored[:PER_ITEM]]
        progress(1)
    return rows


def recommendations(
    plan: CataloguePlan,
    popularity: dict[int, float],
    similar: list[tuple[int, int, float]],
    progress,
) -> list[tuple[int, int, float]]:
    """(release id, recommended release id, score): up to ten per release, best first."""
    tags = {r.id: frozenset(r.tags) for r in plan.releases}
    by_artist: dict[int, list[ReleasePlan]] = defaultdict(list)
    for release in sorted(plan.releases, key=lambda r: (-popularity[r.id], r.id)):
        by_artist[release.artist.id].append(release)
    affinity: dict[int, dict[int, float]] = defaultdict(dict)
    for artist_id, other_id, score in similar:
        affinity[artist_id][other_id] = score
    buckets, index_of = _bucketed(plan.releases, lambda r: (r.tags[0],), popularity)
    rows = []
    for release in plan.releases:
        artist = release.artist
        candidates = _release_candidates(release, artist, by_artist, affinity, buckets, index_of)
        scored = []
        for other in candidates.values():
            related = 0.8 if other.artist is artist else affinity[artist.id].get(other.artist.id, 0)
            score = (
                0.45 * jaccard(tags[release.id], tags[other.id])
                + 0.25 * related
                + 0.3 * popularity[other.id]
            )
            scored.append((round(score, 6), other.id))
        scored.sort(key=lambda pair: (-pair[0], pair[1]))
        rows += [(release.id, other_id, score) for score, other_id in scored[:PER_ITEM]]
        progress(1)
    return rows


def _release_candidates(release, artist: ArtistPlan, by_artist, affinity, buckets, index_of):
    candidates = {r.id: r for r in by_artist[artist.id][:4]}
    for other_artist_id in list(affinity[artist.id])[:5]:
        candidates.update((r.id, r) for r in by_artist[other_artist_id][:2])
    for other in _windows(buckets, index_of, release, release.tags[0], _RELEASE_WINDOW):
        candidates[other.id] = other
    candidates.pop(release.id, None)
    return candidates
