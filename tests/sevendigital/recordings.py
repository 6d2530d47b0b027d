"""The recorded real 7digital responses (vendored in tests/data/7digital), by kind."""

import json
from pathlib import Path

from tests.reference import RECORDINGS as REFERENCE

METADATA_SUFFIX = ".metadata.json"


def recordings() -> list[Path]:
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
