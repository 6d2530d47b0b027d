"""`manage.py simulate_shoppers`: a month of shoppers buying through the store and the
sandbox, for demos of the dashboard (see staff/simulation.py)."""

import random

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from accounts.services import LinkFailed
from sevendigital import SevenDigitalError
from staff.simulation import SimulationError, releases_on_sale, simulate_shopper


class Command(BaseCommand):
    help = "Simulate shoppers signing up and buying through the store (sandbox only)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--shoppers", type=int, default=30)
        parser.add_argument("--days", type=int, default=30, help="Spread over this many days.")
        parser.add_argument("--seed", type=int, default=None)
        parser.add_argument("--country", default=settings.SEVENDIGITAL_DEFAULT_COUNTRY)
        parser.add_argument("--quiet", action="store_true", help="No progress bar.")

    def handle(self, *args, shoppers: int, days: int, seed, country: str, quiet: bool, **kw):
        if "api.7digital.com" in settings.SEVENDIGITAL_API_URL:
            raise CommandError("This makes 7digital accounts and buys: the sandbox only.")
        if shoppers < 1 or days < 1:
            raise CommandError("--shoppers and --days must be at least 1.")
        rng = random.Random(seed)
        try:
            catalogue = releases_on_sale(country=country)
        except SevenDigitalError as error:
            raise CommandError(
                f"The API at {settings.SEVENDIGITAL_API_URL} failed: {error}"
            ) from None
        if not catalogue:
            raise CommandError(f"Nothing is on sale in {country}: generate a catalogue first.")
        bought = 0
        for _ in tqdm(range(shoppers), desc="Shoppers", unit="shopper", disable=quiet):
            try:
                bought += simulate_shopper(catalogue=catalogue, rng=rng, days=days).purchases
            except (SimulationError, SevenDigitalError, LinkFailed) as error:
                raise CommandError(f"A shopper could not finish: {error}") from None
        self.stdout.write(f"{shoppers} shoppers made {bought} purchases over {days} days.")
