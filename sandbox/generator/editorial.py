"""Editorial lists per shop (`editorial/list?key=...`): what a shop window would show.

- `home`: this territory's best sellers of the last two years, one per artist;
- `new-releases`: the newest releases on sale there;
- `staff-picks`: a seeded pick of well-liked albums, old and new.
"""

import random
from collections import Counter
from datetime import timedelta

from .plan import CataloguePlan, ReleasePlan
from .releases import ALBUM, EXCLUSIVE, SINGLE
from .territories import TERRITORIES

LIST_KEYS = ("home", "new-releases", "staff-picks")


def editorial_lists(
    plan: CataloguePlan, popularity: dict[int, float], by_country: dict[str, Counter]
) -> dict[tuple[str, str], list[int]]:
    """(key, country code) -> release ids in list order."""
    lists = {}
    on_sale = [
        r
        for r in plan.releases
        if r.release_date <= plan.today and r.shape.type in (ALBUM, SINGLE, EXCLUSIVE)
    ]
    for territory in TERRITORIES:
        code = territory.code
        rng = random.Random(f"{plan.seed}:editorial:{code}")
        here = [r for r in on_sale if code not in r.unavailable_in]
        recent = plan.today - timedelta(days=730)
        sold_here = by_country.get(code, Counter())
        best = sorted(
            (r for r in here if r.release_date >= recent),
            key=lambda r: (-sold_here.get(r.id, 0), -popularity[r.id], r.id),
        )
        newest = sorted(here, key=lambda r: (r.release_date, popularity[r.id], r.id), reverse=True)
        liked = sorted(
            (r for r in here if r.shape.type == ALBUM),
            key=lambda r: (-popularity[r.id], r.id),
        )[: max(30, len(here) // 10)]
        rng.shuffle(liked)
        lists[("home", code)] = _one_per_artist(best, rng.randint(8, 12))
        lists[("new-releases", code)] = _one_per_artist(newest, 12)
        lists[("staff-picks", code)] = _one_per_artist(liked, rng.randint(6, 10))
    return lists


def _one_per_artist(releases: list[ReleasePlan], size: int) -> list[int]:
    chosen, artists = [], set()
    for release in releases:
        if release.artist.id not in artists:
            chosen.append(release.id)
            artists.add(release.artist.id)
        if len(chosen) == size:
            break
    return chosen
