"""The sandbox's catalogue generator: deterministic from a seed, sized from a
thousand tracks to millions, realistic enough to shop in.

Entry points: `generate_catalogue` (what `manage.py generate_catalogue` runs),
`SIZES`, and `text.fold` (how names are folded for search).
"""

from .build import SIZES, Summary, catalogue_exists, clear_catalogue, generate_catalogue
from .writer import Progress

__all__ = [
    "SIZES",
    "Progress",
    "Summary",
    "catalogue_exists",
    "clear_catalogue",
    "generate_catalogue",
]
