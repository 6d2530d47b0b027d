"""release/match/byId, artist/match/byId, track/match/byId (2-legged; defunct shape).

`matches` holds one `releases` (`artists`, `tracks`) element per id asked for, with
the id as `@mbId` or `@sevenDigitalId`; inside, the matched entity as
`sevenDigitalId` + `mbId`, or `matchError @code` when nothing matched. Ids come as
`mbIds` or `sevenDigitalIds` (comma lists); the spec's `id` is read as one MBID.
"""

from django.db.models import Model

from sandbox.models import Artist, Release, Track
from sandbox.queries.matching import ARTIST, RELEASE, TRACK, id_of_mbid, mbid_of
from sandbox.wire import TWO_LEGGED, ApiRequest, el, missing, operation, sub
from sandbox.wire.xml import Element

NO_MATCH = 2001
MAX_IDS = 100


def _matches(api: ApiRequest, kind: int, model: type[Model], tag: str) -> Element:
    by_seven_digital = api.params.ids("sevenDigitalIds", required=False)
    by_mbid = api.params.ids("mbIds", required=False) or api.params.ids("id", required=False)
    if not by_seven_digital and not by_mbid:
        raise missing("mbIds")
    asked = [("sevenDigitalId", value) for value in by_seven_digital[:MAX_IDS]]
    asked += [("mbId", value.removeprefix("mbid:")) for value in by_mbid[:MAX_IDS]]
    wanted = {(source, value): _object_id(kind, source, value) for source, value in asked}
    existing = set(
        model.objects.filter(pk__in=[i for i in wanted.values() if i]).values_list("pk", flat=True)
    )
    node = el("matches")
    for source, value in asked:
        group = sub(node, f"{tag}s", **{source: value})
        object_id = wanted[(source, value)]
        if object_id in existing:
            entity = sub(group, tag)
            sub(entity, "sevenDigitalId", object_id)
            sub(entity, "mbId", mbid_of(kind, object_id))
        else:
            sub(group, "matchError", code=NO_MATCH)
    return node


def _object_id(kind: int, source: str, value: str) -> int | None:
    if source == "mbId":
        return id_of_mbid(kind, value)
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 18 else None


@operation("release/match/byId", auth=TWO_LEGGED)
def release_match(api: ApiRequest) -> Element:
    return _matches(api, RELEASE, Release, "release")


@operation("artist/match/byId", auth=TWO_LEGGED)
def artist_match(api: ApiRequest) -> Element:
    return _matches(api, ARTIST, Artist, "artist")


@operation("track/match/byId", auth=TWO_LEGGED)
def track_match(api: ApiRequest) -> Element:
    return _matches(api, TRACK, Track, "track")
