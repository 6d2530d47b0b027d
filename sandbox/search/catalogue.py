"""Search over the catalogue's artists, releases and tracks (the search operations).

Releases and tracks not sold in the territory are left out of results and totals;
artists are sold everywhere.
"""

from sandbox.models import SearchWord

from .query import SearchPage, search


def search_artists(text: str, *, page: int = 1, page_size: int = 10) -> SearchPage:
    """Artists by name."""
    return search(SearchWord.Kind.ARTIST, text, page=page, page_size=page_size)


def search_releases(
    text: str, *, country_code: str, page: int = 1, page_size: int = 10
) -> SearchPage:
    """Releases sold in the territory, by title and artist name."""
    return search(
        SearchWord.Kind.RELEASE, text, country_code=country_code, page=page, page_size=page_size
    )


def search_tracks(
    text: str, *, country_code: str, page: int = 1, page_size: int = 10
) -> SearchPage:
    """Tracks sold in the territory, by title and artist name."""
    return search(
        SearchWord.Kind.TRACK, text, country_code=country_code, page=page, page_size=page_size
    )
