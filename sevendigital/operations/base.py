"""What the operation mixins need from the Client."""

from typing import Any

from ..models import OAuthToken


class OperationsBase:
    """Operation mixins call `_call(name, ...)`; the Client implements it.

    Every keyword parameter is sent under its camelCase name (release_id ->
    releaseId); None means "not sent". `**extra` on every method passes any other
    API parameter the same way (shop_id, usage_types, image_size, ...).
    """

    def _call(
        self,
        name: str,
        *,
        token: OAuthToken | None = None,
        path_args: dict[str, Any] | None = None,
        **params: Any,
    ) -> Any:
        raise NotImplementedError
