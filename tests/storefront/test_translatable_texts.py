"""Every text a shopper or staff member reads in these templates is marked for
translation, so `makemessages` collects it (issue 12: en/de/fr/ja).

The check reads each template as a translator's tool would: it drops comments, the
`{% translate %}` / `{% blocktranslate %}` texts, other tags, variables, scripts and
SVG drawings, and then looks for words left in text nodes and in the attributes
people read (aria-label, title, placeholder, alt, value of a button). What is left
must be a name that is never translated (the brand, format and payment names).

"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHECKED = [
    "accounts/templates",
    "checkout/templates",
    "staff/templates",
    "catalogue/templates",
    "templates",
]
NOT_HERE: set[str] = set()
# Names, never translated.
UNTRANSLATED = {"Crate", "FLAC", "MP3 + AAC", "PayPal", "UTC"}

COMMENT_BLOCK = re.compile(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", re.S)
BLOCK_TRANSLATE = re.compile(r"{%\s*blocktrans(?:late)?\b.*?{%\s*endblocktrans(?:late)?\s*%}", re.S)
TAG = re.compile(r"{%.*?%}|{{.*?}}|{#.*?#}", re.S)
DRAWING = re.compile(r"<(svg|script|style)\b.*?</\1>", re.S)
READ_ATTRIBUTE = re.compile(r"""\b(aria-label|title|placeholder|alt)\s*=\s*"([^"]*)\"""")
BUTTON_VALUE = re.compile(r"""<input[^>]*type="submit"[^>]*value="([^"]*)\"""")
HTML_TAG = re.compile(r"""<(?:[^>"']|"[^"]*"|'[^']*')*>""", re.S)  # quoted ">" inside
WORD = re.compile(r"[A-Za-z]{2,}")


def templates() -> list[Path]:
    found = []
    for folder in CHECKED:
        for path in sorted((ROOT / folder).rglob("*")):
            relative = path.relative_to(ROOT).as_posix()
            if path.suffix in {".html", ".txt"} and relative not in NOT_HERE:
                found.append(path)
    return found


def unmarked_texts(source: str) -> list[str]:
    """The words a reader sees that no translation tag covers."""
    text = COMMENT_BLOCK.sub(" ", source)
    text = BLOCK_TRANSLATE.sub(" ", text)
    text = TAG.sub(" ", text)
    text = DRAWING.sub(" ", text)
    left = [value for _name, value in READ_ATTRIBUTE.findall(text)]
    left += BUTTON_VALUE.findall(text)
    left += HTML_TAG.sub("\n", text).split("\n")
    texts = [" ".join(piece.split()) for piece in left]
    return [piece for piece in texts if WORD.search(_without_names(piece))]


def _without_names(text: str) -> str:
    for name in UNTRANSLATED:
        text = text.replace(name, " ")
    return text


def test_the_check_finds_an_unmarked_text_an_attribute_and_a_button():
    source = (
        '{% load i18n %}<p>{% translate "Fine" %}</p><p>Not marked</p>'
        '<a aria-label="Also not">{% blocktranslate %}Fine {{ x }}{% endblocktranslate %}</a>'
        '<input type="submit" value="Send">{# a comment #}<svg><text>Drawn</text></svg>'
    )
    assert unmarked_texts(source) == ["Also not", "Send", "Not marked"]
    assert unmarked_texts("<p>{{ artist }} · FLAC</p><p>Crate</p>") == []


@pytest.mark.parametrize("path", templates(), ids=lambda path: path.relative_to(ROOT).as_posix())
def test_every_text_people_read_is_marked_for_translation(path: Path):
    assert unmarked_texts(path.read_text(encoding="utf-8")) == []


def test_the_checked_templates_load_the_translation_tags():
    for path in templates():
        source = path.read_text(encoding="utf-8")
        if re.search(r"{%\s*(translate|blocktranslate)\b", source):
            assert re.search(r"{%\s*load\b[^%]*\bi18n\b", source), path
