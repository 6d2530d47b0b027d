"""Builders for users, subscriptions, territories and OAuth tokens."""

from typing import Any

from ..models import (
    Country,
    GeoIpLookup,
    GeoRestrictions,
    Language,
    OAuthToken,
    Streaming,
    Translation,
    User,
)
from .common import build_items
from .fields import boolean, node, text, timestamp


def build_user(user: Any) -> User:
    return User(
        id=text(user, "id") or "",
        type=text(user, "type"),
        email_address=text(user, "emailAddress"),
    )


def build_users(users: Any) -> tuple[User, ...]:
    return build_items(users, "user", build_user)


def build_streaming(streaming: Any) -> Streaming:
    return Streaming(level=text(streaming, "level"), expiry_date=timestamp(streaming, "expiryDate"))


def build_language(language: Any) -> Language:
    return Language(
        name=text(language, "name"),
        local_name=text(language, "localName"),
        url=text(language, "url"),
    )


def build_country(country: Any) -> Country:
    return Country(
        code=text(country, "code") or "",
        name=text(country, "name"),
        local_name=text(country, "localName"),
        url=text(country, "url"),
        languages=build_items(node(country, "languages"), "language", build_language),
    )


def build_countries(countries: Any) -> tuple[Country, ...]:
    return build_items(countries, "country", build_country)


def build_translation(translation: Any) -> Translation:
    return Translation(
        key=text(translation, "key") or "",
        translated_text=text(translation, "translatedText"),
    )


def build_geo_ip_lookup(lookup: Any) -> GeoIpLookup:
    return GeoIpLookup(
        ip_address=text(lookup, "ipaddress") or text(lookup, "ipAddress"),
        country_code=text(lookup, "countryCode"),
    )


def build_geo_restrictions(restrictions: Any) -> GeoRestrictions:
    return GeoRestrictions(
        allow_checkout=boolean(restrictions, "allowCheckout"),
        country_code=text(restrictions, "countryCode"),
    )


def build_oauth_token(token: Any) -> OAuthToken:
    return OAuthToken(
        token=text(token, "oauth_token") or "",
        secret=text(token, "oauth_token_secret") or "",
    )
