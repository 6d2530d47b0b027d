"""Every API operation module; importing this package registers them all."""

from . import (
    baskets,  # noqa: F401
    cards,  # noqa: F401
    catalogue,  # noqa: F401
    locker,  # noqa: F401
    oauth,  # noqa: F401
    purchases,  # noqa: F401
    streaming,  # noqa: F401
    users,  # noqa: F401
    vouchers,  # noqa: F401
)
