"""The `tag` operation: every tag, most used first, with its count."""

from sandbox.models import Tag
from sandbox.queries.catalogue import page_of
from sandbox.serializers import tag_element
from sandbox.wire import ApiRequest, operation, paged
from sandbox.wire.xml import Element


@operation("tag")
def all_tags(api: ApiRequest) -> Element:
    page, size = api.params.paging()
    total, tags = page_of(Tag.objects.order_by("-count", "id"), page, size)
    return paged("tags", page, size, total, (tag_element(t, with_count=True) for t in tags))
