"""The catalogue's words in the shopper's language, from 7digital's `translations`.

`Terms` is one language's bundle (key -> text; the keys are in docs/WIRE-NOTES.md
4.2.6: `tag_<id>`, `format_<id>`, `package_<id>`, `releasetype_<type>`,
`chart_<period>`, `price_free`, `price_unavailable`). Every lookup falls back to the
API's own (English) text when the bundle has no such key, so a missing word shows
the catalogue as it is, never a blank. It is pure: built by
`catalogue.selectors.catalogue_terms`, read by the `term` template filter.
"""

import re
from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType

from sevendigital import Format, Package, Tag, Translation

# The languages the shop is written in (issue 12). Each has a full bundle in the
# sandbox; the territory's currency and catalogue stay the shopper's territory's.
SHOP_LANGUAGES = ("en", "de", "fr", "ja")
DEFAULT_LANGUAGE = "en"
# What a chart period reads as when the bundle has no `chart_<period>`.
CHART_FALLBACK = {"day": "Today", "week": "This week", "month": "This month"}

_NOT_ID = re.compile(r"[^0-9a-z]+")


def shop_language(code: str) -> str:
    """The shop language of a language code: "de-AT" / "de_at" / "DE" -> "de".

    Raises ValueError for a language the shop is not written in."""
    language = str(code).replace("_", "-").split("-")[0].strip().lower()
    if language not in SHOP_LANGUAGES:
        raise ValueError(f"{code!r} is not a shop language (one of {', '.join(SHOP_LANGUAGES)})")
    return language


def tag_id(tag: str) -> str:
    """A tag's id from its id or its text: "Indie Rock" -> "indie-rock", "r&b" -> "r-and-b"."""
    return _NOT_ID.sub("-", str(tag).lower().replace("&", " and ")).strip("-")


class Terms(Mapping[str, str]):
    """One language's catalogue words: an immutable mapping of key -> text, with
    lookups that fall back to the API's text."""

    __slots__ = ("_texts", "language")

    def __init__(self, language: str, texts: Mapping[str, str] | Iterable[tuple[str, str]]):
        object.__setattr__(self, "language", language)
        object.__setattr__(self, "_texts", MappingProxyType(dict(texts)))

    @classmethod
    def of(cls, language: str, translations: Iterable[Translation]) -> "Terms":
        """From the API's `translation` items (an empty text counts as missing)."""
        pairs = ((t.key, t.translated_text) for t in translations if t.translated_text)
        return cls(language, pairs)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Terms are immutable")

    def __getitem__(self, key: str) -> str:
        return self._texts[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)

    def __repr__(self) -> str:
        return f"Terms({self.language!r}, {len(self)} keys)"

    def __reduce__(self):
        return (Terms, (self.language, dict(self._texts)))

    def text(self, key: str, fallback: str) -> str:
        """The text of `key`, else `fallback`."""
        return self._texts.get(key) or fallback

    def tag(self, tag: Tag | str) -> str:
        """A tag by its Tag, id ("indie-rock") or text ("indie rock"); else its text."""
        if isinstance(tag, Tag):
            return self.text(f"tag_{tag.id}", tag.text)
        return self.text(f"tag_{tag_id(tag)}", str(tag))

    def format(self, fmt: Format | int | str) -> str:
        """A file format by its Format or id (17, "17"); else its description.
        A description alone ("MP3 320") has no key: it is answered as it is."""
        return self._by_id("format", fmt)

    def package(self, package: Package | int | str) -> str:
        """A download package by its Package or id (2, "9"); else its description."""
        return self._by_id("package", package)

    def release_type(self, release_type: str) -> str:
        """A release type ("Album", "single"); else as the API wrote it."""
        return self.text(f"releasetype_{str(release_type).lower()}", str(release_type))

    def chart(self, period: str) -> str:
        """A chart period ("day", "week", "month") as a heading."""
        return self.text(f"chart_{period}", CHART_FALLBACK.get(period, str(period)))

    def _by_id(self, kind: str, item: Format | Package | int | str) -> str:
        if isinstance(item, (Format, Package)):
            return self.text(f"{kind}_{item.id}", item.description or str(item.id))
        if isinstance(item, int) or str(item).isdigit():
            return self.text(f"{kind}_{int(item)}", str(item))
        return str(item)

    def of_value(self, value: object) -> str:
        """Any catalogue value in this language (the `term` filter): a Tag, Format or
        Package by its kind; a string as a key ("chart_week"), else as a tag id or
        text, else as a release type, else as it is; None as ""."""
        if value is None:
            return ""
        if isinstance(value, Tag):
            return self.tag(value)
        if isinstance(value, (Format, Package)):
            return self._by_id("format" if isinstance(value, Format) else "package", value)
        text = str(value)
        if text in self._texts:
            return self._texts[text]
        for key in (f"tag_{tag_id(text)}", f"releasetype_{text.lower()}"):
            if key in self._texts:
                return self._texts[key]
        return text
