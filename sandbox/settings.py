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
ROOT_URLCONF = "sandbox.urls"
WSGI_APPLICATION = "sandbox.wsgi.application"
DATABASES = {"default": dj_database_url.parse(SANDBOX_DATABASE_URL, conn_max_age=60)}
SESSION_COOKIE_NAME = "sandbox_sessionid"
CSRF_COOKIE_NAME = "sandbox_csrftoken"
# The sandbox answers on plain HTTP on loopback even with DEBUG off (it is a dev tool).
SECURE_SSL_REDIRECT = env_bool("SANDBOX_SSL_REDIRECT", default=False)
