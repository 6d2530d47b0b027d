"""Request parameters as the real API reads them: case-insensitive, typed, validated.

GET parameters come from the query string; POST/PUT parameters from the form body,
with the query string as a fallback (the router accepts a few there too). Unknown
parameters are ignored. A bad value is a 1002, a missing one a 1001, an out-of-range
page size a 1003.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.http import HttpRequest, QueryDict

from .errors import invalid, missing, out_of_range

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 10


def _body_params(request: HttpRequest) -> QueryDict:
    if request.method in ("POST", "PUT", "PATCH"):
        content_type = request.content_type or ""
        if content_type in ("", "application/x-www-form-urlencoded"):
            return QueryDict(request.body, encoding=request.encoding or "utf-8")
    return QueryDict()


class Params:
    """Case-insensitive access to the parameters of one API request."""

    def __init__(self, request: HttpRequest):
        self._values: dict[str, str] = {}
        for source in (request.GET, _body_params(request)):  # body wins over query
            for key in source:
                if not key.lower().startswith("oauth_"):
                    self._values[key.lower()] = source.get(key, "")

    def __contains__(self, name: str) -> bool:
        return name.lower() in self._values

    def raw(self, *names: str) -> str | None:
        """The value of the first of names present (aliases such as ip / ipaddress)."""
        for name in names:
            value = self._values.get(name.lower())
            if value is not None:
                if "\x00" in value:  # no database stores it (PostgreSQL refuses it)
                    raise invalid(name, "it contains a NUL character")
                return value
        return None

    def str(self, *names: str, default: str | None = None, required: bool = False) -> str | None:
        value = self.raw(*names)
        if value is None or value.strip() == "":
            if required:
                raise missing(names[0])
            return default
        return value.strip()

    def int(
        self,
        name: str,
        *,
        default: int | None = None,
        required: bool = False,
        minimum: int | None = None,
        maximum: int | None = None,
    ) -> int | None:
        value = self.str(name, required=required)
        if value is None:
            return default
        try:
            number = int(value)
        except ValueError:
            raise invalid(name, f"'{value}' is not a whole number") from None
        if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
            raise out_of_range(name, f"{number} is outside {minimum}..{maximum}")
        return number

    def id(self, name: str, *, required: bool = True) -> int | None:
        """A positive integer id (releaseId, trackId, artistId)."""
        value = self.str(name, required=required)
        if value is None:
            return None
        if not (value.isascii() and value.isdigit()) or int(value) == 0 or len(value) > 18:
            raise invalid(name, f"'{value}' is not a valid id")
        return int(value)

    def ids(self, name: str, *, required: bool = True) -> list[str]:
        value = self.str(name, required=required) or ""
        return [part.strip() for part in value.split(",") if part.strip()]

    def decimal(self, name: str, *, required: bool = False) -> Decimal | None:
        value = self.str(name, required=required)
        if value is None:
            return None
        try:
            number = Decimal(value)
        except InvalidOperation:
            raise invalid(name, f"'{value}' is not a decimal amount") from None
        if not number.is_finite() or number < 0 or number.as_tuple().exponent < -2:
            raise invalid(name, f"'{value}' is not a price")
        return number

    def bool(self, name: str, *, default: bool = False) -> bool:
        value = self.str(name)
        if value is None:
            return default
        if value.lower() in ("true", "1", "yes"):
            return True
        if value.lower() in ("false", "0", "no"):
            return False
        raise invalid(name, f"'{value}' is not true or false")

    def date(self, name: str, *, default: date | None = None) -> date | None:
        """A yyyyMMdd date parameter (toDate, fromDate)."""
        value = self.str(name)
        if value is None:
            return default
        try:
            return datetime.strptime(value, "%Y%m%d").date()
        except ValueError:
            raise invalid(name, f"'{value}' is not a date in yyyyMMdd form") from None

    def choice(
        self, name: str, choices: dict[str, str], *, default: str | None = None
    ) -> str | None:
        """One of choices, compared case-insensitively; choices maps lowercase -> canonical."""
        value = self.str(name)
        if value is None:
            return default
        try:
            return choices[value.lower()]
        except KeyError:
            allowed = ", ".join(sorted(set(choices.values())))
            raise invalid(name, f"'{value}' is not one of {allowed}") from None

    def paging(
        self, *, default_size: int = DEFAULT_PAGE_SIZE, max_size: int = MAX_PAGE_SIZE
    ) -> tuple[int, int]:
        page = self.int("page", default=1, minimum=1, maximum=10_000_000)
        size = self.int("pageSize", default=default_size, minimum=1, maximum=max_size)
        return page, size
