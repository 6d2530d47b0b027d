"""user/locker: the releases and tracks a user owns, with signed download URLs.

Paged by release (`pageSize` at most 50, default 10), sorted by `sort`
("purchaseDate desc" by default), filtered by `releaseId`, `trackId` (no match: an
empty locker) and `purchaseId` (a purchase that is not the user's: 2001).
"""

from sandbox.commerce import locker
from sandbox.serializers import Context
from sandbox.serializers.locker import locker_element
from sandbox.wire import THREE_LEGGED, ApiRequest, operation
from sandbox.wire.xml import Element


@operation("user/locker", auth=THREE_LEGGED)
def user_locker(api: ApiRequest) -> Element:
    params = api.params
    ctx = Context.of(api)
    sort = locker.locker_sort(params.str("sort"))
    where = locker.LockerFilter(
        release_id=params.id("releaseId", required=False),
        track_id=params.id("trackId", required=False),
        purchase_id=params.id("purchaseId", required=False),
    )
    page, size = params.paging(max_size=locker.MAX_PAGE_SIZE)
    total, groups = locker.locker_page(user=api.user, where=where, sort=sort, page=page, size=size)
    return locker_element(page, size, total, groups, ctx)
