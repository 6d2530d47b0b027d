"""Containers and small elements: tags, charts, search and tagged results, lists.

Every paged container starts with `page`, `pageSize`, `totalItems` (`wire.paged`).
"""

from collections.abc import Iterable

from sandbox.models import EditorialList, EditorialListItem, Release, Tag
from sandbox.queries.charts import Chart, ChartEntry
from sandbox.wire import el, paged, sub
from sandbox.wire.xml import Element

from .context import Context
from .links import tag_url
from .releases import release_element


def tag_element(tag: Tag, *, with_count: bool = False) -> Element:
    """`tag @id`: `text`, `url`, and `count` on the `tag` operation."""
    node = el("tag", id=tag.pk)
    sub(node, "text", tag.text)
    sub(node, "url", tag_url(tag.pk))
    if with_count:
        sub(node, "count", tag.count)
    return node


def search_results(page: int, size: int, total: int, hits: Iterable[tuple[str, float, Element]]):
    """`searchResults` -> `searchResult[]` (`type`, `score`, the entity)."""
    results = []
    for kind, score, entity in hits:
        result = el("searchResult")
        sub(result, "type", kind)
        sub(result, "score", score)
        result.append(entity)
        results.append(result)
    return paged("searchResults", page, size, total, results)


def tagged_results(kind: str, page: int, size: int, total: int, items: Iterable[Element]):
    """`taggedResults`: paging, `type`, `taggedItem[]` -> the entity."""
    node = paged("taggedResults", page, size, total)
    sub(node, "type", kind)
    for entity in items:
        sub(node, "taggedItem").append(entity)
    return node


def chart_element(chart: Chart, page: int, size: int, entities: dict[int, Element]) -> Element:
    """`chart`: paging, `type`, `fromDate`, `toDate`, `chartItem[]` of that page.

    entities holds the element of each charted id on the page (an id without one,
    deleted since the chart was cached, is left out).
    """
    start = (page - 1) * size
    shown: list[ChartEntry] = chart.entries[start : start + size]
    node = paged("chart", page, size, len(chart.entries))
    sub(node, "type", chart.type)
    sub(node, "fromDate", chart.from_date)
    sub(node, "toDate", chart.to_date)
    for entry in shown:
        if entry.object_id not in entities:
            continue
        item = sub(node, "chartItem")
        sub(item, "position", entry.position)
        sub(item, "change", entry.change)
        item.append(entities[entry.object_id])
    return node


def recommendations(page: int, size: int, total: int, releases: Iterable[Release], ctx: Context):
    """`recommendations` -> `recommendedItem[]` -> `release`."""
    node = paged("recommendations", page, size, total)
    for release in releases:
        sub(node, "recommendedItem").append(release_element(release, ctx))
    return node


def editorial_list(
    editorial: EditorialList, items: Iterable[EditorialListItem], ctx: Context
) -> Element:
    """`list @id`: `key`, `listItems/listItem[] @id` (`type`, `release`)."""
    node = el("list", id=editorial.pk)
    sub(node, "key", editorial.key)
    list_items = sub(node, "listItems")
    for item in items:
        list_item = sub(list_items, "listItem", id=item.pk)
        sub(list_item, "type", "release")
        list_item.append(release_element(item.release, ctx))
    return node


def editorial_element(release: Release) -> Element:
    """release/editorial: `review/text`?, `promotionalText/text`? (may be empty)."""
    node = el("editorial")
    if release.review:
        sub(sub(node, "review"), "text", release.review)
    if release.promotional_text:
        sub(sub(node, "promotionalText"), "text", release.promotional_text)
    return node
