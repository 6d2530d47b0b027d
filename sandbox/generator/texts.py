"""Short prose for some items: artist biographies, release reviews, promotional blurbs.

Made from templates and the item's own random stream, using facts from the plan
(genre, home town, debut year, titles) so that the text agrees with the data.
"""

import random

from .genres import GENRE_BY_ID
from .plan import ArtistPlan, ReleasePlan

HOME_TOWNS = {
    "en_US": ("Brooklyn", "Nashville", "Detroit", "Chicago", "Austin", "Seattle", "Atlanta"),
    "en_GB": ("Manchester", "Glasgow", "Bristol", "Brighton", "Leeds", "London", "Sheffield"),
    "de_DE": ("Berlin", "Hamburg", "Cologne", "Leipzig", "Munich"),
    "fr_FR": ("Paris", "Marseille", "Lyon", "Bordeaux", "Nantes"),
    "es_ES": ("Barcelona", "Madrid", "Seville", "Valencia"),
    "sv_SE": ("Stockholm", "Gothenburg", "Malmö"),
    "is_IS": ("Reykjavík", "Akureyri"),
    "it_IT": ("Milan", "Naples", "Bologna", "Turin"),
    "nl_NL": ("Amsterdam", "Rotterdam", "Utrecht"),
    "no_NO": ("Oslo", "Bergen", "Tromsø"),
    "pt_BR": ("São Paulo", "Rio de Janeiro", "Salvador"),
    "ja_JP": ("Tokyo", "Osaka", "Fukuoka", "Sapporo", "Kyoto", "Sendai"),
}
_PRAISE = (
    "assured",
    "luminous",
    "restless",
    "bruising",
    "tender",
    "sprawling",
    "taut",
    "generous",
    "unhurried",
    "playful",
)
_OPENINGS = (
    "There is nothing tentative about this record.",
    "Few records this year sound so sure of themselves.",
    "It takes a couple of listens to open up, and then it does not let go.",
    "This is the sound of an artist hitting their stride.",
    "Quietly, without fuss, this might be the best thing they have made.",
)
_CLOSINGS = (
    "A keeper.",
    "Start with {lead} and work outwards.",
    "{lead} alone is worth the price.",
    "File next to your favourite {genre} records and play it often.",
    "Not every idea lands, but the best ones stay with you for days.",
)


def home_town(rng: random.Random, artist: ArtistPlan) -> str:
    return rng.choice(HOME_TOWNS[artist.locale])


def artist_bio(rng: random.Random, artist: ArtistPlan, first: str, best: str) -> str:
    """A two or three sentence biography naming the debut and the best-known record."""
    genre = _genre_text(artist)
    town = home_town(rng, artist)
    year = artist.debut.year
    lines = [f"{artist.name}: {genre} from {town}, making records since {year}."]
    if first == best:
        lines.append(f"The debut, {first}, is still the place to start.")
    else:
        lines.append(f"The debut was {first}; {best} is the record most people know.")
    if rng.random() < 0.5:
        adjective = rng.choice(_PRAISE)
        lines.append(f"Live, expect something {adjective}: the songs change shape every night.")
    return " ".join(lines)


def release_review(rng: random.Random, release: ReleasePlan, lead: str) -> str:
    opening = rng.choice(_OPENINGS)
    adjective = rng.choice(_PRAISE)
    genre = _genre_text(release.artist)
    middle = (
        f"On {release.title}, {release.artist.name} make {genre} that feels {adjective}"
        f" from the first bar to the last."
    )
    closing = rng.choice(_CLOSINGS).format(lead=f"'{lead}'", genre=genre)
    return f"{opening} {middle} {closing}"


def promotional_text(rng: random.Random, release: ReleasePlan, lead: str, upcoming: bool) -> str:
    kind = {"Album": "album", "Single": "single", "Exclusive": "exclusive edition"}.get(
        release.shape.type, "release"
    )
    when = "Pre-order the new" if upcoming else rng.choice(("The new", "The", "Out now: the"))
    text = f"{when} {kind} from {release.artist.name}, featuring '{lead}'."
    if release.shape.has_lossless:
        text += " Also available in studio-quality FLAC."
    return text


def _genre_text(artist: ArtistPlan) -> str:
    tag = artist.tags[0]
    genre = GENRE_BY_ID[artist.genre]
    return dict(genre.children).get(tag, genre.text)
