"""Test settings: the store's settings with the sandbox app beside it.

Unit tests of the sandbox use its models in the test database; tests that need a
real API start the sandbox as its own process (see tests/conftest.py).
"""

from storefront.settings.local import *  # noqa: F403
from storefront.settings.local import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "sandbox"]
ROOT_URLCONF = "tests.urls"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests change the catalogue and look at it at once: pages are kept only where a test
# asks for it (tests/catalogue/test_shared_pages.py).
SHARED_PAGE_SECONDS = 0
