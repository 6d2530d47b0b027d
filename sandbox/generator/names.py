"""Names of artists, releases and tracks: Faker people, word-list bands and titles.

Faker is seeded once and only fills pools of first and last names per locale; every
later choice is drawn from the generator's own seeded `random.Random`, so the same
seed gives the same names however the work is batched.
"""

import random
import re

from faker import Faker

from . import words

# Faker locale -> the country an artist from there records in (ISRC prefix, bios).
LOCALES = {
    "en_US": "US",
    "en_GB": "GB",
    "de_DE": "DE",
    "fr_FR": "FR",
    "es_ES": "ES",
    "sv_SE": "SE",
    "is_IS": "IS",
    "it_IT": "IT",
    "nl_NL": "NL",
    "no_NO": "NO",
    "pt_BR": "BR",
}
_LOCALE_WEIGHTS = (30, 22, 8, 8, 5, 5, 2, 4, 4, 3, 3)
_POOL_SIZE = 150
_PLAIN_NAME = re.compile(r"^[^\W\d_]+(?:[ '-][^\W\d_]+)?$")

# How acts in each genre are named: (kind, weight).
_ACT_KINDS = {
    "pop": (("person", 50), ("band", 30), ("stage", 8), ("alias", 12)),
    "rock": (("band", 70), ("person", 30)),
    "electronic": (("alias", 55), ("person", 20), ("duo", 25)),
    "hip-hop": (("alias", 60), ("person", 40)),
    "r-and-b": (("person", 65), ("stage", 15), ("band", 20)),
    "jazz": (("person", 45), ("leader", 45), ("band", 10)),
    "classical": (("ensemble", 40), ("person", 45), ("leader", 15)),
    "folk": (("person", 60), ("band", 40)),
    "metal": (("band", 100),),
    "country": (("person", 70), ("band", 30)),
    "soundtrack": (("person", 85), ("ensemble", 15)),
    "world": (("person", 55), ("stage", 10), ("band", 35)),
    "blues": (("person", 80), ("band", 20)),
    "dance": (("alias", 50), ("person", 30), ("duo", 20)),
}


class NamePools:
    """First and last names per locale, drawn once from a seeded Faker."""

    def __init__(self, seed: int) -> None:
        self.first: dict[str, list[str]] = {}
        self.last: dict[str, list[str]] = {}
        for locale in LOCALES:
            fake = Faker(locale)
            fake.seed_instance(seed)
            self.first[locale] = _plain_names(fake.first_name, _POOL_SIZE)
            self.last[locale] = _plain_names(fake.last_name, _POOL_SIZE)

    def locale(self, rng: random.Random) -> str:
        return rng.choices(tuple(LOCALES), weights=_LOCALE_WEIGHTS)[0]

    def person(self, rng: random.Random, locale: str) -> str:
        return f"{rng.choice(self.first[locale])} {rng.choice(self.last[locale])}"

    def first_name(self, rng: random.Random) -> str:
        return rng.choice(self.first[self.locale(rng)])


def _plain_names(make, count: int) -> list[str]:
    """Faker names without titles, suffixes or digits ("Koch II", "B.Sc.")."""
    names: list[str] = []
    for _ in range(count * 3):
        name = make()
        if _PLAIN_NAME.match(name) and name not in names:
            names.append(name)
        if len(names) == count:
            break
    return names


def artist_name(rng: random.Random, pools: NamePools, genre: str, locale: str) -> str:
    """A name that fits the genre: a band, a person, an alias, an ensemble..."""
    kinds, weights = zip(*_ACT_KINDS[genre], strict=True)
    kind = rng.choices(kinds, weights=weights)[0]
    if kind == "person":
        return pools.person(rng, locale)
    if kind == "stage":
        return rng.choice(words.STAGE_NAMES)
    if kind == "leader":
        ending = words.CLASSICAL_ENSEMBLES[-4:] if genre == "classical" else words.ENSEMBLES
        return f"{pools.person(rng, locale)} {rng.choice(ending)}"
    if kind == "ensemble":
        return f"{rng.choice(words.PLACES)} {rng.choice(words.CLASSICAL_ENSEMBLES)}"
    if kind == "duo":
        return f"{pools.first_name(rng)} & {pools.first_name(rng)}"
    if kind == "alias":
        return _alias(rng, pools, genre)
    return _band(rng, pools)


def _band(rng: random.Random, pools: NamePools) -> str:
    pattern = rng.randrange(8)
    if pattern <= 1:
        return f"The {rng.choice(words.PLURALS)}"
    if pattern == 2:
        return f"The {rng.choice(words.ADJECTIVES)} {rng.choice(words.PLURALS)}"
    if pattern == 3:
        return f"{rng.choice(words.NOUNS)} {rng.choice(words.NOUNS)}"
    if pattern == 4:
        return f"{pools.first_name(rng)} and the {rng.choice(words.PLURALS)}"
    if pattern == 5:
        return f"{rng.choice(words.PLURALS)} of {rng.choice(words.PLACES)}"
    if pattern == 6:
        return f"{rng.choice(words.NUMBERS)} {rng.choice(words.PLURALS)}"
    return f"{rng.choice(words.ADJECTIVES)} {rng.choice(words.NOUNS)}"


def _alias(rng: random.Random, pools: NamePools, genre: str) -> str:
    if genre == "hip-hop":
        prefix = rng.choice(("Lil", "MC", "Young", "Big", "Kid"))
        return f"{prefix} {rng.choice((pools.first_name(rng), rng.choice(words.NOUNS)))}"
    pattern = rng.randrange(4)
    if pattern == 0:
        return f"DJ {pools.first_name(rng)}"
    if pattern == 1:
        return f"{rng.choice(words.ADJECTIVES)}{rng.choice(words.NOUNS).lower()}"
    if pattern == 2:
        return rng.choice(words.NOUNS) + rng.choice(("", "s", " Club", " System", " Theory"))
    return f"{rng.choice(words.ADJECTIVES)} {rng.choice(words.NOUNS)}"


def release_title(rng: random.Random, genre: str, artist: str) -> str:
    """An album or single title; classical works and soundtracks read like theirs."""
    if genre == "classical":
        return _classical_work(rng)
    title = track_title(rng, genre) if rng.random() < 0.5 else _album_phrase(rng)
    if genre == "soundtrack":
        suffix = rng.choice(("Original Motion Picture Soundtrack", "Original Game Soundtrack"))
        return f"{title} ({suffix})"
    if rng.random() < 0.03:
        return artist  # the self-titled album
    return title


def _album_phrase(rng: random.Random) -> str:
    pattern = rng.randrange(6)
    if pattern == 0:
        return f"{rng.choice(words.NOUNS)} and {rng.choice(words.NOUNS)}"
    if pattern == 1:
        return f"Songs from the {rng.choice(words.NOUNS)}"
    if pattern == 2:
        return f"{rng.choice(words.ADJECTIVES)} {rng.choice(words.PLURALS)}"
    if pattern == 3:
        return rng.choice(words.PLACES)
    if pattern == 4:
        return f"The {rng.choice(words.NOUNS)} Sessions"
    return f"{rng.choice(words.ADJECTIVES)} {rng.choice(words.NOUNS)}"


def _classical_work(rng: random.Random) -> str:
    form = rng.choice(words.FORMS)
    number = rng.randint(1, 9)
    key = rng.choice(words.KEYS)
    return f"{rng.choice(words.COMPOSERS)}: {form} No. {number} in {key}"


def track_title(rng: random.Random, genre: str) -> str:
    """A song title from one of a dozen shapes ("Last Night in Lisbon", "Wait for Me")."""
    if genre == "classical":
        return rng.choice(words.MOVEMENTS)
    adjective, noun = rng.choice(words.ADJECTIVES), rng.choice(words.NOUNS)
    verb = rng.choice(words.VERBS)
    shapes = (
        noun,
        f"{adjective} {noun}",
        f"{verb} the {noun}",
        f"{noun} in the {rng.choice(words.NOUNS)}",
        f"Last Night in {rng.choice(words.PLACES)}",
        f"{verb} for Me",
        f"{verb} With Me",
        f"{rng.choice(words.NUMBERS)} {rng.choice(words.PLURALS)}",
        f"The {adjective} {noun}",
        f"{noun} Song",
        f"{verb} Me {rng.choice(('Home', 'Tonight', 'Again', 'Slowly', 'Back'))}",
        f"Under the {adjective} {noun}",
    )
    return rng.choice(shapes)


def movement_title(index: int, movement: str) -> str:
    """ "II. Adagio": classical tracks are numbered movements of the release's work."""
    numerals = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
    return f"{numerals[index % len(numerals)]}. {movement}"
