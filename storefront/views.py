"""The shop's error pages: not found (404), broken (500) and catalogue down (503).

They are friendly pages in the shop's layout with a way back into browsing. The 500
page renders without context processors: whatever broke the request (the API, the
database) must not also break the page that apologises for it.
"""

import logging

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme

logger = logging.getLogger(__name__)

# Seconds a browser or crawler should wait before retrying a page the API could not serve.
RETRY_AFTER_SECONDS = 60


def page_not_found(
    request: HttpRequest, exception: Exception | None = None, *, what: str = "page"
) -> HttpResponse:
    """404: "we could not find that <what>", with search and browse links."""
    return render(request, "404.html", {"what": what}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """500: a plain apology rendered from the template alone. "Try again" loads the page
    again; after a failed form (a POST, which a link cannot repeat) it goes back to the
    page the form was on, when that is one of the shop's."""
    again = request.path
    if request.method not in ("GET", "HEAD"):
        referer = request.headers.get("Referer", "")
        safe = url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()})
        again = referer if safe else "/"
    html = loader.get_template("500.html").render({"request_path": again})
    return HttpResponseServerError(html)


def service_unavailable(request: HttpRequest, error: Exception | None = None) -> HttpResponse:
    """503: the music catalogue is not answering and there is no saved copy to show."""
    if error is not None:
        logger.warning("catalogue unavailable for %s: %r", request.path, error)
    response = render(request, "503.html", status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
