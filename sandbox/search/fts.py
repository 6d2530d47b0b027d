"""The SQLite search index: one FTS5 table per kind, its rows in rank order.

A row holds the entity's already-folded title (an artist's name), its artist's
folded name, the whole title as one token (`exact`, words joined by "_") and the
territories it is not sold in. The generator stores the folded text (`fold`), so
"don't" is the token "dont" and "Ørjan" is "orjan" here as everywhere.

Rows go in most popular first (ties: lower id), so rowid order is rank order: a
ranking tier is one MATCH read `ORDER BY rowid LIMIT n`, which stops after n rows.
"""

from django.db import connection

from sandbox.models import Artist, Release, SearchWord, Track

# Folded text has no "_" (see text.fold): it joins the words of `exact` only.
TOKENIZE = "unicode61 remove_diacritics 2 tokenchars '_'"
# Prefix indexes: a short query word ("c" in "violin concerto in c", "bl", "lov")
# is one list to read, not a merge of every word it starts.
PREFIX = "1 2 3"
COUNT_CAP = 10_000  # matches counted; past it the total is estimated
TABLES = {
    SearchWord.Kind.ARTIST: "sandbox_fts_artist",
    SearchWord.Kind.RELEASE: "sandbox_fts_release",
    SearchWord.Kind.TRACK: "sandbox_fts_track",
}
_COLUMNS = "object_id, popularity, title, artist, exact, unavailable"


def create_sql(table: str) -> str:
    return (
        f"CREATE VIRTUAL TABLE {table} USING fts5("
        "object_id UNINDEXED, popularity UNINDEXED, title, artist, exact, unavailable, "
        f"tokenize = \"{TOKENIZE}\", prefix = '{PREFIX}', columnsize = 0)"
    )


def _source_sql(kind: int) -> str:
    """The rows of kind numbered in rank order, from the catalogue's folded columns."""
    artists, releases, tracks = (m._meta.db_table for m in (Artist, Release, Track))
    if kind == SearchWord.Kind.ARTIST:
        item, tables = "a", f"{artists} a"
        artist, unavailable = "''", "''"
        item_title = "a.search_name"
    else:
        item, artist, item_title = "i", "a.search_name", "i.search_title"
        if kind == SearchWord.Kind.RELEASE:
            tables = f"{releases} i JOIN {artists} a ON a.id = i.artist_id"
            unavailable = "i.unavailable_in"
        else:
            tables = (
                f"{tracks} i JOIN {releases} r ON r.id = i.release_id "
                f"JOIN {artists} a ON a.id = i.artist_id"
            )
            unavailable = "r.unavailable_in"
    rank = f"row_number() OVER (ORDER BY {item}.popularity DESC, {item}.id)"
    return (
        f"SELECT {rank}, {item}.id, {item}.popularity, {item_title}, {artist}, "  # noqa: S608  # nosec B608  # table/column names are constants
        f"replace({item_title}, ' ', '_'), {unavailable} FROM {tables}"
    )


def rebuild(progress=None) -> int:
    """Recreate the three tables from the catalogue; returns the rows written."""
    total = 0
    with connection.cursor() as cursor:
        for kind, table in TABLES.items():
            cursor.execute(f"DROP TABLE IF EXISTS {table}")
            cursor.execute(create_sql(table))
            cursor.execute(f"INSERT INTO {table} (rowid, {_COLUMNS}) {_source_sql(kind)}")
            total += cursor.rowcount
            # One b-tree per table: smaller, and each term is one read.
            cursor.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")  # noqa: S608  # nosec B608
            if progress:
                progress(SearchWord.Kind(kind).label, total)
    return total


def _quoted(word: str) -> str:
    # Folded words are letters and digits only: nothing to escape.
    return f'"{word}"'


class FtsIndex:
    """The tiers of one query over the FTS5 table of kind (see query.search)."""

    def __init__(self, kind: int, query: str, words: list[str], country: str | None):
        self.table = TABLES[kind]
        self.query, self.words = query, words
        self.sold = f' NOT unavailable : "{country.lower()}"' if country else ""

    def _read(self, expression: str, limit: int) -> list[tuple[int, float]]:
        sql = (
            f"SELECT object_id, popularity FROM {self.table} "  # noqa: S608  # nosec B608  # table name is a constant; the expression is a parameter
            f"WHERE {self.table} MATCH %s ORDER BY rowid LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [f"({expression}){self.sold}", limit])
            return cursor.fetchall()

    def exact(self, limit: int) -> list[tuple[int, float]]:
        return self._read(f"exact : {_quoted(self.query.replace(' ', '_'))}", limit)

    def phrase(self, limit: int) -> list[tuple[int, float]]:
        return self._read(f"title : {_quoted(self.query)} *", limit)

    def _every_word(self) -> str:
        return "{title artist} : (" + " AND ".join(f"{_quoted(w)} *" for w in self.words) + ")"

    def matching(self, limit: int) -> list[tuple[int, float]]:
        return self._read(self._every_word(), limit)

    def total(self) -> int:
        """The matches, counted up to COUNT_CAP. Past it ("the": 400,000 tracks), from
        how far down the rank order the COUNT_CAP-th match lies: matches are about as
        dense in the rest of the table as in the part read."""
        table, expression = self.table, f"({self._every_word()}){self.sold}"
        sql = (
            f"SELECT COUNT(*), MAX(rowid) FROM (SELECT rowid FROM {table} "  # noqa: S608  # nosec B608  # table name is a constant; the expression is a parameter
            f"WHERE {table} MATCH %s ORDER BY rowid LIMIT %s)"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [expression, COUNT_CAP])
            counted, last = cursor.fetchone()
            if counted < COUNT_CAP:
                return counted
            cursor.execute(f"SELECT MAX(rowid) FROM {table}")  # noqa: S608  # nosec B608
            return max(counted, round(counted * cursor.fetchone()[0] / last))
