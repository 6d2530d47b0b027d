"""gunicorn settings for the store's web processes in production (Procfile: `web`).

    gunicorn storefront.wsgi --config gunicorn.conf.py

Every value comes from the environment, so the platform (or process manager) that
starts N of these behind the load balancer sets them; see docs/deploy.md. Logs go to
stdout as JSON lines through the same secret-masking filter as the application's
(the access log carries query strings: OAuth callbacks have tokens).

gunicorn also reads this file, unasked, whenever it starts in this folder
(Procfile.dev's web, `make sandbox`, the tests' sandbox). Those run with the local or
the sandbox's settings:
they get gunicorn's defaults and their own command-line options, and only the
control socket is turned off for them too.
"""

import logging
import multiprocessing
import os

from gunicorn.glogging import Logger

# The store in production: its production settings (storefront.wsgi's default, or a
# module built on them such as bench/pages' settings) with DEBUG not turned on.
_SETTINGS = os.environ.get("DJANGO_SETTINGS_MODULE", "storefront.settings.production")
_DEBUG = os.environ.get("DEBUG", "").strip().lower() in {"1", "true", "yes", "on"}
PRODUCTION = not _DEBUG and _SETTINGS not in {"storefront.settings.local", "sandbox.settings"}

# The default control socket is one path per user: several gunicorn processes on one
# host (N web processes, or web and sandbox in development) would fight over it.
control_socket_disable = True

# The log threshold (docs/deploy.md), for gunicorn's own lines too: an access line is
# INFO, so LOG_LEVEL=WARNING leaves them out.
_LEVEL = os.environ.get("LOG_LEVEL", "INFO").upper()

_logging = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "storefront.logging.RedactingFilter"}},
    "formatters": {
        "json": {"()": "storefront.logging.JsonFormatter"},
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": os.environ.get("LOG_FORMAT", "json"),
            "filters": ["redact"],
        },
    },
    "root": {"handlers": ["stdout"], "level": _LEVEL},
    "loggers": {
        "gunicorn.error": {"handlers": ["stdout"], "level": _LEVEL, "propagate": False},
        "gunicorn.access": {"handlers": ["stdout"], "level": _LEVEL, "propagate": False},
    },
}


class ThresholdLogger(Logger):
    """gunicorn's logger, which builds no access line that the level would drop (it
    gathers the line's fields first, ~5 % of a kept page's time, before the level
    drops it)."""

    def access(self, resp, req, environ, request_time) -> None:
        if self.access_log.isEnabledFor(logging.INFO):
            super().access(resp, req, environ, request_time)


if PRODUCTION:
    # Where the load balancer reaches this process: every interface of its host or
    # container, on the port the platform hands out.
    bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
    # Sync workers, one request at a time each, as many as gunicorn advises (2 x cores
    # + 1): the spare processes cover the waits on the 7digital API. Most pages wait on
    # nothing (kept reads and pages) and are CPU: with threads (gthread) the same two
    # processes served a kept release page at 640 req/s against 946 as sync workers
    # (py-spy: the threads' hand-offs, the GIL after each socket write and the log
    # handler's lock). Raise GUNICORN_THREADS where pages do wait on the API.
    workers = int(os.environ.get("WEB_CONCURRENCY", str(2 * multiprocessing.cpu_count() + 1)))
    threads = int(os.environ.get("GUNICORN_THREADS", "1"))
    # A page waits at most SEVENDIGITAL_TIMEOUT (5 s) per API call, with one retry.
    timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
    graceful_timeout = 20
    # Close each connection after its response (as nginx's default HTTP/1.0 upstream
    # does anyway), so that every request goes to whichever process accepts it first.
    # Kept alive, a few long-lived connections (a balancer's pool, a benchmark's) stay
    # with the process that accepted them: the peer bench saw one of the two workers
    # serve every request for seconds on end, the other core idle, half the throughput.
    keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "0"))
    # The application is imported once, before the workers fork (nothing in it opens a
    # connection at import: the database, the cache and the API client connect on first
    # use in each worker). A recycled worker then starts in milliseconds, where each used
    # to import Django and the shop again (1-2 s of CPU here) and render its first pages
    # cold. A release restarts the processes (docs/deploy.md): nothing relies on HUP
    # reloading the code.
    preload_app = True
    # Recycle workers now and then, staggered, so that a slow leak never takes all at
    # once: every 20,000 requests (at 2,000 a worker recycled every few seconds under load).
    max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
    max_requests_jitter = max_requests // 10
    # The proxies whose X-Forwarded-* headers gunicorn believes (comma list, or "*").
    forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
    accesslog = "-"
    access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
    logconfig_dict = _logging
    logger_class = ThresholdLogger
