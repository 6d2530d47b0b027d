"""Catalogue resources: artists, releases, tracks, tags, charts, search and lists."""

from datetime import datetime

from .common import Download, Format, Label, Licensor, Package, Page, Price, model


@model
class Artist:
    """An artist; nested in releases and tracks it carries fewer fields."""

    id: int
    name: str
    sort_name: str | None = None
    appears_as: str | None = None
    slug: str | None = None
    image: str | None = None
    url: str | None = None
    popularity: float | None = None
    is_placeholder_image: bool | None = None
    key: str | None = None  # catalogue/artist-byurl only
    bio: str | None = None


@model
class Release:
    """A release (album, single, ...), in its legacy or current (`download`) shape."""

    id: int
    title: str
    version: str | None = None
    type: str | None = None
    barcode: str | None = None
    year: int | None = None
    explicit_content: bool | None = None
    artist: Artist | None = None
    slug: str | None = None
    image: str | None = None
    url: str | None = None
    label: Label | None = None
    licensor: Licensor | None = None
    duration: int | None = None
    track_count: int | None = None
    popularity: float | None = None
    cline: str | None = None
    pline: str | None = None
    release_date: datetime | None = None
    added_date: datetime | None = None
    streaming_release_date: datetime | None = None
    download: Download | None = None
    price: Price | None = None  # legacy shape
    formats: tuple[Format, ...] = ()  # legacy shape

    @property
    def packages(self) -> tuple[Package, ...]:
        return self.download.packages if self.download else ()


@model
class Track:
    """A track. `track_number` is legacy (disc x 100 + n after disc 1); `number` is current."""

    id: int
    title: str
    version: str | None = None
    type: str | None = None
    artist: Artist | None = None
    release: Release | None = None
    track_number: int | None = None
    number: int | None = None
    disc_number: int | None = None
    duration: int | None = None
    explicit_content: bool | None = None
    isrc: str | None = None
    slug: str | None = None
    url: str | None = None
    popularity: float | None = None
    pline: str | None = None
    release_date: datetime | None = None
    preview_date: datetime | None = None
    streaming_release_date: datetime | None = None
    download: Download | None = None
    price: Price | None = None  # legacy shape
    formats: tuple[Format, ...] = ()  # legacy shape

    @property
    def packages(self) -> tuple[Package, ...]:
        return self.download.packages if self.download else ()


@model
class Tag:
    """A tag/genre; `id` is its slug ("rock"). `count` comes from the `tag` endpoint only."""

    id: str
    text: str
    url: str | None = None
    count: int | None = None


@model
class ChartItem:
    position: int
    change: str | None  # Up, Down, Same, New
    artist: Artist | None = None
    release: Release | None = None
    track: Track | None = None

    @property
    def item(self) -> Artist | Release | Track | None:
        return self.artist or self.release or self.track


@model
class Chart(Page[ChartItem]):
    """A chart page; `type` is artist, album or track."""

    type: str | None
    from_date: datetime | None
    to_date: datetime | None


@model
class SearchResult:
    type: str | None  # artist, release or track
    score: float | None
    artist: Artist | None = None
    release: Release | None = None
    track: Track | None = None

    @property
    def item(self) -> Artist | Release | Track | None:
        return self.artist or self.release or self.track


@model
class TaggedItem:
    """One result of release/bytag or artist/bytag: a release or an artist."""

    release: Release | None = None
    artist: Artist | None = None

    @property
    def item(self) -> Release | Artist | None:
        return self.release or self.artist


@model
class Recommendation:
    release: Release


@model
class ReleaseEditorial:
    """release/editorial: review and promotional copy, each possibly absent."""

    review: str | None = None
    promotional_text: str | None = None
    staff_recommendation: str | None = None


@model
class EditorialItem:
    id: int
    type: str | None
    release: Release | None = None


@model
class EditorialList:
    """editorial/list: a staff-curated list of items under a key (e.g. "home1")."""

    id: int | None
    key: str | None
    description: str | None = None
    items: tuple[EditorialItem, ...] = ()


@model
class MatchedItem:
    seven_digital_id: int | None
    mb_id: str | None


@model
class Match:
    """The outcome for one id asked for in a match/byId call."""

    kind: str  # artist, release or track
    mb_id: str | None
    seven_digital_id: int | None
    items: tuple[MatchedItem, ...] = ()
    error_code: int | None = None


@model
class Matches:
    items: tuple[Match, ...] = ()
