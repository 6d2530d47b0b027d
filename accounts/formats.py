"""What a download format is, in a shopper's words: "FLAC, lossless, about 30 MB".

7digital names formats by id (WIRE-NOTES §6.3) with terse descriptions ("FLAC
16-bit 44.1kHz"); the locker's format picker says what each is and roughly how big
a track will be, and offers the best first (lossless before lossy, higher bit rates
before lower). Sizes come from typical average bit rates: FLAC's depends on the music.
"""

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from sevendigital import DownloadUrl, Format


@dataclass(frozen=True)
class FormatFacts:
    name: str  # what players and shops call it
    quality: str | Promise  # "lossless", "320 kbps"... (translated when shown)
    kbps: int  # typical average bit rate, for the size estimate
    rank: int  # higher is better


KNOWN_FORMATS = {
    48: FormatFacts("MP3", "256 kbps", 256, 10),
    17: FormatFacts("MP3", "320 kbps", 320, 20),
    33: FormatFacts("AAC", "320 kbps", 320, 30),
    45: FormatFacts("FLAC", _("lossless"), 900, 40),
    52: FormatFacts("FLAC", _("24-bit lossless"), 1_500, 50),
    58: FormatFacts("FLAC", _("24-bit 88.2 kHz lossless"), 2_900, 60),
    60: FormatFacts("FLAC", _("24-bit 96 kHz lossless"), 3_100, 70),
    62: FormatFacts("FLAC", _("24-bit 192 kHz lossless"), 6_100, 80),
}


def format_label(fmt: Format | None, seconds: int | None = None) -> str:
    """ "FLAC, lossless, about 30 MB" (the size when the track's length is known);
    for a format this shop does not know, 7digital's own description."""
    if fmt is None:
        # Translators: the label of a download whose format 7digital did not say.
        return pgettext("noun", "Download")
    facts = KNOWN_FORMATS.get(fmt.id)
    if facts is None:
        return fmt.description or fmt.file_format or gettext("Format %(id)s") % {"id": fmt.id}
    parts = [facts.name, str(facts.quality)]
    if seconds:
        parts.append(
            # Translators: a rough file size, e.g. "about 30 MB".
            gettext("about %(size)s") % {"size": size_text(facts.kbps * 1000 / 8 * seconds)}
        )
    return ", ".join(parts)


def size_text(size: float) -> str:
    """A rough file size in MB (10^6 bytes): "7.2 MB", "30 MB"."""
    megabytes = size / 1_000_000
    amount = number_format(megabytes, 1 if megabytes < 10 else 0)
    # Translators: a file size in megabytes (10^6 bytes).
    return gettext("%(amount)s MB") % {"amount": amount}


def best_first(links: tuple[DownloadUrl, ...]) -> tuple[DownloadUrl, ...]:
    """The links, one per format, the best format first (FLAC > AAC > MP3); unknown
    formats after the known ones, in the order 7digital gave them."""
    unique: dict[int | None, DownloadUrl] = {}
    for link in links:
        unique.setdefault(link.format.id if link.format else None, link)
    return tuple(sorted(unique.values(), key=lambda link: -_rank(link.format)))


def _rank(fmt: Format | None) -> int:
    facts = KNOWN_FORMATS.get(fmt.id) if fmt else None
    return facts.rank if facts else 0
