"""Page data for the view tests: sevendigital models and selector results, built small.

The views are tested against these through `FakeSelectors`, which replaces the
functions of `catalogue.selectors` and records how each was called; the selectors
themselves are tested elsewhere (tests/catalogue/test_selectors.py).
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from catalogue.selectors import ArtistPage, HomePage, ReleasePage, TagPage, TrackPage
from catalogue.terms import Terms
from sevendigital import (
    Artist,
    Chart,
    ChartItem,
    Download,
    EditorialItem,
    EditorialList,
    Format,
    Money,
    Package,
    PackagePrice,
    Page,
    ReleaseEditorial,
    SearchResult,
    Tag,
    TaggedItem,
)
from sevendigital import Release as ReleaseModel
from sevendigital import Track as TrackModel
from storefront.reads import Fetched, version_of

SITE = "http://sandbox.test"
ARTIST = Artist(id=10, name="The Rivers", slug="the-rivers", image=f"{SITE}/art/a10_150.jpg")


def package(amount: str, currency: str = "GBP", package_id: int = 2) -> Package:
    money = Money(Decimal(amount), currency)
    return Package(
        id=package_id,
        description="standard" if package_id == 2 else "premium",
        price=PackagePrice(
            currency=currency, sevendigital_price=money, recommended_retail_price=money
        ),
        formats=(Format(id=17, description="MP3 320"),),
    )


def release(release_id: int = 300, title: str = "Drive the Anthem", **extra: Any) -> ReleaseModel:
    values: dict[str, Any] = {
        "type": "Album",
        "year": 2007,
        "artist": ARTIST,
        "slug": title.lower().replace(" ", "-"),
        "image": f"{SITE}/art/{release_id}_50.jpg",
        "download": Download(
            release_date=datetime(2007, 11, 9, tzinfo=UTC),
            packages=(package("7.99"), package("11.99", package_id=9)),
        ),
    }
    return ReleaseModel(id=release_id, title=title, **(values | extra))


def track(track_id: int = 2000, title: str = "Wait Me Tonight", **extra: Any) -> TrackModel:
    values: dict[str, Any] = {
        "artist": ARTIST,
        "release": release(),
        "number": 1,
        "duration": 197,
        "slug": title.lower().replace(" ", "-"),
        "download": Download(release_date=None, packages=(package("0.99"),)),
    }
    return TrackModel(id=track_id, title=title, **(values | extra))


def chart(items: list[ChartItem]) -> Chart:
    return Chart(
        items=tuple(items),
        page=1,
        page_size=10,
        total_items=len(items),
        type=None,
        from_date=None,
        to_date=None,
    )


def home_page(slots: tuple = ()) -> HomePage:
    editorial = EditorialList(
        id=1, key="home", items=(EditorialItem(id=1, type="release", release=release(301, "Moon")),)
    )
    return HomePage(
        slots=slots,
        editorial=(editorial,),
        release_chart=chart(
            [ChartItem(position=1, change="Up", release=release(302, "Sing With Me"))]
        ),
        track_chart=chart([ChartItem(position=1, change="New", track=track(2001, "Fall With Me"))]),
        new_releases=((Tag(id="rock", text="rock"), (release(303, "Reykjavik"),)),),
    )


def release_page(**extra: Any) -> ReleasePage:
    values: dict[str, Any] = {
        "release": release(),
        "tracks": (track(), track(2002, "Hidden Winter", number=2, duration=3725)),
        "tags": (Tag(id="classic-rock", text="classic rock"),),
        "editorial": ReleaseEditorial(review="A record of the year."),
        "recommendations": (release(304, "Mirror Song"),),
    }
    return ReleasePage(**(values | extra))


def artist_page() -> ArtistPage:
    return ArtistPage(
        artist=ARTIST,
        top_tracks=(track(),),
        releases_by_type={"Album": (release(),), "Single": (release(305, "Crown Song"),)},
        similar=(Artist(id=11, name="Open Carousel", slug="open-carousel"),),
    )


def search_page(results: list[SearchResult], total: int | None = None) -> Page[SearchResult]:
    total = len(results) if total is None else total
    return Page(items=tuple(results), page=1, page_size=20, total_items=total)


def tag_page(tags: list[str]) -> TagPage:
    new = Page(
        items=(TaggedItem(release=release(306, "Wave Song")),), page=1, page_size=20, total_items=1
    )
    return TagPage(tags=tuple(Tag(id=t, text=t.replace("-", " ")) for t in tags), new=new, top=None)


@dataclass
class FakeSelectors:
    """Stands in for catalogue.selectors: each function answers `answers[name]` (a
    value, wrapped as a fresh Fetched, or an exception to raise) and logs its call."""

    answers: dict[str, Any] = field(default_factory=dict)
    stale: bool = False
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    def answer(self, name: str, **kwargs: Any) -> Fetched[Any]:
        self.calls.append((name, kwargs))
        value = self.answers[name]
        if isinstance(value, Exception):
            raise value
        # Versioned by the data itself: the same answer keys the same shared fragment.
        return Fetched(value, stale=self.stale, version=version_of(name, value))

    def kwargs_of(self, name: str) -> dict[str, Any]:
        return next(kwargs for called, kwargs in self.calls if called == name)

    def install(self, monkeypatch: Any) -> "FakeSelectors":
        from catalogue import selectors

        for name in (
            "home",
            "search",
            "release_page",
            "artist_page",
            "track_page",
            "chart",
            "all_tags",
            "tag_page",
            "artist_browse",
            "catalogue_terms",
        ):
            monkeypatch.setattr(selectors, name, self._caller(name))
        self.answers.setdefault("catalogue_terms", Terms("en", {}))
        return self

    def _caller(self, name: str) -> Any:
        return lambda **kwargs: self.answer(name, **kwargs)


def track_page() -> TrackPage:
    return TrackPage(track=track(), release=release())


def every_page() -> dict[str, Any]:
    """An answer for every page of the catalogue (FakeSelectors.answers)."""
    return {
        "home": home_page(),
        "release_page": release_page(),
        "artist_page": artist_page(),
        "track_page": track_page(),
        "chart": chart([ChartItem(position=1, change="Up", track=track(2001, "Fall With Me"))]),
        "search": search_page(
            [SearchResult(type="release", score=1, release=release(), track=track())]
        ),
        "tag_page": tag_page(["rock", "indie-rock"]),
        "artist_browse": Page(items=(ARTIST,), page=1, page_size=30, total_items=1),
        "all_tags": [Tag(id="rock", text="rock")],
    }
