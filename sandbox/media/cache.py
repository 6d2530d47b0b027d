"""The media cache: rendered art and audio kept on disk, keyed by what they show.

A file's name carries a fingerprint of everything that went into it (renderer
version, titles, names, size...), so a regenerated catalogue or a new renderer
never serves stale media, and the fingerprint doubles as the HTTP ETag. Files are
written atomically (temp file + rename): several workers may render the same item.
"""

import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from django.conf import settings


def cache_root() -> Path:
    """`VAR_DIR/media-cache`, read at call time so tests can point it elsewhere."""
    return Path(settings.VAR_DIR) / "media-cache"


def fingerprint(*parts: object) -> str:
    """A short stable digest of the inputs of a rendering."""
    text = "\x1f".join(str(part) for part in parts)
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def cached(folder: str, filename: str, make: Callable[[], bytes]) -> bytes:
    """The bytes of `folder/filename` from the cache, rendering them once if missing."""
    path = cache_root() / folder / filename
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    data = make()
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return data
