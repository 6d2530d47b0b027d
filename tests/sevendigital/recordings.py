"""Where the recorded real 7digital responses live, and which files they are.

The repository's parent holds `shared/` (here and in CI, where the clone sits
beside a copy of it).
"""

import json
from pathlib import Path

REFERENCE = (
    Path(__file__).resolve().parents[2].parent / "shared" / "reference" / "7digital-api-responses"
)
METADATA_SUFFIX = ".metadata.json"


def recordings() -> list[Path]:
    if not REFERENCE.is_dir():
        return []
    return sorted(
        path
        for path in REFERENCE.rglob("*")
        if path.is_file() and not path.name.endswith(METADATA_SUFFIX)
    )


def name_of(path: Path) -> str:
    return str(path.relative_to(REFERENCE))


XML_FILES = [path for path in recordings() if path.suffix != ".json"]
JSON_FILES = [path for path in recordings() if path.suffix == ".json"]


def recorded_status(path: Path) -> int:
    """The HTTP status the stub served a recording with (its .metadata.json), else 200."""
    metadata = path.with_name(path.stem + METADATA_SUFFIX)
    if metadata.exists():
        return json.loads(metadata.read_text())["statusCode"]
    return 200
