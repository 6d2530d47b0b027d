"""The store's own settings with the benchmark's URLconf (the store's URLs plus a
bare view to compare with). Never used outside bench/pages/run.py."""

from storefront.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.pages.urls"
