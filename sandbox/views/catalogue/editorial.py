"""editorial/list: a named list of releases curated for the territory's shop."""

from sandbox.models import EditorialList
from sandbox.serializers import Context, lists
from sandbox.wire import ApiRequest, not_found, operation
from sandbox.wire.xml import Element


@operation("editorial/list")
def editorial_list(api: ApiRequest) -> Element:
    """The list `key` of the shop, its releases not sold there left out."""
    ctx = Context.of(api)
    key = api.params.str("key", required=True)
    found = EditorialList.objects.filter(key=key, country=ctx.country).first()
    if found is None:
        raise not_found(f"No list found with key: {key}")
    items = (
        found.items.exclude(release__unavailable_in__contains=ctx.country.code)
        .select_related("release__artist", "release__label", "release__licensor")
        .order_by("position", "id")
    )
    return lists.editorial_list(found, items, ctx)
