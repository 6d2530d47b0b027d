"""The 7digital error vocabulary: a code band per kind of problem."""


def status_for(code: int) -> int:
    """The HTTP status the sandbox pairs with a 7digital error code."""
    if code == 2001:
        return 404
    if code >= 9000:
        return 500
    return 400


class ApiError(Exception):
    """An error answered as `<response status="error"><error code=..>`."""

    def __init__(self, code: int, message: str, status: int | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status or status_for(code)


class OAuthFailure(Exception):
    """Answered as plain text `OAuth authentication error: <reason>` with 401."""

    def __init__(self, reason: str, status: int = 401):
        super().__init__(reason)
        self.reason = reason
        self.status = status


def missing(name: str) -> ApiError:
    return ApiError(1001, f"Missing parameter {name}")


def invalid(name: str, detail: str = "") -> ApiError:
    suffix = f": {detail}" if detail else ""
    return ApiError(1002, f"Value of parameter {name} is not valid{suffix}")


def out_of_range(name: str, detail: str = "") -> ApiError:
    suffix = f": {detail}" if detail else ""
    return ApiError(1003, f"Value of parameter {name} is out of range{suffix}")


def not_found(message: str) -> ApiError:
    return ApiError(2001, message)


def not_available(message: str) -> ApiError:
    return ApiError(2002, message)


def already_exists(message: str) -> ApiError:
    return ApiError(2003, message)
