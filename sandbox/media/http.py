"""Serving rendered media: ETag and conditional GET, caching headers, byte ranges.

Players seek with `Range: bytes=...` and expect 206 Partial Content; a range past
the end gets 416. Only single ranges are served (what browsers' <audio> sends); a
multi-range request gets the whole file, which RFC 9110 allows.
"""

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.http import content_disposition_header, parse_etags

MAX_AGE = 7 * 24 * 3600  # rendered media changes only with the catalogue
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def media_response(
    request: HttpRequest,
    etag: str,
    content_type: str,
    render: Callable[[], bytes],
    *,
    attachment: str | None = None,
    private: bool = False,
) -> HttpResponse:
    """The media at `etag` (a fingerprint), rendered only if the client lacks it.

    attachment: a file name to save it as; private: an owner's file, which no shared
    cache may keep (its signed URL is the only key to it)."""
    quoted = f'"{etag}"'
    if quoted in parse_etags(request.headers.get("If-None-Match", "")) or (
        request.headers.get("If-None-Match", "").strip() == "*"
    ):
        return _headers(HttpResponse(status=304), quoted, private)
    data = render()
    wanted = _requested_range(request, quoted, len(data))
    if wanted is None:
        response = HttpResponse(data, content_type=content_type)
    elif wanted == "unsatisfiable":
        response = HttpResponse(status=416, content_type=content_type)
        response["Content-Range"] = f"bytes */{len(data)}"
    else:
        start, end = wanted
        response = HttpResponse(data[start : end + 1], status=206, content_type=content_type)
        response["Content-Range"] = f"bytes {start}-{end}/{len(data)}"
    if attachment:
        response["Content-Disposition"] = content_disposition_header(True, attachment)
    return _headers(response, quoted, private)


def _headers(response: HttpResponse, quoted_etag: str, private: bool) -> HttpResponse:
    response["ETag"] = quoted_etag
    response["Cache-Control"] = "private, no-store" if private else f"public, max-age={MAX_AGE}"
    response["Accept-Ranges"] = "bytes"
    return response


def _requested_range(request: HttpRequest, quoted_etag: str, length: int):
    """(start, end) inclusive, "unsatisfiable", or None for the whole body."""
    header = request.headers.get("Range", "").replace(" ", "")
    if not header:
        return None
    if_range = request.headers.get("If-Range")
    if if_range is not None and if_range.strip() != quoted_etag:
        return None  # the client's copy is stale: send it all
    match = _RANGE.match(header)
    if not match or match.groups() == ("", ""):
        return None  # malformed or multi-range: ignore, as RFC 9110 allows
    first, last = match.groups()
    if first == "":  # the last N bytes
        suffix = int(last)
        if suffix == 0:
            return "unsatisfiable"
        return max(0, length - suffix), length - 1
    start = int(first)
    end = min(int(last), length - 1) if last else length - 1
    if start >= length or end < start:
        return "unsatisfiable"
    return start, end
