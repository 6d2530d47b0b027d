"""The operation registry and the one view that dispatches every API path.

Each operation registers its path (matched case-insensitively, as the real API
does), its HTTP methods and its auth level. The dispatcher authenticates the
caller (OAuth 1.0), counts the request against the key's rate limit, runs the
operation and renders its payload or its error in the real wire format.
"""

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt

from .errors import ApiError, OAuthFailure, invalid
from .params import Params
from .xml import Element, render, render_error

logger = logging.getLogger(__name__)

KEY = "key"  # consumer key only (a signature, if sent, is still verified)
TWO_LEGGED = "2L"  # signed with the consumer secret
THREE_LEGGED = "3L"  # signed with a user's access token (or 2L + userId, managed users)

DEFAULT_COUNTRY = "GB"


@dataclass
class ApiRequest:
    """What an operation gets: the request, its parameters and who is calling."""

    request: HttpRequest
    params: Params
    caller: object  # sandbox.oauth.Caller: consumer, user, token
    path_args: dict[str, str] = field(default_factory=dict)

    @cached_property
    def country(self):
        """The territory asked for by `country` or `shopId` (default GB)."""
        from sandbox.models import Country

        code = self.params.str("country")
        if code:
            country = Country.objects.filter(code=code.upper()).first()
            if country is None:
                raise invalid("country", f"'{code}' is not a territory 7digital sells in")
            return country
        shop_id = self.params.str("shopId")
        if shop_id:
            numeric = shop_id.isascii() and shop_id.isdigit()  # "²".isdigit() is True too
            country = Country.objects.filter(shop_id=shop_id).first() if numeric else None
            if country is None:
                raise invalid("shopId", f"'{shop_id}' is not a shop")
            return country
        return Country.objects.get(code=DEFAULT_COUNTRY)

    @property
    def consumer(self):
        return self.caller.consumer

    @property
    def user(self):
        return self.caller.user


Handler = Callable[[ApiRequest], Element | HttpResponse | None]


@dataclass(frozen=True)
class Operation:
    path: str
    methods: tuple[str, ...]
    auth: str
    handler: Handler
    pattern: re.Pattern


OPERATIONS: dict[str, Operation] = {}
_PATTERNED: list[Operation] = []


def operation(path: str, *, auth: str = KEY, methods: tuple[str, ...] = ("GET",)):
    """Register handler for path; `{name}` segments become path arguments."""

    def register(handler: Handler) -> Handler:
        regex = re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", path)
        pattern = re.compile(f"^{regex}$", re.IGNORECASE)
        op = Operation(path, tuple(methods), auth, handler, pattern)
        key = f"{path.lower()} {','.join(methods)}"
        OPERATIONS[key] = op
        if "{" in path:
            _PATTERNED.append(op)
        return handler

    return register


def find_operations(path: str) -> list[tuple[Operation, dict[str, str]]]:
    # Paths match case-insensitively; path arguments keep the case the client sent.
    path = path.strip("/")
    found = [(op, {}) for op in OPERATIONS.values() if op.path.lower() == path.lower()]
    for op in _PATTERNED:
        match = op.pattern.match(path)
        if match:
            found.append((op, match.groupdict()))
    return found


def _oauth_failure(error: OAuthFailure) -> HttpResponse:
    return HttpResponse(
        f"OAuth authentication error: {error.reason}",
        status=error.status,
        content_type="text/plain; charset=utf-8",
    )


@csrf_exempt
def dispatch(request: HttpRequest, path: str) -> HttpResponse:
    from sandbox import oauth, ratelimit

    candidates = find_operations(path)
    if not candidates:
        return render_error(request, 2001, f"No such API method: {path}", 404)
    matching = [(op, args) for op, args in candidates if request.method in op.methods]
    if not matching:
        allowed = sorted({m for op, _ in candidates for m in op.methods})
        response = render_error(request, 1002, f"Method {request.method} is not allowed here", 405)
        response["Allow"] = ", ".join(allowed)
        return response
    op, path_args = matching[0]

    try:
        caller = oauth.authenticate(request, op.auth)
    except OAuthFailure as error:
        return _oauth_failure(error)
    except ApiError as error:  # a bad userId, read while finding the managed user
        return render_error(request, error.code, error.message, error.status)

    limit = ratelimit.hit(caller.consumer)
    if limit.exceeded:
        response = render_error(request, 7001, "Rate limit exceeded for this consumer key", 429)
    else:
        response = _run(request, op, ApiRequest(request, Params(request), caller, path_args))
    limit.apply_headers(response)
    return response


def _run(request: HttpRequest, op: Operation, api: ApiRequest) -> HttpResponse:
    try:
        result = op.handler(api)
    except ApiError as error:
        return render_error(request, error.code, error.message, error.status)
    except OAuthFailure as error:
        return _oauth_failure(error)
    except Exception:
        logger.exception("Unexpected error in %s", op.path)
        return render_error(request, 9001, "An unexpected internal server error occurred", 500)
    if isinstance(result, HttpResponse):
        return result
    return render(request, result)
