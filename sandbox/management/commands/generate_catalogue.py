"""`manage.py generate_catalogue`: fill the sandbox with a generated catalogue.

Run with DJANGO_SETTINGS_MODULE=sandbox.settings. The same --seed and size give the
same catalogue (names, ids, barcodes...). Dates are relative to the day it runs
(--today to pin it): release dates, sales and charts end on that day.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from sandbox.generator import (
    SIZES,
    Progress,
    catalogue_exists,
    clear_catalogue,
    generate_catalogue,
)

_REPORTED = (
    ("Artist", "artists"),
    ("Release", "releases"),
    ("Track", "tracks"),
    ("Sale", "sales rows"),
)


class Command(BaseCommand):
    help = "Generate the sandbox's catalogue (deterministic from --seed)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--size",
            choices=list(SIZES),
            default="demo",
            help="tiny (1k tracks), demo (10k, the default), small (100k), million (1M)",
        )
        parser.add_argument(
            "--tracks", type=int, help="exactly this many tracks (overrides --size)"
        )
        parser.add_argument("--seed", type=int, default=1, help="same seed, same catalogue")
        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            help="the day sales end and dates count from (YYYY-MM-DD; default: today)",
        )
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing if a catalogue exists"
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="delete an existing catalogue first (and the baskets, purchases... that "
            "refer to it)",
        )
        parser.add_argument("--quiet", action="store_true", help="no progress bar, no summary")

    def handle(self, *args, **options) -> None:
        tracks = options["tracks"] or SIZES[options["size"]]
        if tracks < 1:
            raise CommandError("--tracks must be at least 1")
        if catalogue_exists():
            if options["if_empty"]:
                if not options["quiet"]:
                    self.stdout.write("The sandbox already has a catalogue: left as it is.")
                return
            if not options["replace"]:
                raise CommandError(
                    "The sandbox already has a catalogue: use --replace to generate a new "
                    "one, or --if-empty to keep it."
                )
            clear_catalogue()
        today = options["today"] or timezone.localdate()
        summary = generate_catalogue(
            tracks=tracks,
            seed=options["seed"],
            today=today,
            progress=Progress(enabled=not options["quiet"]),
        )
        if not options["quiet"]:
            written = summary.written
            counts = ", ".join(
                f"{written.get(f'sandbox.{model}', 0):,} {noun}" for model, noun in _REPORTED
            )
            self.stdout.write(
                self.style.SUCCESS(
                    f"Generated {counts} (seed {summary.seed}, up to {summary.today}) "
                    f"in {summary.seconds}s."
                )
            )
