"""Running the store as production does, in subprocesses: DEBUG off, real secrets.

`production_env` is the environment of a production process (a fresh random
SECRET_KEY and Fernet key, SQLite in a temporary folder unless told otherwise);
`manage` runs a management command in it; `production_settings` imports
storefront.settings.production there and hands back the values asked for; `collected_static`
runs collectstatic once per test session into a folder the tests share.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_HOST = "shop.example.com"
SANDBOX_API_URL = "http://127.0.0.1:8001/1.2"  # the sandbox's default address
# Variables of the developer's or CI's shell that would leak into a production process.
_INHERITED_CONFIG = (
    "DJANGO_SETTINGS_MODULE",
    "DEBUG",
    "SECRET_KEY",
    "TOKEN_ENCRYPTION_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "REDIS_URL",
    "CELERY_BROKER_URL",
    "VAR_DIR",
    "LOG_FORMAT",
    # Set by the browser tests for live_server + sync Playwright; never in production.
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)


def production_env(var_dir: Path, **overrides: str) -> dict[str, str]:
    """The environment of a production web process; keyword arguments add or replace."""
    env = {key: value for key, value in os.environ.items() if key not in _INHERITED_CONFIG}
    env.update(
        DJANGO_SETTINGS_MODULE="storefront.settings.production",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        TOKEN_ENCRYPTION_KEY=Fernet.generate_key().decode(),
        ALLOWED_HOSTS=PRODUCTION_HOST,
        DATABASE_URL=f"sqlite:///{var_dir / 'store.sqlite3'}",
        VAR_DIR=str(var_dir),
        SEVENDIGITAL_API_URL=SANDBOX_API_URL,
        PYTHONPATH=str(ROOT),
    )
    env.update(overrides)
    return env


def without(env: dict[str, str], *names: str) -> dict[str, str]:
    return {key: value for key, value in env.items() if key not in names}


def manage(env: dict[str, str], *args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    """`python manage.py <args>` in env; the completed process (never raises on failure)."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def python(env: dict[str, str], code: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """`python -c code` in env, from the project's folder."""
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def production_settings(var_dir: Path, names: list[str], **overrides: str) -> dict[str, Any]:
    """The named values of storefront.settings.production as a production process computes them."""
    code = (
        "import json, storefront.settings.production as s; "
        f"print(json.dumps({{n: getattr(s, n, None) for n in {names!r}}}, default=str))"
    )
    result = python(production_env(var_dir, **overrides), code)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def shared_var_dir(tmp_path_factory: Any) -> Path:
    """One VAR_DIR for the whole test session (collectstatic takes ~20 s: do it once)."""
    var_dir = tmp_path_factory.getbasetemp() / "production-var"
    var_dir.mkdir(exist_ok=True)
    return var_dir


def collected_static(var_dir: Path) -> Path:
    """STATIC_ROOT of `var_dir` after collectstatic (run once: later calls reuse it)."""
    static_root = var_dir / "staticfiles"
    if not (static_root / "staticfiles.json").exists():
        result = manage(production_env(var_dir), "collectstatic", "--noinput")
        assert result.returncode == 0, result.stderr
    return static_root
