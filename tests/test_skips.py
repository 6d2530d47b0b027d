"""The skip rule of tests/skips.py: locally a skip says how to enable its test; in CI
(`CI=true`) the same skip fails the run. Run in a child pytest so the rule is checked
the way a real run applies it."""

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytest_plugins = ["pytester"]

SKIPPING = """
import pytest

def test_passes():
    pass

@pytest.mark.skipif(True, reason="needs PostgreSQL: set DATABASE_URL=postgres://...")
def test_needs_a_service():
    pass
"""


def run(pytester: pytest.Pytester, ci: str | None) -> subprocess.CompletedProcess:
    pytester.makepyfile(test_sample=SKIPPING)
    env = {k: v for k, v in os.environ.items() if k not in {"CI", "PYTEST_ADDOPTS"}}
    if ci is not None:
        env["CI"] = ci
    env["PYTHONPATH"] = str(ROOT)
    command = [sys.executable, "-m", "pytest", "-p", "tests.skips", "-p", "no:django"]
    command += ["-p", "no:cacheprovider", "-rfEs", "-q", str(pytester.path)]
    return subprocess.run(
        command, cwd=pytester.path, env=env, capture_output=True, text=True, timeout=120
    )


def test_locally_a_skip_is_reported_with_how_to_enable_the_test(pytester):
    result = run(pytester, ci=None)
    assert result.returncode == 0, result.stdout
    assert "1 passed, 1 skipped" in result.stdout
    assert "SKIPPED" in result.stdout and "set DATABASE_URL=postgres://" in result.stdout


@pytest.mark.parametrize("ci", ["true", "1"])
def test_in_ci_a_skip_fails_the_run(pytester, ci):
    result = run(pytester, ci=ci)
    assert result.returncode == 1, result.stdout
    assert "1 passed, 1 error" in result.stdout  # skipped at setup: an error there
    assert "skipped in CI, where nothing may be skipped" in result.stdout
    assert "set DATABASE_URL=postgres://" in result.stdout
