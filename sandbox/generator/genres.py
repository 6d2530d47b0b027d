"""The tag tree: genres with their sub-genres, era tags, and what each genre implies.

Tag ids are slugs ("indie-rock"), texts are lower case ("indie rock"), as the real
`tag` resources are. A genre's sub-genres point at it through `Tag.parent`.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Genre:
    id: str
    text: str
    share: float  # part of the catalogue (artists) in this genre
    children: tuple[tuple[str, str], ...]  # (id, text) of the sub-genres
    explicit_rate: float = 0.03  # chance that a track is explicit
    long_tracks: bool = False  # durations run long (classical, jazz, ambient)
    pull: float = 1.0  # how well the genre sells, relative to the average


GENRES = (
    Genre(
        "pop",
        "pop",
        0.17,
        (("synth-pop", "synth pop"), ("dance-pop", "dance pop"), ("indie-pop", "indie pop")),
        0.10,
        pull=1.5,
    ),
    Genre(
        "rock",
        "rock",
        0.16,
        (
            ("indie-rock", "indie rock"),
            ("alternative", "alternative"),
            ("punk", "punk"),
            ("classic-rock", "classic rock"),
            ("hard-rock", "hard rock"),
        ),
        0.08,
        pull=1.3,
    ),
    Genre(
        "electronic",
        "electronic",
        0.14,
        (
            ("house", "house"),
            ("techno", "techno"),
            ("drum-and-bass", "drum and bass"),
            ("ambient", "ambient"),
            ("trance", "trance"),
        ),
        0.03,
        long_tracks=True,
        pull=1.2,
    ),
    Genre(
        "hip-hop",
        "hip hop",
        0.09,
        (("rap", "rap"), ("trap", "trap"), ("conscious-hip-hop", "conscious hip hop")),
        0.45,
        pull=1.4,
    ),
    Genre(
        "r-and-b",
        "r&b",
        0.06,
        (("soul", "soul"), ("funk", "funk"), ("neo-soul", "neo soul")),
        0.12,
        pull=1.1,
    ),
    Genre(
        "jazz",
        "jazz",
        0.06,
        (("bebop", "bebop"), ("jazz-fusion", "jazz fusion"), ("vocal-jazz", "vocal jazz")),
        0.0,
        long_tracks=True,
        pull=0.6,
    ),
    Genre(
        "classical",
        "classical",
        0.06,
        (
            ("baroque", "baroque"),
            ("opera", "opera"),
            ("contemporary-classical", "contemporary classical"),
        ),
        0.0,
        long_tracks=True,
        pull=0.5,
    ),
    Genre(
        "folk",
        "folk",
        0.05,
        (("singer-songwriter", "singer-songwriter"), ("americana", "americana")),
        0.02,
        pull=0.8,
    ),
    Genre(
        "metal",
        "metal",
        0.05,
        (
            ("heavy-metal", "heavy metal"),
            ("black-metal", "black metal"),
            ("thrash-metal", "thrash metal"),
        ),
        0.15,
        pull=0.9,
    ),
    Genre(
        "country",
        "country",
        0.04,
        (("bluegrass", "bluegrass"), ("alt-country", "alt-country")),
        0.02,
    ),
    Genre(
        "soundtrack",
        "soundtrack",
        0.03,
        (("film-score", "film score"), ("video-game-music", "video game music")),
        0.01,
        long_tracks=True,
        pull=0.7,
    ),
    Genre(
        "world",
        "world",
        0.03,
        (("latin", "latin"), ("afrobeat", "afrobeat"), ("reggae", "reggae")),
        0.02,
        pull=0.7,
    ),
    Genre(
        "blues",
        "blues",
        0.02,
        (("delta-blues", "delta blues"), ("electric-blues", "electric blues")),
        0.01,
        pull=0.5,
    ),
    Genre("dance", "dance", 0.04, (("disco", "disco"), ("eurodance", "eurodance")), 0.03, pull=1.1),
)
GENRE_BY_ID = {genre.id: genre for genre in GENRES}
# Sub-genre id -> its top-level genre id.
PARENT_OF = {child: genre.id for genre in GENRES for child, _ in genre.children}
# Genres that sit well beside each other (an artist's secondary tag comes from here).
NEIGHBOURS = {
    "pop": ("dance", "electronic", "r-and-b"),
    "rock": ("metal", "folk", "blues"),
    "electronic": ("dance", "pop", "soundtrack"),
    "hip-hop": ("r-and-b", "electronic"),
    "r-and-b": ("hip-hop", "pop", "jazz"),
    "jazz": ("blues", "r-and-b", "classical"),
    "classical": ("soundtrack", "jazz"),
    "folk": ("country", "rock", "world"),
    "metal": ("rock",),
    "country": ("folk", "blues"),
    "soundtrack": ("classical", "electronic"),
    "world": ("folk", "jazz", "dance"),
    "blues": ("jazz", "rock", "country"),
    "dance": ("electronic", "pop"),
}
# Decade tags, given to releases by their release year.
ERAS = (
    (1960, "60s", "60s"),
    (1970, "70s", "70s"),
    (1980, "80s", "80s"),
    (1990, "90s", "90s"),
    (2000, "2000s", "2000s"),
    (2010, "2010s", "2010s"),
    (2020, "2020s", "2020s"),
)


def era_tag(year: int) -> str:
    """The decade tag of a year: 1987 -> "80s"."""
    tag = ERAS[0][1]
    for start, era_id, _ in ERAS:
        if year >= start:
            tag = era_id
    return tag


def genre_of(tag_ids) -> str:
    """An item's main genre from its tag ids: a sub-genre's parent first ("indie-rock"
    -> "rock"; a secondary genre tag never has a sub-genre), else a genre, else ""."""
    tag_ids = sorted(tag_ids)
    parents = [PARENT_OF[tag_id] for tag_id in tag_ids if tag_id in PARENT_OF]
    genres = [tag_id for tag_id in tag_ids if tag_id in GENRE_BY_ID]
    return (parents or genres or [""])[0]


def all_tags() -> list[tuple[str, str, str | None]]:
    """Every tag as (id, text, parent id), parents before their children."""
    tags: list[tuple[str, str, str | None]] = [(g.id, g.text, None) for g in GENRES]
    tags += [(child, text, g.id) for g in GENRES for child, text in g.children]
    tags += [(era_id, text, None) for _, era_id, text in ERAS]
    return tags
