"""Record labels and the licensors (rights holders) they belong to."""

import random
from dataclasses import dataclass

from . import words
from .codes import make_registrant

# The licensors 7digital deals with, roughly by catalogue share.
LICENSORS = (
    ("Universal Music Group", 28),
    ("Sony Music Entertainment", 22),
    ("Warner Music Group", 16),
    ("Merlin", 10),
    ("The Orchard", 7),
    ("Beggars Group", 5),
    ("[PIAS]", 4),
    ("Believe", 4),
    ("Domino Recording Company", 2),
    ("Ninja Tune", 2),
)
# GS1 prefixes of EAN-13 barcodes by the label's country (US and Canada use UPC-A).
_GS1_PREFIXES = {
    "GB": ("50",),
    "DE": ("40", "41", "42", "43"),
    "FR": ("30", "34", "37"),
    "SE": ("73",),
    "NL": ("87",),
    "IT": ("80", "83"),
    "ES": ("84",),
    "NO": ("70",),
    "IS": ("569",),
    "BR": ("789",),
}
_LABEL_COUNTRIES = ("US", "GB", "GB", "US", "DE", "FR", "SE", "NL", "IT", "ES", "NO", "CA")
_SUFFIXES = ("Records", "Recordings", "Music", "Records", "Sound", "Audio", "Records")


@dataclass(frozen=True)
class LabelPlan:
    id: int
    name: str
    licensor_id: int
    country: str
    registrant: str  # ISRC registrant code of its recordings
    barcode_prefix: str  # company prefix; its length decides UPC-A (12) or EAN-13
    copyright_style: int  # how its release notices are written

    @property
    def barcode_length(self) -> int:
        return 12 if self.barcode_prefix.startswith("0") else 13

    def notice(self, year: int, phonographic: bool) -> str:
        """The cline/pline of a release: "2008 Island Records", "(P) 2007 BIS"..."""
        mark = "(P)" if phonographic else "(C)"
        if self.copyright_style == 0:
            return f"{year} {self.name}"
        if self.copyright_style == 1:
            return f"{mark} {year} {self.name}"
        return f"{'℗' if phonographic else '©'} {year} {self.name}"


def plan_labels(rng: random.Random, count: int) -> list[LabelPlan]:
    """`count` labels with unique names, each owned by a licensor (ids from 1)."""
    names: set[str] = set()
    licensor_ids = range(1, len(LICENSORS) + 1)
    licensor_weights = [weight for _, weight in LICENSORS]
    labels = []
    while len(labels) < count:
        name = _label_name(rng)
        if name in names:
            continue
        names.add(name)
        country = rng.choice(_LABEL_COUNTRIES)
        labels.append(
            LabelPlan(
                id=len(labels) + 1,
                name=name,
                licensor_id=rng.choices(licensor_ids, weights=licensor_weights)[0],
                country=country,
                registrant=make_registrant(rng),
                barcode_prefix=_barcode_prefix(rng, country),
                copyright_style=rng.randrange(3),
            )
        )
    return labels


def _label_name(rng: random.Random) -> str:
    pattern = rng.randrange(4)
    suffix = rng.choice(_SUFFIXES)
    if pattern == 0:
        return f"{rng.choice(words.NOUNS)} {suffix}"
    if pattern == 1:
        return f"{rng.choice(words.ADJECTIVES)} {rng.choice(words.NOUNS)} {suffix}"
    if pattern == 2:
        return f"{rng.choice(words.PLURALS)} {suffix}"
    return f"{rng.choice(words.PLACES)} {suffix}"


def _barcode_prefix(rng: random.Random, country: str) -> str:
    """A seven-digit company prefix: "0..." for UPC-A, a GS1 country prefix for EAN-13."""
    if country in ("US", "CA") or country not in _GS1_PREFIXES or rng.random() < 0.3:
        start = "0"
    else:
        start = rng.choice(_GS1_PREFIXES[country])
    return start + "".join(str(rng.randrange(10)) for _ in range(7 - len(start)))
