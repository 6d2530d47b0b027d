"""Production settings: the Procfile's web, worker and beat, and `storefront.wsgi`.

DEBUG is off unless DEBUG is set (a deploy that forgets it does not run in debug), the
secrets must come from the environment (starting without one fails and says which),
mail goes out by SMTP, static files are WhiteNoise's compressed manifest, and HTTPS,
HSTS and secure cookies are on. `manage.py check --deploy` is clean with these.
"""

import os

from .base import *  # noqa: F403
from .base import STORAGES, env_bool, smtp_settings


def env_required(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise RuntimeError(f"{name} must be set in production")
    return value


DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = env_required("SECRET_KEY")
TOKEN_ENCRYPTION_KEY = env_required("TOKEN_ENCRYPTION_KEY")

globals().update(smtp_settings())

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Production runs behind a TLS-terminating load balancer or proxy that sets
# X-Forwarded-Proto (and overwrites any value a client sent). See docs/deploy.md.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
# Load balancers poll the health check over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
