"""Where the vendored 7digital reference data lives (see tests/data/7digital/README.md).

Everything tests read is inside the repository: a fresh clone runs the whole suite.
"""

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "7digital"
SPEC = DATA / "spec" / "7digital-api-openapi.yml"
RECORDINGS = DATA / "recordings"
