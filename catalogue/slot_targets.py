"""What an editorial slot links to, found the way staff think of it: by name, by a
7digital shop URL, or (still) by id.

Every read goes through the catalogue's cached read path (`storefront.reads`), so a
staff member typing in the autocomplete spends no more of the key's day than a
shopper searching.
"""

from dataclasses import asdict, dataclass
from typing import Any

from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from catalogue import selectors
from catalogue.models import EditorialSlot
from sevendigital import InputError, NotAvailableError, NotFoundError, SevenDigitalError
from storefront.reads import fetch, read

Target = EditorialSlot.Target
SEARCH_SIZE = 10
DETAILS = {
    Target.RELEASE: ("get_release_details", "release_id"),
    Target.ARTIST: ("get_artist_details", "artist_id"),
    Target.TRACK: ("get_track_details", "track_id"),
}
BY_URL = {Target.RELEASE: "get_release_id_by_url", Target.ARTIST: "get_artist_id_by_url"}


# What staff are told, a whole sentence for each kind of target (no word built in).
# Placeholders: %(raw)s the id staff gave, %(country)s a country code, %(url)s a URL.
MESSAGES = {
    "choose": {
        Target.RELEASE: _("Choose a release from the list, or give its 7digital id or shop URL."),
        Target.ARTIST: _("Choose an artist from the list, or give its 7digital id or shop URL."),
        Target.TRACK: _("Choose a track from the list, or give its 7digital id or shop URL."),
    },
    "no_id": {
        Target.RELEASE: _("No release has the 7digital id %(raw)s."),
        Target.ARTIST: _("No artist has the 7digital id %(raw)s."),
        Target.TRACK: _("No track has the 7digital id %(raw)s."),
    },
    "not_sold": {
        Target.RELEASE: _("This release (%(raw)s) is not sold in %(country)s."),
        Target.ARTIST: _("This artist (%(raw)s) is not sold in %(country)s."),
        Target.TRACK: _("This track (%(raw)s) is not sold in %(country)s."),
    },
    "not_asked": {
        Target.RELEASE: _("7digital could not be asked about release %(raw)s now (%(error)s)."),
        Target.ARTIST: _("7digital could not be asked about artist %(raw)s now (%(error)s)."),
        Target.TRACK: _("7digital could not be asked about track %(raw)s now (%(error)s)."),
    },
    "no_url": {
        Target.RELEASE: _("A release cannot be found by URL: type part of its name."),
        Target.ARTIST: _("An artist cannot be found by URL: type part of its name."),
        Target.TRACK: _("A track cannot be found by URL: type part of its name."),
    },
    "unknown_url": {
        Target.RELEASE: _("7digital knows no release at %(url)s."),
        Target.ARTIST: _("7digital knows no artist at %(url)s."),
        Target.TRACK: _("7digital knows no track at %(url)s."),
    },
}


def _message(name: str, kind: str, **values: Any) -> str:
    return str(MESSAGES[name][Target(kind)]) % values


class TargetError(Exception):
    """A target staff cannot link to; the message says why, in their words."""


class TargetUnknownNow(TargetError):
    """7digital could not be asked (down, rate-limited): nothing is known of the target."""


@dataclass(frozen=True)
class SlotTarget:
    kind: str
    id: str
    title: str
    artist: str = ""
    image: str = ""
    year: int | None = None

    @property
    def label(self) -> str:
        parts = [self.title, self.artist, str(self.year or "")]
        return " · ".join(part for part in parts if part)

    def as_choice(self) -> dict[str, Any]:
        """One select2 result: `id` and `text`, and what the dropdown shows."""
        return {"text": self.label, **asdict(self)}

    def slot_fields(self) -> dict[str, Any]:
        return {
            "target": self.id,
            "target_title": self.title,
            "target_artist": self.artist,
            "target_image": self.image,
            "target_year": self.year,
        }


def _of(kind: str, item: Any) -> SlotTarget:
    """The SlotTarget of a release, artist or track model."""
    if kind == Target.ARTIST:
        return SlotTarget(kind, str(item.id), item.name, image=item.image or "")
    release = item if kind == Target.RELEASE else item.release
    year = None
    if release is not None:
        year = release.year or (release.release_date.year if release.release_date else None)
    return SlotTarget(
        kind,
        str(item.id),
        item.title,
        artist=item.artist.name if item.artist else "",
        image=(release.image or "") if release else "",
        year=year,
    )


def target_search(*, kind: str, term: str, country: str) -> list[SlotTarget]:
    """Catalogue items of `kind` matching `term` (tags: by id or name)."""
    term = " ".join(term.split())
    if not term:
        return []
    if kind == Target.TAG:
        wanted = term.casefold()
        tags = selectors.all_tags(country=country).value
        found = [tag for tag in tags if wanted in tag.id or wanted in tag.text.casefold()]
        return [SlotTarget(kind, tag.id, tag.text) for tag in found[:SEARCH_SIZE]]
    if kind not in DETAILS:
        return []
    page = selectors.search(kind=kind, q=term, country=country, page_size=SEARCH_SIZE).value
    return [_of(kind, result.item) for result in page.items if result.item is not None]


def target_resolve(*, kind: str, raw: str, country: str) -> SlotTarget:
    """The item `raw` names (an id, or a 7digital shop URL for releases and artists),
    checked to be on sale in `country`. Tags and URLs are taken as they are."""
    raw = raw.strip()
    if kind not in DETAILS:
        return SlotTarget(kind, raw, "")
    if raw.startswith(("http://", "https://")):
        raw = _id_from_url(kind, raw)
    if not raw.isdigit():
        raise TargetError(_message("choose", kind))
    operation, parameter = DETAILS[kind]
    try:
        item = fetch(read(operation, **{parameter: int(raw), "country": country})).value
    except (NotFoundError, InputError):
        raise TargetError(_message("no_id", kind, raw=raw)) from None
    except NotAvailableError:
        raise TargetError(_message("not_sold", kind, raw=raw, country=country)) from None
    except SevenDigitalError as error:
        raise TargetUnknownNow(_message("not_asked", kind, raw=raw, error=error)) from error
    return _of(kind, item)


def _id_from_url(kind: str, url: str) -> str:
    if kind not in BY_URL:
        raise TargetError(_message("no_url", kind))
    try:
        return str(fetch(read(BY_URL[kind], url=url)).value.id)
    except (NotFoundError, InputError):
        raise TargetError(_message("unknown_url", kind, url=url)) from None
    except SevenDigitalError as error:
        raise TargetUnknownNow(
            gettext("7digital could not be asked about %(url)s now (%(error)s).")
            % {"url": url, "error": error}
        ) from error


def check_country(slot: EditorialSlot) -> str:
    """Where a slot's target must be on sale: its territory, else the default one."""
    return slot.territory or settings.SEVENDIGITAL_DEFAULT_COUNTRY
