"""The sandbox's OAuth 1.0a provider (RFC 5849, HMAC-SHA1), as 7digital runs it.

`authenticate(request, level)` gives the `Caller` of an API request or raises
`sandbox.wire.errors.OAuthFailure`; `sandbox.oauth.tokens` issues and exchanges tokens.
"""

from .provider import REQUEST_TOKEN, Caller, authenticate

__all__ = ["REQUEST_TOKEN", "Caller", "authenticate"]
