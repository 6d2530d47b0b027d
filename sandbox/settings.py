"""Settings of the sandbox process, a stand-in for api.7digital.com.

The sandbox is its own service: it reads its own environment and shares no settings,
tables, cache entries or URL space with the store (import-linter holds it to that;
pyproject.toml). With no environment at all it runs on this machine: a SQLite file
and a file cache under VAR_DIR, the demo consumer key below.
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}


# --- Core ------------------------------------------------------------------------
DEBUG = env_bool("DEBUG", default=True)
SECRET_KEY = os.environ.get("SANDBOX_SECRET_KEY") or os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("SANDBOX_SECRET_KEY (or SECRET_KEY) must be set when DEBUG is off")
    SECRET_KEY = "sandbox-dev-only-insecure-secret-key"  # nosec B105  # development only
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",") if h
]
ROOT_URLCONF = "sandbox.urls"
WSGI_APPLICATION = "sandbox.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

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

PASSWORD_HASHERS = [
    "sandbox.hashers.Argon2idHasher",  # older hashes are upgraded when checked
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

# --- Database and cache ---------------------------------------------------------------
SANDBOX_DATABASE_URL = os.environ.get(
    "SANDBOX_DATABASE_URL", f"sqlite:///{VAR_DIR / 'sandbox.sqlite3'}"
)
DATABASES = {"default": dj_database_url.parse(SANDBOX_DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Several gunicorn threads share the file: a writer takes the lock at BEGIN and
    # others wait for it, instead of failing "database is locked" when two purchases race.
    DATABASES["default"].setdefault("OPTIONS", {}).update(transaction_mode="IMMEDIATE", timeout=20)
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 2, "SOCKET_TIMEOUT": 2},
            # The store may share this Redis: the sandbox's entries never meet its own.
            "KEY_PREFIX": f"sandbox{os.environ.get('CACHE_KEY_PREFIX', '')}",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "sandbox-cache"),
            # Django's default of 300 entries would cull the keys' request counters
            # (rate limits, the benches' call counts) on a busy day.
            "OPTIONS": {"MAX_ENTRIES": 50_000, "CULL_FREQUENCY": 10},
        }
    }

# --- The API it plays -------------------------------------------------------------------
SANDBOX_PORT = int(os.environ.get("SANDBOX_PORT", "8001"))
# Where clients reach the sandbox ("http://127.0.0.1:8001"): the origin of every URL it
# hands out. Empty: each request's own origin (X-Forwarded-Proto/-Host/-Port honoured).
SANDBOX_PUBLIC_URL = os.environ.get("SANDBOX_PUBLIC_URL", "")
SANDBOX_CONSUMER_KEY = os.environ.get("SANDBOX_CONSUMER_KEY", "7dsandboxkey")
SANDBOX_CONSUMER_SECRET = os.environ.get("SANDBOX_CONSUMER_SECRET", "sandbox-demo-secret")
# Requests a day for the demo key (the real prototype-key limit is 4,000).
SANDBOX_RATE_LIMIT = int(os.environ.get("SANDBOX_RATE_LIMIT", "4000"))

# --- Static files, security, logging --------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
SESSION_COOKIE_NAME = "sandbox_sessionid"
CSRF_COOKIE_NAME = "sandbox_csrftoken"
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# The sandbox answers on plain HTTP on loopback even with DEBUG off (it is a dev tool).
SECURE_SSL_REDIRECT = env_bool("SANDBOX_SSL_REDIRECT", default=False)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
