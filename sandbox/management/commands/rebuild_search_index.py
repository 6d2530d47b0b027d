"""`manage.py rebuild_search_index`: rebuild search's index from the catalogue.

generate_catalogue does it at the end; run this after changing catalogue rows some
other way (the admin, a script), or after an upgrade that changes the index.
"""

import time

from django.core.management.base import BaseCommand

from sandbox.search import rebuild_search_index


class Command(BaseCommand):
    help = (
        "Rebuild the sandbox's search index from the catalogue (FTS5 tables on SQLite, "
        "SearchWord and SearchTerm on PostgreSQL)."
    )

    def handle(self, *args, **options) -> None:
        started = time.monotonic()
        rows = rebuild_search_index()
        seconds = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Indexed {rows:,} rows in {seconds:.1f}s."))
