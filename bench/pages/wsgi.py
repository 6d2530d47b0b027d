"""The page benchmark's WSGI application: the store, and beside it in the same
process the baseline `/__bare__` behind the middleware `django-admin startproject`
writes (no store middleware: no WhiteNoise, CSP, allauth, territory or htmx)."""

import os

from django.core.handlers.wsgi import WSGIHandler
from django.core.wsgi import get_wsgi_application
from django.test.utils import override_settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.pages.settings")

PLAIN_MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
BARE_PATH = "/__bare__"

store = get_wsgi_application()
with override_settings(MIDDLEWARE=PLAIN_MIDDLEWARE):
    bare = WSGIHandler()  # its middleware chain is built here, from the plain list


def application(environ, start_response):
    handler = bare if environ.get("PATH_INFO") == BARE_PATH else store
    return handler(environ, start_response)
