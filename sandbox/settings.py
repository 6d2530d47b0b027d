"""Settings of the sandbox process: the store's settings, its own database and URLs.

The sandbox is a separate service (an emulator of api.7digital.com); it shares the
environment-reading module with the store but no tables and no URL space.
"""

import dj_database_url

from storefront.settings import *  # noqa: F403
from storefront.settings import SANDBOX_DATABASE_URL, env_bool

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "sandbox",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
# The store's backends include allauth's, which the sandbox does not install.
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
# The store's context processors read the store's apps: the sandbox's pages use none.
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]
ROOT_URLCONF = "sandbox.urls"
WSGI_APPLICATION = "sandbox.wsgi.application"
DATABASES = {"default": dj_database_url.parse(SANDBOX_DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Several gunicorn threads share the file: a writer takes the lock at BEGIN and
    # others wait for it, instead of failing "database is locked" when two purchases race.
    DATABASES["default"].setdefault("OPTIONS", {}).update(transaction_mode="IMMEDIATE", timeout=20)
SESSION_COOKIE_NAME = "sandbox_sessionid"
CSRF_COOKIE_NAME = "sandbox_csrftoken"
# The sandbox answers on plain HTTP on loopback even with DEBUG off (it is a dev tool).
SECURE_SSL_REDIRECT = env_bool("SANDBOX_SSL_REDIRECT", default=False)
