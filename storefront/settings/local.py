"""Development settings: `make run`, `manage.py` and the tests.

DEBUG on unless DEBUG says otherwise, development secrets when none are given, mail
printed in the terminal (unless EMAIL_URL or EMAIL_HOST is set), readable logs.
"""

import os

from .base import *  # noqa: F403
from .base import LOGGING, SMTP_CONFIGURED, env_bool, smtp_settings

DEBUG = env_bool("DEBUG", default=True)
FRAGMENTS_CHECK_HTML = env_bool("FRAGMENTS_CHECK_HTML", default=DEBUG)
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-secret-key-change-me-in-production")
TOKEN_ENCRYPTION_KEY = os.environ.get(
    "TOKEN_ENCRYPTION_KEY", "ZGV2LW9ubHktdG9rZW4ta2V5LTMyLWJ5dGVzLWxvbmc="
)

if SMTP_CONFIGURED:
    globals().update(smtp_settings())
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

LOG_FORMAT = os.environ.get("LOG_FORMAT", "plain")
LOGGING["handlers"]["console"]["formatter"] = LOG_FORMAT
