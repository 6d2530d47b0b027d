"""The embedded shared cache: what every process of the store shares when there is no
Redis (settings: `REDIS_URL` unset), on a user's machine and in the embedded CI run.

diskcache's Django backend keeps the entries in SQLite files (sharded, WAL), so a
read is one indexed SELECT and a write one INSERT, however many entries there are.
Django's FileBasedCache, used before, listed its whole directory on every `set` to
decide whether to cull: with the catalogue copies, sessions and rendered fragments of
a busy day (5,000 entries) a write took 11 ms, at 20,000 entries 45 ms, and pages
that wrote stalled (bench/cache/run.py measures both).
"""

from diskcache import DjangoCache


class DiskCache(DjangoCache):
    """diskcache's DjangoCache whose connections outlive the request.

    Django closes every cache when a request finishes (`close_caches` on
    request_finished); for diskcache that drops each thread's SQLite connections, so
    the next request would open and set up each shard's database again. Connections
    are per thread (and per process: diskcache reopens after a fork), so keeping them
    is what a connection pool would do.
    """

    def close(self, **kwargs: object) -> None:
        """Keep the connections (see the class)."""
