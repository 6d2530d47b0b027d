"""Settings every process of the shop shares, read from the environment in one place.

Two modules build on this one, as cookiecutter-django's do: `storefront.settings.local`
(what `make run`, `manage.py` and the tests use: with no environment at all the store
runs on this machine, on SQLite files, a disk cache (storefront/cache.py) and a
filesystem broker, with the bundled sandbox as its 7digital API) and
`storefront.settings.production` (what the Procfile and `storefront.wsgi` use: DEBUG
off unless set, secrets required, HTTPS, SMTP, compressed static files, JSON logs).
"""

import os
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

import dj_database_url

BASE_DIR = Path(__file__).resolve().parents[2]
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))
# The embedded defaults (SQLite files, disk cache, filesystem broker) live here; every
# entry point (manage.py, gunicorn, celery) needs it before its first connection.
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


# --- Core ------------------------------------------------------------------------
# DEBUG, SECRET_KEY and TOKEN_ENCRYPTION_KEY: see local.py and production.py.
DEBUG = False

ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",") if h
]
ROOT_URLCONF = "storefront.urls"
WSGI_APPLICATION = "storefront.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
TIME_ZONE = "UTC"
USE_I18N = True
# --- Languages (README, "Languages") ---------------------------------------------------
# English is the source language and unprefixed (/release/1/); the others live under
# their prefix (/de/release/1/). Names are in their own language: the switcher shows
# them so, to a shopper who may not read the current one.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("de", "Deutsch"), ("fr", "Français"), ("ja", "日本語")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The shopper's chosen language (storefront.i18n.choose_language): a preference, kept
# a year; not read by scripts. production.py makes it Secure.
LANGUAGE_COOKIE_NAME = "language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
USE_TZ = True

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "csp",
    "catalogue",
    "checkout",
    "accounts",
    "staff",
    "allauth",
    "allauth.account",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "storefront.csp.StoreCSPMiddleware",  # Content-Security-Policy: see Security below
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Each shopper's per-user values (storefront/per_user.py): their token read once.
    "storefront.per_user.PerUserScopeMiddleware",
    # A catalogue page, kept a few seconds, served before the rest of the stack runs:
    # for signed-out visitors and for shoppers, their own parts filled in
    # (catalogue/shared_pages.py).
    "catalogue.shared_pages.SharedPageMiddleware",
    # The page's language from its URL prefix (none: English); then a first visit to an
    # English page whose browser prefers de/fr/ja is sent to that language's page.
    "django.middleware.locale.LocaleMiddleware",
    "storefront.i18n.PreferredLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.StaffLanguageMiddleware",  # the admin in the staff member's language
    "storefront.territory.TerritoryMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "storefront.context_processors.languages",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "storefront.context_processors.territory",
                "checkout.context_processors.basket",
                "accounts.context_processors.wishlist",
            ],
        },
    },
]

# What a catalogue page kept for many shoppers fills its `{% hole %}`s from, besides the
# request and its CSRF token: each shopper's own values (catalogue/shared_pages.py).
# For a signed-in shopper each value is one kept under their per-user version
# (storefront/per_user.py): a hole's output is kept per version.
KEPT_PAGE_HOLE_CONTEXT = [
    "storefront.context_processors.user",
    "checkout.context_processors.basket",
    "accounts.context_processors.wishlist",
]

# --- Database ----------------------------------------------------------------------
# DATABASE_URL for the store; SANDBOX_DATABASE_URL for the sandbox process.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'store.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # gunicorn's threads share the file: a transaction takes the write lock at BEGIN and
    # the others wait for it (up to 20 s). Deferred, a transaction that read first fails
    # at once with "database is locked" when another writes (a basket add under load).
    DATABASES["default"].setdefault("OPTIONS", {}).update(transaction_mode="IMMEDIATE", timeout=20)
SANDBOX_DATABASE_URL = os.environ.get(
    "SANDBOX_DATABASE_URL", f"sqlite:///{VAR_DIR / 'sandbox.sqlite3'}"
)

# --- Cache and broker ----------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 2, "SOCKET_TIMEOUT": 2},
            # Several deployments (or test sessions) may share one Redis.
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", ""),
        }
    }
    CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL)
else:
    # Shared by every process on the machine, needs no server (storefront/cache.py).
    CACHES = {
        "default": {
            "BACKEND": "storefront.cache.DiskCache",
            "LOCATION": str(VAR_DIR / "shared-cache"),
            # A read waits this long for a writer before it counts as a miss; writes
            # retry until they land (diskcache's Django defaults).
            "DATABASE_TIMEOUT": 0.1,
            # Past 1 GB of entries the least recently stored go first. Values up to 1 MB
            # are rows of the SQLite file, not files of their own (diskcache's default
            # is 32 KB): a kept page (~50 KB) was a new file and the old one's removal
            # at each keep, a third of rendering the page (bench/profile/run.py --misses).
            "OPTIONS": {"size_limit": 2**30, "disk_min_file_size": 2**20},
        }
    }
    CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "filesystem://")
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "data_folder_in": str(VAR_DIR / "broker"),
    "data_folder_out": str(VAR_DIR / "broker"),
    "data_folder_processed": str(VAR_DIR / "broker" / "processed"),
    "control_folder": str(VAR_DIR / "broker" / "control"),
    "visibility_timeout": 3600,
}
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_TIME_LIMIT = 120
CELERY_TASK_SOFT_TIME_LIMIT = 100
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Shared HTML fragments (catalogue/templatetags/fragments.py): kept in this cache too,
# so one worker's render serves the others; checked to be whole elements when asked.
FRAGMENTS_CACHE = "default"
FRAGMENTS_CHECK_HTML = env_bool("FRAGMENTS_CHECK_HTML", default=False)
# A catalogue page is kept this many seconds (in the process and the shared cache) for
# the next visitors of its URL, language and territory, signed out or signed in, its
# holes filled on each serve (catalogue/shared_pages.py); 0 turns it off. As long as a
# process keeps its copy of a read or a database-built page (storefront.reads.
# LOCAL_SECONDS): what it shows comes from reads fresh for a day
# (CATALOGUE_CACHE_SECONDS), and a shopper's own parts are filled on every serve.
SHARED_PAGE_SECONDS = int(os.environ.get("SHARED_PAGE_SECONDS", "10"))

# --- The 7digital API ----------------------------------------------------------------
SANDBOX_PORT = int(os.environ.get("SANDBOX_PORT", "8001"))
SANDBOX_CONSUMER_KEY = os.environ.get("SANDBOX_CONSUMER_KEY", "7dsandboxkey")
SANDBOX_CONSUMER_SECRET = os.environ.get("SANDBOX_CONSUMER_SECRET", "sandbox-demo-secret")
# Requests a day for the sandbox's demo key (the real prototype-key limit is 4,000).
SANDBOX_RATE_LIMIT = int(os.environ.get("SANDBOX_RATE_LIMIT", "4000"))
SEVENDIGITAL_API_URL = os.environ.get(
    "SEVENDIGITAL_API_URL", f"http://127.0.0.1:{SANDBOX_PORT}/1.2"
)
SEVENDIGITAL_CONSUMER_KEY = os.environ.get("SEVENDIGITAL_CONSUMER_KEY", SANDBOX_CONSUMER_KEY)
SEVENDIGITAL_CONSUMER_SECRET = os.environ.get(
    "SEVENDIGITAL_CONSUMER_SECRET", SANDBOX_CONSUMER_SECRET
)
SEVENDIGITAL_TIMEOUT = float(os.environ.get("SEVENDIGITAL_TIMEOUT", "5"))
SEVENDIGITAL_DEFAULT_COUNTRY = os.environ.get("SEVENDIGITAL_DEFAULT_COUNTRY", "GB")

# --- The shop window -------------------------------------------------------------------
# Territories the shop sells in: the switcher offers these, Celery keeps their home
# pages and charts warm (each costs 42 API calls a day: see CATALOGUE_CACHE_SECONDS).
STORE_TERRITORIES = [
    code.strip().upper()
    for code in os.environ.get("STORE_TERRITORIES", "GB,US,DE,FR,JP").split(",")
    if code.strip()
]
# The language each territory's shoppers mostly read: the language switcher suggests
# it when the page is in another (a territory never changes the language by itself).
STORE_TERRITORY_LANGUAGES = {"GB": "en", "US": "en", "DE": "de", "AT": "de", "FR": "fr", "JP": "ja"}
STORE_EDITORIAL_KEYS = ["home", "staff-picks"]  # 7digital editorial/list keys on the home page
STORE_FEATURED_TAGS = ["pop", "rock", "electronic", "hip-hop"]  # home page "new in <tag>"
# Proxies in front of the store that append to X-Forwarded-For (0: use REMOTE_ADDR).
STORE_TRUSTED_PROXY_COUNT = int(os.environ.get("STORE_TRUSTED_PROXY_COUNT", "0"))
# A request header in which the store's own CDN or load balancer gives the visitor's
# country (e.g. CloudFront-Viewer-Country, CF-IPCountry): a session's territory then
# costs no country/resolve call. Only set it when that proxy always overwrites it.
STORE_COUNTRY_HEADER = os.environ.get("STORE_COUNTRY_HEADER", "")

# --- Catalogue cache lifetimes (seconds): the one table -------------------------------
# A prototype key allows 4,000 calls a day, so lifetimes follow how often 7digital's
# data really changes: item details (titles, tracklists, prices) and search results a
# day (7digital adds releases in weekly batches), what hangs off them (tags, reviews,
# recommendations) a week. Calls then grow with how many distinct
# items and searches shoppers reach in a day, not with how many pages they view
# (bench/README.md, "Load"). The basket and checkout always show 7digital's own price.
_MINUTE, _HOUR, _DAY = 60, 3600, 86400
CATALOGUE_CACHE_SECONDS = {
    # API reads, by client operation: how long a copy is fresh.
    "get_release_details": _DAY,
    "get_release_tracks": _DAY,
    "get_release_tags": 7 * _DAY,
    "get_release_editorial": 7 * _DAY,
    "get_release_recommendations": 7 * _DAY,
    "get_track_details": _DAY,
    "get_artist_details": _DAY,
    "get_artist_releases": _DAY,
    "get_artist_top_tracks": _DAY,
    "get_similar_artists": 7 * _DAY,
    "browse_artists": _DAY,
    "search_releases": _DAY,
    "search_tracks": _DAY,
    "search_artists": _DAY,
    "get_release_chart": 6 * _HOUR,
    "get_track_chart": 6 * _HOUR,
    "get_artist_chart": 6 * _HOUR,
    "get_new_releases_by_tags": 6 * _HOUR,
    "get_top_releases_by_tags": 6 * _HOUR,
    "get_editorial_list": 6 * _HOUR,
    "get_all_tags": _DAY,
    "get_countries": _DAY,
    "resolve_country_for_ip": _DAY,
    # Snapshots that Celery beat refreshes when they reach this age (pages refresh one
    # themselves only past twice the age): 42 calls a day per territory (charts 18,
    # editorial 8, new releases by tag 16). 7digital recomputes its charts daily.
    "snapshot:chart:day": 6 * _HOUR,
    "snapshot:chart:week": _DAY,
    "snapshot:chart:month": _DAY,
    "snapshot:editorial": 6 * _HOUR,
    "snapshot:new-releases": 6 * _HOUR,
    # How long the last good copy of any read is kept to serve while the API fails.
    "last_good": 14 * _DAY,
    # After the API failed, pages serve their last good copies without calling it.
    "api_backoff": 30,
}
# Once the key has used this share of its daily calls (the API's X-RateLimit headers),
# pages stop fetching their extras (a release's tags, review and recommendations; an
# artist's similar artists): what they have cached is shown, the calls left go to what
# pages cannot do without. 1.0 turns it off.
STORE_EXTRAS_BELOW_USAGE = float(os.environ.get("STORE_EXTRAS_BELOW_USAGE", "0.5"))

# --- Accounts: sign-in (django-allauth), email, the 7digital link -------------------------
# Django's and allauth's, but `get_user` reads the signed-in user from the shared cache
# (accounts/backends.py: a query on every signed-in request otherwise).
AUTHENTICATION_BACKENDS = [
    "accounts.backends.ModelBackend",  # the admin's username sign-in
    "accounts.backends.AuthenticationBackend",  # shoppers: email + password
]
# Argon2id first (storefront/hashers.py: memory-hard, and about 40 ms of CPU a hash
# where 1,000,000 PBKDF2 rounds took 370 ms, three times a sign-up: the store, then
# the sandbox, which imports these settings); the others still check older hashes,
# which are rehashed with Argon2id at the next sign-in.
PASSWORD_HASHERS = [
    "storefront.hashers.Argon2idHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",  # 8: 7digital needs 6 to 128 characters
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "locker"
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_USER_DISPLAY = "accounts.adapter.user_display"  # shoppers know their email
# "optional" lets a demo shopper in at once; production sets "mandatory".
ACCOUNT_EMAIL_VERIFICATION = os.environ.get("ACCOUNT_EMAIL_VERIFICATION", "optional")
ACCOUNT_LOGOUT_ON_GET = False  # signing out is a POST, like every state change
ACCOUNT_SESSION_REMEMBER = None  # the shopper ticks "remember me"
# allauth's rate limits (in the cache, so shared by every web process) stay on;
# login_failed throttles a guessed account after 5 failures in 5 minutes.
ACCOUNT_RATE_LIMITS = {
    "login_failed": os.environ.get("ACCOUNT_LOGIN_FAILED_RATE_LIMIT", "10/m/ip,5/5m/key"),
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Crate] "
# The shop's address in emails sent outside a request (wishlist alerts).
STORE_URL = os.environ.get("STORE_URL", "http://127.0.0.1:8000")
# Signed media of owned music; empty: the sandbox's routes, or 7digital's hosts (accounts.media).
ACCOUNTS_LOCKER_STREAM_URL = os.environ.get("ACCOUNTS_LOCKER_STREAM_URL", "")
ACCOUNTS_RELEASE_DOWNLOAD_URL = os.environ.get("ACCOUNTS_RELEASE_DOWNLOAD_URL", "")

DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Crate <shop@localhost>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# Mail: EMAIL_URL (smtp://user:password@host:587, smtps://... for SSL, ?tls=0 to turn
# STARTTLS off) or EMAIL_HOST/PORT/HOST_USER/HOST_PASSWORD/USE_TLS. Production always
# sends by SMTP; development prints mail in the terminal unless one of them is set.
EMAIL_URL = os.environ.get("EMAIL_URL", "")
SMTP_CONFIGURED = bool(EMAIL_URL or os.environ.get("EMAIL_HOST"))


def smtp_settings() -> dict[str, object]:
    """Django's EMAIL_* settings for SMTP, from EMAIL_URL or the EMAIL_* variables."""
    email = urlsplit(EMAIL_URL)
    tls = dict(parse_qsl(email.query)).get("tls", os.environ.get("EMAIL_USE_TLS", "1"))
    use_ssl = email.scheme == "smtps"
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": email.hostname or os.environ.get("EMAIL_HOST", "localhost"),
        "EMAIL_PORT": email.port or int(os.environ.get("EMAIL_PORT", "587")),
        "EMAIL_HOST_USER": unquote(email.username or os.environ.get("EMAIL_HOST_USER", "")),
        "EMAIL_HOST_PASSWORD": unquote(email.password or os.environ.get("EMAIL_HOST_PASSWORD", "")),
        "EMAIL_USE_SSL": use_ssl,
        "EMAIL_USE_TLS": not use_ssl and tls.strip().lower() in {"1", "true", "yes", "on"},
        "EMAIL_TIMEOUT": 10,
    }


# --- Static files ----------------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
    },  # production.py: WhiteNoise's compressed manifest
}
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "media/"

# --- Health check (/healthz) ----------------------------------------------------------
# Seconds an API answer serves every poller (shared cache): the store's own calls count,
# so a busy store spends none of the prototype key's 4,000 calls a day on health, an idle
# one at most 86400/300 = 288, however many processes and load balancers poll.
HEALTH_API_CHECK_SECONDS = int(os.environ.get("HEALTH_API_CHECK_SECONDS", "300"))

# --- Security --------------------------------------------------------------------------
# HTTPS, HSTS and secure cookies: production.py.
# Origins (https://shop.example.com) whose POSTs pass CSRF besides the request's own host,
# e.g. when the load balancer rewrites Host.
CSRF_TRUSTED_ORIGINS = [
    origin.strip()
    for origin in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",")
    if origin.strip()
]
SESSION_COOKIE_HTTPONLY = True
# allauth's per-IP rate limits (sign-in failures) must count the shopper's address,
# not the load balancer's: trust the same proxies as the territory lookup does.
ALLAUTH_TRUSTED_PROXY_COUNT = STORE_TRUSTED_PROXY_COUNT
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp), in force in development too so that a page
# that would break in production breaks here first. Scripts, styles, fonts and
# requests come from the shop's own origin only; storefront.csp adds the API's media
# hosts (cover art, previews, streams) to img-src and media-src, and its sign-in and
# payment hosts to form-action, from SEVENDIGITAL_API_URL at each response.
# The one inline script (templates/base.html swaps "no-js" for "js" before first
# paint) is allowed by its hash; tests/storefront/test_production_settings.py checks
# every inline script a page renders is listed here. Style *attributes* are allowed
# (a few templates set layout or a CSS variable in style="..."); <style> elements
# are not (htmx's indicator styles are in store.css: includeIndicatorStyles is off).
STORE_CSP_SCRIPT_HASHES = ["'sha256-tlTtfpdsMQSdcfX3DLM1fgx/y++BLw+48vFj+5cTJa0='"]
STORE_CSP_MEDIA_ORIGINS = os.environ.get("CSP_MEDIA_ORIGINS", "").split()  # e.g. a CDN
STORE_CSP_FORM_ORIGINS = os.environ.get("CSP_FORM_ORIGINS", "").split()
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", *STORE_CSP_SCRIPT_HASHES],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "media-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# --- Logging ---------------------------------------------------------------------------
# Every line goes through storefront.logging.RedactingFilter (OAuth signatures and
# tokens, passwords, secrets, card numbers masked). LOG_FORMAT: "json" (one object a
# line, the production default, for log collectors) or "plain" (the development one).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json")  # local.py: "plain"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "storefront.logging.RedactingFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "storefront.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["redact"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own handlers (an unfiltered console, mail to ADMINS) are replaced:
        # its records reach the console above through the root logger.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.db.backends": {"level": "WARNING"},
    },
}
# Celery's worker keeps this configuration instead of installing its own handlers.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
