"""release/details/batch and track/details/batch (WIRE-NOTES §4.4).

`items` holds `releases/release[]` (`tracks/track[]`) in the order asked for. Ids
that are unknown, malformed or not sold in the territory are left out, and listed
in `errors/error[] @itemId @code` (`errorMessage`) when `showErrors=true`.
"""

from functools import partial

from sandbox.queries.catalogue import sold_releases, sold_tracks
from sandbox.serializers import Context, release_element, track_element
from sandbox.wire import ApiRequest, el, operation, sub
from sandbox.wire.xml import Element

MAX_BATCH = 100
NOT_FOUND, NOT_AVAILABLE, INVALID = 2001, 2002, 1002


def _batch(api: ApiRequest, name: str, queryset, build) -> Element:
    """items for the ids of parameter `name` (e.g. releaseIds), built by build(row)."""
    asked = api.params.ids(name)[:MAX_BATCH]
    ids = [
        int(value) for value in asked if value.isascii() and value.isdigit() and len(value) <= 18
    ]
    found = queryset.in_bulk(ids)
    everywhere = set(queryset.model.objects.filter(pk__in=ids).values_list("pk", flat=True))
    node = el("items")
    entities = sub(node, f"{queryset.model._meta.model_name}s")
    errors = []
    for value in asked:
        object_id = int(value) if value.isascii() and value.isdigit() and len(value) <= 18 else None
        if object_id in found:
            entities.append(build(found[object_id]))
        elif object_id is None:
            errors.append((value, INVALID, f"'{value}' is not a valid id"))
        elif object_id in everywhere:
            errors.append((value, NOT_AVAILABLE, "Not available in this territory"))
        else:
            errors.append((value, NOT_FOUND, f"No item found with id: {value}"))
    if errors and api.params.bool("showErrors"):
        listed = sub(node, "errors")
        for value, code, message in errors:
            sub(sub(listed, "error", itemId=value, code=code), "errorMessage", message)
    return node


@operation("release/details/batch")
def release_details_batch(api: ApiRequest) -> Element:
    ctx = Context.of(api)
    build = partial(release_element, ctx=ctx, details=True)
    return _batch(api, "releaseIds", sold_releases(ctx.country), build)


@operation("track/details/batch")
def track_details_batch(api: ApiRequest) -> Element:
    ctx = Context.of(api)
    build = partial(track_element, ctx=ctx, details=True)
    return _batch(api, "trackIds", sold_tracks(ctx.country), build)
