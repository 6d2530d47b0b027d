"""Expected values read from a recorded JSON locker with plain dict navigation."""

from datetime import datetime


def as_list(value) -> list:
    """xml2js writes one child as an object and several as a list."""
    if value in (None, ""):
        return []
    return value if isinstance(value, list) else [value]


def blank_to_none(value):
    return value if value not in (None, "") else None


def check_locker_json(locker, document) -> None:
    container = document["lockerReleases"]
    assert locker.page == int(container["page"])
    assert locker.page_size == int(container["pageSize"])
    assert locker.total_items == int(container["totalItems"])
    releases = as_list(container.get("lockerRelease"))
    assert [r.release.id for r in locker.items] == [int(r["release"]["id"]) for r in releases]
    for locker_release, release in zip(locker.items, releases, strict=True):
        assert locker_release.release.title == release["release"]["title"]
        assert locker_release.release.artist.name == release["release"]["artist"]["name"]
        tracks = as_list((release.get("lockerTracks") or {}).get("lockerTrack"))
        assert len(locker_release.tracks) == len(tracks)
        for locker_track, track in zip(locker_release.tracks, tracks, strict=True):
            check_locker_track_json(locker_track, track)


def check_locker_track_json(locker_track, track) -> None:
    assert locker_track.track.id == int(track["track"]["id"])
    assert locker_track.track.title == track["track"]["title"]
    assert locker_track.track.version == blank_to_none(track["track"].get("version"))
    assert locker_track.remaining_downloads == int(track["remainingDownloads"])
    assert locker_track.purchase_date == datetime.fromisoformat(track["purchaseDate"])
    urls = as_list((track.get("downloadUrls") or {}).get("downloadUrl"))
    assert [u.url for u in locker_track.download_urls] == [
        u.get("url") or u["format"].get("url") for u in urls
    ]
    assert [u.format.id for u in locker_track.download_urls] == [
        int(u["format"]["id"]) for u in urls
    ]
