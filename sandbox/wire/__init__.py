"""The 7digital v1.2 wire format: errors, parameters, XML/JSON and dispatch."""

from .errors import (
    ApiError,
    OAuthFailure,
    already_exists,
    invalid,
    missing,
    not_available,
    not_found,
    out_of_range,
)
from .params import Params
from .registry import KEY, THREE_LEGGED, TWO_LEGGED, ApiRequest, operation
from .xml import el, paged, render, render_error, sub

__all__ = [
    "KEY",
    "THREE_LEGGED",
    "TWO_LEGGED",
    "ApiError",
    "ApiRequest",
    "OAuthFailure",
    "Params",
    "already_exists",
    "el",
    "invalid",
    "missing",
    "not_available",
    "not_found",
    "operation",
    "out_of_range",
    "paged",
    "render",
    "render_error",
    "sub",
]
