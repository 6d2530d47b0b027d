"""The Content-Security-Policy's hosts outside the shop, from the API it talks to.

settings.CONTENT_SECURITY_POLICY allows the shop's own origin only. Pages also show
7digital's media: cover art (<img>), preview clips and locker streams (<audio>), and
a few forms end in a redirect to 7digital or PayPal (sign-in to link an account, the
card form, PayPal approval), which `form-action` must allow. Where those live follows
SEVENDIGITAL_API_URL: the sandbox serves all of them from its own origin; the real API
uses the hosts below. `StoreCSPMiddleware` adds them at each response from the
settings of that moment, so one setting (the API URL) decides them everywhere.
"""

from urllib.parse import urlsplit

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseBase

REAL_API_HOST = "api.7digital.com"
# Where the real API's pages get their media: art, 30 s previews, locker streams.
REAL_MEDIA_ORIGINS = (
    "https://artwork-cdn.7static.com",
    "https://previews.7digital.com",
    "https://stream.svc.7digital.net",
)
# Where a form's redirect may lead: 7digital's sign-in and card pages, PayPal.
REAL_FORM_ORIGINS = (
    "https://account.7digital.com",
    "https://api.7digital.com",
    "https://www.paypal.com",
)


POLICY_HEADERS = (HEADER, HEADER_REPORT_ONLY)


@receiver(setting_changed)
def _forget_plain_headers(**kwargs) -> None:
    StoreCSPMiddleware._plain_headers = None


def _excluded_prefixes() -> bool:
    """Whether either policy leaves some paths out (then each response is looked at)."""
    names = ("CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_REPORT_ONLY")
    return any((getattr(settings, name, None) or {}).get("EXCLUDE_URL_PREFIXES") for name in names)


def origin_of(url: str) -> str | None:
    """scheme://host[:port] of an absolute URL; None for anything else."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}"


def _unique(origins: list[str | None]) -> list[str]:
    return list(dict.fromkeys(origin for origin in origins if origin))


def _is_real_api(api_url: str) -> bool:
    return urlsplit(api_url).hostname == REAL_API_HOST


def media_origins() -> list[str]:
    """Origins of images and audio: the API's media hosts, any configured media URL."""
    api_url = settings.SEVENDIGITAL_API_URL
    hosts = list(REAL_MEDIA_ORIGINS) if _is_real_api(api_url) else [origin_of(api_url)]
    hosts.append(origin_of(settings.ACCOUNTS_LOCKER_STREAM_URL))
    return _unique([*hosts, *settings.STORE_CSP_MEDIA_ORIGINS])


def form_origins() -> list[str]:
    """Origins a form submission may be redirected to (off-site sign-in and payment)."""
    api_url = settings.SEVENDIGITAL_API_URL
    hosts = list(REAL_FORM_ORIGINS) if _is_real_api(api_url) else [origin_of(api_url)]
    return _unique([*hosts, *settings.STORE_CSP_FORM_ORIGINS])


def _merged(first: dict | None, second: dict) -> dict:
    merged = {key: list(values) for key, values in (first or {}).items() if values is not None}
    for key, values in second.items():
        merged[key] = [*merged.get(key, []), *values]
    return merged


# What a view or decorator can set on a response to change its policy (django-csp's
# csp_exempt, csp_update, csp_replace, csp_override, for the policy and report-only).
PER_RESPONSE = tuple(
    f"_csp_{change}{suffix}"
    for change in ("exempt", "config", "update", "replace")
    for suffix in ("", "_ro")
)


class StoreCSPMiddleware(CSPMiddleware):
    """django-csp's middleware with the API's media and form origins added.

    A response that no view changed the policy of, to a request that used no nonce, gets
    the same headers as every other: they are built once (by django-csp itself, for an
    empty response) and kept until a setting changes, not built again per response
    (~7 % of a kept page's time)."""

    _plain_headers: tuple[tuple[str, str], ...] | None = None

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if not self.plain(request, response):
            return super().process_response(request, response)
        headers = StoreCSPMiddleware._plain_headers
        if headers is None:
            built = super().process_response(request, HttpResponse())
            headers = tuple((name, built[name]) for name in POLICY_HEADERS if name in built)
            StoreCSPMiddleware._plain_headers = headers
        for name, value in headers:
            response.setdefault(name, value)
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    @staticmethod
    def plain(request: HttpRequest, response: HttpResponseBase) -> bool:
        return (
            response.status_code == 200
            and getattr(request, "_csp_nonce", None) is None
            and not any(hasattr(response, name) for name in PER_RESPONSE)
            and not _excluded_prefixes()
        )

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        media = media_origins()
        api_hosts = {"img-src": media, "media-src": media, "form-action": form_origins()}
        parts.update = _merged(parts.update, api_hosts)
        return parts
