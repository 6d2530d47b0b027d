"""Folding text the way search compares it: no case, no accents, no punctuation.

`fold` is the one definition of "the same text" for search and A-Z browse. The
catalogue generator stores `fold(name)` in `Artist.search_name` and `fold(title)` in
`Release.search_title` / `Track.search_title`; queries are folded the same way, so
"bjork" finds "Björk" and "BEYONCE" finds "Beyoncé".
"""

import re
import unicodedata

# Letters that NFKD does not split into a base letter plus a combining mark.
_LETTERS = str.maketrans(
    {
        "ø": "o",
        "Ø": "o",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ß": "ss",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "þ": "th",
        "Þ": "th",
        "\u0131": "i",  # dotless i
    }
)
# "Don't" folds to "dont", not "don t": an apostrophe joins, other punctuation splits.
_APOSTROPHES = re.compile("['\u2018\u2019`\u00b4]")
# Runs of letters or digits in any script (\w without the underscore).
_WORD = re.compile(r"[^\W_]+")

MAX_WORD_LENGTH = 64


# The kana voicing marks (゛ ゜): NFKD splits "ガ" into "カ" and one, but they are
# letters of the word, not accents ("ガラス" is not "カラス"): kept, then recomposed.
_KANA_MARKS = frozenset("\u3099\u309a")


def fold(text: str) -> str:
    """Lower case, accents and punctuation removed, words separated by one space.
    Japanese keeps its voiced kana; half-width katakana become full-width ("ｶﾞ" -> "ガ")."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    bare = "".join(
        char for char in decomposed if not unicodedata.combining(char) or char in _KANA_MARKS
    )
    if not bare.isascii():
        bare = unicodedata.normalize("NFC", bare)
    return " ".join(_WORD.findall(_APOSTROPHES.sub("", bare.casefold())))


def normalised(folded: str) -> str:
    """Stored folded text (a `search_title`) as `fold` would give it; cheap if it is."""
    plain = folded.isascii() and folded.replace(" ", "").isalnum()
    if plain and "  " not in folded and folded == folded.strip():
        return folded
    return fold(folded)


def words(text: str) -> list[str]:
    """The distinct folded words of text, in order, each cut to the index's width."""
    seen: dict[str, None] = {}
    for word in fold(text).split():
        seen.setdefault(word[:MAX_WORD_LENGTH], None)
    return list(seen)
