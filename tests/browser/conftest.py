"""Browser tests: the store in pytest-django's live server, on the real sandbox,
driven through the system Chromium with Playwright (pytest-playwright's `page`).

Chromium comes from Debian (`apt-get install chromium`); where it is missing every
browser test is skipped with that hint. The sandbox is the session's `sandbox_server`
(a gunicorn process with the tiny catalogue); the store's settings point at it for
each test, with an empty cache.
"""

import os
from pathlib import Path

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from storefront.api import reset_client
from tests.skips import CHROMIUM, CHROMIUM_MISSING

# The live server thread and Playwright's sync API (an event loop in this thread) share
# the process: Django must allow its ORM to be called from here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # Previews start on a click anyway; headless Chromium may still ask for a gesture.
    "--autoplay-policy=no-user-gesture-required",
]
SHOTS = Path(os.environ.get("BROWSER_SHOTS_DIR", "/tmp"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """pytest-playwright launches the system Chromium (Playwright cannot download one here)."""
    if not CHROMIUM.exists():
        pytest.skip(CHROMIUM_MISSING)
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


# Tests wait on states (visible, URL, text), never on sleeps, each for as long as the
# slowest step can take on a busy 2-core machine: a sign-up hashes the password on the
# store and on the sandbox and makes the 7digital user, several seconds under load
# (Playwright's own 5 s for `expect` is what timed out).
STEP_SECONDS = 30
expect.set_options(timeout=STEP_SECONDS * 1000)


@pytest.fixture
def context(context):
    """pytest-playwright's context; its pages wait STEP_SECONDS for actions and loads."""
    context.set_default_timeout(STEP_SECONDS * 1000)
    context.set_default_navigation_timeout(STEP_SECONDS * 1000)
    return context


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "viewport": {"width": 1366, "height": 900}, "locale": "en-GB"}


@pytest.fixture
def store(live_server, sandbox_server, settings) -> str:
    """The store's base URL, talking to the sandbox, with a cold cache."""
    settings.SEVENDIGITAL_API_URL = sandbox_server.api_url
    settings.SEVENDIGITAL_CONSUMER_KEY = sandbox_server.consumer_key
    settings.SEVENDIGITAL_CONSUMER_SECRET = sandbox_server.consumer_secret
    settings.SEVENDIGITAL_DEFAULT_COUNTRY = "GB"
    cache.clear()
    reset_client()
    yield live_server.url
    cache.clear()
    reset_client()


@pytest.fixture
def screenshot(page):
    """Save a full-page screenshot under SHOTS (default /tmp) for a human to look at."""

    def take(name: str) -> Path:
        path = SHOTS / f"store-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
