"""The shopper's territory: chosen with the switcher, else derived on each request.

`TerritoryMiddleware` sets `request.country` (an ISO code of `settings.STORE_TERRITORIES`)
and writes nothing: a first visit, a crawler or a link preview costs no session row
and gets no session cookie. A territory the shopper chose (`set_territory`, the
switcher's POST target) lives in a signed cookie. Without one, each request takes it
from the country header of the store's own CDN or load balancer when
`settings.STORE_COUNTRY_HEADER` names one (no call), else resolves the IP through
the API's `country/resolve`, a cached read: asked about the address's network (/24,
or /48 for IPv6: the granularity of IP geolocation), so neighbours share one answer
a day and no shopper's full address leaves the store. Any failure, or a territory
the shop does not sell in, gives `settings.SEVENDIGITAL_DEFAULT_COUNTRY`.
Include `territory_urls` in the project's URLconf.
"""

import ipaddress
import logging
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from sevendigital import SevenDigitalError
from storefront.http import safe_next
from storefront.reads import fetch, read

logger = logging.getLogger(__name__)

COOKIE_NAME = "territory"
COOKIE_SALT = "storefront.territory"
COOKIE_MAX_AGE = 365 * 24 * 3600  # a choice the shopper made: kept a year


def offered() -> list[str]:
    return list(settings.STORE_TERRITORIES)


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR, or the address our own proxies saw when settings say they append
    to X-Forwarded-For (the entries before theirs are the client's word only)."""
    proxies = settings.STORE_TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if proxies > 0 and len(hops) >= proxies:
        return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def network_address(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    """The first address of the /24 (IPv4) or /48 (IPv6) network holding `address`."""
    prefix = 24 if address.version == 4 else 48
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False).network_address)


def header_country(request: HttpRequest) -> str | None:
    """The territory in the trusted country header (settings.STORE_COUNTRY_HEADER), if
    it names one the shop sells in."""
    header = settings.STORE_COUNTRY_HEADER
    if not header:
        return None
    code = request.headers.get(header, "").strip().upper()
    return code if code in offered() else None


def resolve_country(ip: str) -> str:
    """The shop territory of an IP address; the default one when unknown or failing."""
    default = settings.SEVENDIGITAL_DEFAULT_COUNTRY
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return default
    if address.is_loopback or address.is_unspecified:
        return default  # a developer's own machine: no call spent on it
    try:
        answer = fetch(read("resolve_country_for_ip", ip_address=network_address(address)))
        code = answer.value.country_code
    except SevenDigitalError as error:
        logger.info("country/resolve failed (%s): default territory", type(error).__name__)
        return default
    code = (code or "").upper()
    return code if code in offered() else default


def chosen_country(request: HttpRequest) -> str | None:
    """The territory the shopper chose with the switcher (its signed cookie), if the
    shop still sells in it."""
    code = request.get_signed_cookie(COOKIE_NAME, default=None, salt=COOKIE_SALT)
    return code if code in offered() else None


def remember_choice(response: HttpResponse, country: str) -> None:
    response.set_signed_cookie(
        COOKIE_NAME,
        country,
        salt=COOKIE_SALT,
        max_age=COOKIE_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def country_of(request: HttpRequest) -> str:
    """The request's territory: the shopper's choice, else derived from the request.
    Worked out once per request (catalogue.shared_pages asks before this middleware)."""
    try:
        return request._territory
    except AttributeError:
        request._territory = (
            chosen_country(request)
            or header_country(request)
            or resolve_country(client_ip(request))
        )
        return request._territory


class TerritoryMiddleware:
    """Sets `request.country`: the shopper's choice, else derived from the request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.country = country_of(request)
        return self.get_response(request)


@require_POST
def set_territory(request: HttpRequest) -> HttpResponse:
    """Switch territory (POST `country`), then go back to `next` if it is ours."""
    country = request.POST.get("country", "").strip().upper()
    if country not in offered():
        return HttpResponseBadRequest(gettext("Unknown territory"))
    target = safe_next(request, request.POST.get("next"), default="/")
    if getattr(request, "htmx", False):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = target  # a full page load: prices change everywhere
    else:
        response = redirect(target)
    remember_choice(response, country)
    return response


territory_urls = [path("territory/", set_territory, name="set-territory")]
