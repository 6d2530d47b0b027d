"""The sandbox's own settings (it imports nothing of the store's)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def sandbox_settings(tmp_path, **env) -> dict:
    environment = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DEBUG"}}
    environment |= {"VAR_DIR": str(tmp_path), **env}
    code = "import json, sandbox.settings as s; print(json.dumps(s.CACHES, default=str))"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_file_cache_keeps_the_request_counters(tmp_path):
    """Django's default 300 entries would cull the keys' daily request counters."""
    cache = sandbox_settings(tmp_path)["default"]
    assert cache["BACKEND"].endswith("FileBasedCache")
    assert cache["LOCATION"] == str(tmp_path / "sandbox-cache")
    assert cache["OPTIONS"]["MAX_ENTRIES"] >= 50_000


def test_on_redis_its_keys_never_meet_the_stores(tmp_path):
    cache = sandbox_settings(tmp_path, REDIS_URL="redis://127.0.0.1:6379/9")["default"]
    assert cache["KEY_PREFIX"].startswith("sandbox")
