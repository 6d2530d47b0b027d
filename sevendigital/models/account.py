"""Users, subscriptions and territories."""

from datetime import datetime

from .common import model


@model
class User:
    id: str
    type: str | None = None
    email_address: str | None = None


@model
class Streaming:
    """A user's unlimited-streaming subscription."""

    level: str | None
    expiry_date: datetime | None = None


@model
class Language:
    name: str | None
    local_name: str | None = None
    url: str | None = None


@model
class Country:
    code: str
    name: str | None
    local_name: str | None = None
    url: str | None = None
    languages: tuple[Language, ...] = ()


@model
class Translation:
    key: str
    translated_text: str | None


@model
class GeoIpLookup:
    """country/resolve: the territory of an IP address."""

    ip_address: str | None
    country_code: str | None


@model
class GeoRestrictions:
    """country/georestrictions/checkout (outside the 61 operations; seen in recordings)."""

    allow_checkout: bool | None
    country_code: str | None = None
