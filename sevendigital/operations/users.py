"""Per-user operations: locker, purchases, delivery, subscription, accounts.

Pass the user's access token as `token=UserToken(token, secret)`: the call is then
signed 3-legged. Partners with user management may instead pass `user_id=` (the
partner's own id) without a token; the call is then signed 2-legged. Never retried,
never cached.
"""

from datetime import datetime
from decimal import Decimal
from typing import Any

from ..models import Locker, OAuthToken, Purchase, Streaming, User
from .base import OperationsBase


class PurchaseOperations(OperationsBase):
    def get_user_locker(
        self,
        *,
        token: OAuthToken | None = None,
        page: int | None = None,
        page_size: int | None = None,
        sort: str | None = None,
        release_id: int | str | None = None,
        track_id: int | str | None = None,
        purchase_id: int | str | None = None,
        **extra: Any,
    ) -> Locker:
        """user/locker: what the user owns, with signed download URLs.

        sort is "<purchaseDate|artistName|releaseTitle> <asc|desc>"; page_size <= 50.
        """
        return self._call(
            "get_user_locker",
            token=token,
            page=page,
            page_size=page_size,
            sort=sort,
            release_id=release_id,
            track_id=track_id,
            purchase_id=purchase_id,
            **extra,
        )

    def purchase_user_item(
        self,
        *,
        token: OAuthToken | None = None,
        release_id: int | str,
        track_id: int | str | None = None,
        price: Decimal | str | None = None,
        **extra: Any,
    ) -> Purchase:
        """user/purchase/item: charge the user's card; `price` must match (else 3004)."""
        return self._call(
            "purchase_user_item",
            token=token,
            release_id=release_id,
            track_id=track_id,
            price=price,
            **extra,
        )

    def purchase_user_rrp_item(
        self,
        *,
        token: OAuthToken | None = None,
        release_id: int | str,
        track_id: int | str | None = None,
        **extra: Any,
    ) -> Purchase:
        """user/purchase/rrpitem: buy at the recommended retail price."""
        return self._call(
            "purchase_user_rrp_item",
            token=token,
            release_id=release_id,
            track_id=track_id,
            **extra,
        )

    def purchase_user_basket(
        self, *, token: OAuthToken | None = None, basket_id: str, **extra: Any
    ) -> Purchase:
        """user/purchase/basket: buy the whole basket with the user's default card."""
        return self._call("purchase_user_basket", token=token, basket_id=basket_id, **extra)

    def purchase_user_priced_item(
        self,
        *,
        token: OAuthToken | None = None,
        release_id: int | str,
        price: Decimal | str,
        track_id: int | str | None = None,
        **extra: Any,
    ) -> Purchase:
        """user/purchase/priceditem: buy at a partner-set price."""
        return self._call(
            "purchase_user_priced_item",
            token=token,
            release_id=release_id,
            track_id=track_id,
            price=price,
            **extra,
        )

    def deliver_user_item(
        self,
        *,
        token: OAuthToken | None = None,
        release_id: int | str,
        track_id: int | str | None = None,
        package_id: int | None = None,
        transaction_id: str | None = None,
        retail_price: Decimal | str | None = None,
        currency: str | None = None,
        **extra: Any,
    ) -> Purchase:
        """user/deliveritem: put an item the partner sold into the locker (logs a sale)."""
        return self._call(
            "deliver_user_item",
            token=token,
            release_id=release_id,
            track_id=track_id,
            package_id=package_id,
            transaction_id=transaction_id,
            retail_price=retail_price,
            currency=currency,
            **extra,
        )


class AccountOperations(OperationsBase):
    def get_user_unlimited_streaming(
        self, *, token: OAuthToken | None = None, **extra: Any
    ) -> Streaming:
        """GET user/unlimitedStreaming: the user's subscription level and expiry."""
        return self._call("get_user_unlimited_streaming", token=token, **extra)

    def update_user_unlimited_streaming(
        self,
        *,
        user_id: str,
        status: str,
        plan_code: str | None = None,
        currency: str | None = None,
        recurring_fee: Decimal | str | None = None,
        country: str | None = None,
        activated_at: datetime | None = None,
        current_period_start_date: datetime | None = None,
        expiry_date: datetime | None = None,
        **extra: Any,
    ) -> Streaming:
        """POST user/unlimitedStreaming (2-legged): create or renew a subscription."""
        return self._call(
            "update_user_unlimited_streaming",
            user_id=user_id,
            status=status,
            plan_code=plan_code,
            currency=currency,
            recurring_fee=recurring_fee,
            country=country,
            activated_at=activated_at,
            current_period_start_date=current_period_start_date,
            expiry_date=expiry_date,
            **extra,
        )

    def signup_user(self, *, email_address: str, password: str, **extra: Any) -> User:
        """user/signup (POST, 2-legged): a new 7digital account (no token comes back)."""
        return self._call("signup_user", email_address=email_address, password=password, **extra)

    def create_user(
        self,
        *,
        user_id: str,
        country: str | None = None,
        email_address: str | None = None,
        **extra: Any,
    ) -> User:
        """user/create (2-legged): a managed user under the partner's own id (2003 if taken)."""
        return self._call(
            "create_user", user_id=user_id, country=country, email_address=email_address, **extra
        )

    def get_user_details(
        self, *, token: OAuthToken | None = None, user_id: str | None = None, **extra: Any
    ) -> User:
        """user/details: the token's user (3-legged) or a managed user by `user_id`."""
        return self._call("get_user_details", token=token, user_id=user_id, **extra)

    def authenticate_user(self, *, email_address: str, password: str, **extra: Any) -> User:
        """user/authenticate (POST, 2-legged): check credentials; returns the user."""
        return self._call(
            "authenticate_user", email_address=email_address, password=password, **extra
        )

    def find_users(self, *, email_address: str, **extra: Any) -> tuple[User, ...]:
        """users (2-legged): the accounts with this email address."""
        return self._call("find_users", email_address=email_address, **extra)

    def update_user(
        self,
        *,
        token: OAuthToken,
        user_id: str | int,
        email_address: str | None = None,
        password: str | None = None,
        **extra: Any,
    ) -> User:
        """users/{id}/update (PUT, 3-legged): change the user's email or password."""
        return self._call(
            "update_user",
            token=token,
            path_args={"id": user_id},
            email_address=email_address,
            password=password,
            **extra,
        )
