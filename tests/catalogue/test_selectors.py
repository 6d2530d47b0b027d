"""The catalogue selectors: cached, stale-tolerant, concurrent reads for the pages."""

import threading
import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone, translation

from catalogue import selectors
from catalogue.models import ChartSnapshot, EditorialSlot, EditorialSlotText, EditorialSnapshot
from sevendigital import NotFoundError, TransportError
from storefront import api as store_api
from storefront import reads
from storefront.reads import forget_local
from tests.catalogue import fake_api

DAY = 86400


@pytest.fixture
def api(settings):
    yield fake_api.install(settings)
    fake_api.uninstall()


def later(monkeypatch, seconds: float) -> None:
    """Move the freshness clock forward: every copy younger than `seconds` expires."""
    start = time.time()
    monkeypatch.setattr(reads, "now", lambda: start + seconds)


def test_release_page_reads_every_part(api):
    """The release page carries details, tracks, tags, review and recommendations."""
    page = selectors.release_page(release_id=7, country="GB")
    assert page.stale is False
    assert page.value.release.id == 7
    assert [t.id for t in page.value.tracks] == [1, 2]
    assert [t.id for t in page.value.tags] == ["rock"]
    assert page.value.editorial.review == "Fine."
    assert [r.id for r in page.value.recommendations] == [1, 2, 3]


def key_has_used(current: int, limit: int = 4000) -> None:
    """As if the API's latest answer said the key had made `current` of `limit` calls."""
    answer = type("Answer", (), {"status_code": 200})()
    answer.headers = {"X-RateLimit-Current": str(current), "X-RateLimit-Limit": str(limit)}
    store_api.note_api_answer(answer)


def test_near_the_daily_limit_a_release_page_skips_its_extras(api):
    """Past half the key's day, a new release costs its 2 needed reads, not 5: the
    page shows no tags, review or recommendations, and no stale-data notice."""
    key_has_used(2100)
    page = selectors.release_page(release_id=7, country="GB")
    assert api.calls == {"release/details": 1, "release/tracks": 1}
    assert page.stale is False
    assert [t.id for t in page.value.tracks] == [1, 2]
    assert page.value.tags == () and page.value.recommendations == ()
    assert page.value.editorial is None


def test_near_the_daily_limit_extras_keep_their_old_copies(api, monkeypatch):
    """Extras read earlier are shown however old, without a call."""
    selectors.release_page(release_id=7, country="GB")
    later(monkeypatch, 8 * DAY)
    key_has_used(3900)
    calls = api.total
    page = selectors.release_page(release_id=7, country="GB")
    assert api.total - calls == 2  # details and tracks, a day old: refreshed
    assert [t.id for t in page.value.tags] == ["rock"]
    assert page.value.editorial.review == "Fine."
    assert page.stale is False


def test_below_the_threshold_extras_are_fetched(api, settings):
    settings.STORE_EXTRAS_BELOW_USAGE = 0.9
    key_has_used(3000)
    selectors.release_page(release_id=7, country="GB")
    assert api.total == 5


def test_warm_release_page_makes_no_call(api):
    """A second read of the same page is served from the cache."""
    selectors.release_page(release_id=7, country="GB")
    before = api.total
    selectors.release_page(release_id=7, country="GB")
    assert api.total == before == 5


def test_territories_are_cached_apart(api):
    """The same release read in another territory is another read."""
    gb = selectors.release_page(release_id=7, country="GB")
    fr = selectors.release_page(release_id=7, country="FR")
    assert gb.value.release.title.endswith("(GB)")
    assert fr.value.release.title.endswith("(FR)")


def test_release_page_reads_overlap(api):
    """The five reads of a release page are in flight together: each call waits at a
    barrier until all five have reached it (read one after another, the first would
    wait alone until the barrier breaks). No clock: a loaded machine cannot fail it."""
    api.together = threading.Barrier(5, timeout=10)
    selectors.release_page(release_id=7, country="GB")
    assert api.total == 5 and not api.together.broken


def test_last_good_copy_served_when_api_is_down(api, monkeypatch):
    """Past its lifetime, a read whose refresh fails is its last good copy, marked stale."""
    selectors.release_page(release_id=7, country="GB")
    api.down = True
    later(monkeypatch, 2 * DAY)
    page = selectors.release_page(release_id=7, country="GB")
    assert page.stale is True
    assert isinstance(page.error, TransportError)
    assert page.value.release.id == 7
    assert [t.id for t in page.value.tracks] == [1, 2]


def test_failure_without_copy_raises(api):
    """With nothing saved, the API's failure is raised for the view to handle."""
    api.down = True
    with pytest.raises(TransportError):
        selectors.release_page(release_id=7, country="GB")


def test_not_found_is_never_masked(api, monkeypatch):
    """A release that is gone is gone, even with an old copy in the cache."""
    selectors.release_page(release_id=7, country="GB")
    later(monkeypatch, 2 * DAY)
    api.fail("release/details", 2001, "Release not found", status=404)
    with pytest.raises(NotFoundError):
        selectors.release_page(release_id=7, country="GB")


def test_search_ignores_case(api):
    """ "Blue" and "blue" find the same (7digital's search ignores case): one read."""
    selectors.search(kind="release", q="Blue", country="GB")
    selectors.search(kind="release", q="  blue ", country="GB")
    assert api.total == 1


def test_rate_limit_serves_last_good(api, monkeypatch):
    """A rate-limited API is as good as down: the last good copy is served."""
    selectors.search(kind="release", q="blue", country="GB")
    later(monkeypatch, 2 * DAY)
    api.fail("release/search", 9001, "Rate limit", status=429)
    found = selectors.search(kind="release", q="blue", country="GB")
    assert found.stale is True
    assert len(found.value) == 3


def test_optional_part_failing_leaves_it_empty(api):
    """Recommendations failing with no copy leave them out; the page still renders."""
    api.fail("release/recommend", 9001, "Internal error")
    page = selectors.release_page(release_id=7, country="GB")
    assert page.value.recommendations == ()
    assert page.value.release.id == 7
    assert page.stale is True


def test_api_rests_after_a_failure(api, monkeypatch):
    """Right after a failure, reads with a copy serve it without calling the API."""
    selectors.release_page(release_id=7, country="GB")
    api.down = True
    later(monkeypatch, 2 * DAY)
    selectors.release_page(release_id=7, country="GB")
    calls = api.total
    again = selectors.release_page(release_id=7, country="GB")
    assert api.total == calls
    assert again.stale is True


def test_blank_search_finds_nothing_without_a_call(api):
    """A blank query is an empty page, not an API error."""
    found = selectors.search(kind="track", q="   ", country="GB")
    assert len(found.value) == 0
    assert api.total == 0


@pytest.mark.parametrize("kind", ["release", "track", "artist"])
def test_search_kinds(api, kind):
    """Each kind of search calls its own operation."""
    selectors.search(kind=kind, q="blue  moon", country="GB", page=2, page_size=5)
    assert api.calls == {f"{kind}/search": 1}


def test_artist_page_groups_releases_by_type(api):
    """Albums come before singles; similar artists and top tracks are there."""
    page = selectors.artist_page(artist_id=10, country="GB").value
    assert list(page.releases_by_type) == ["Album", "Single"]
    assert [r.id for r in page.releases_by_type["Album"]] == [1, 3]
    assert [a.id for a in page.similar] == [11, 12]
    assert [t.id for t in page.top_tracks] == [1]


def test_track_page_has_the_full_release(api):
    """The track page reads its release's details after the track's."""
    page = selectors.track_page(track_id=5, country="FR").value
    assert page.track.id == 5
    assert page.release.title == "Release 1 (FR)"


def test_tag_page_names_its_tags(api):
    """Known tags keep the API's text; others are spelled from their id."""
    page = selectors.tag_page(tags=["indie-rock", "post-punk"], country="GB").value
    assert [t.text for t in page.tags] == ["indie rock", "post punk"]
    assert len(page.new) == 3
    assert len(page.top) == 3


def test_all_tags_and_artist_browse(api):
    """The tag list and the A-Z browse are plain cached reads."""
    assert [t.id for t in selectors.all_tags(country="GB").value] == ["indie-rock"]
    assert [a.id for a in selectors.artist_browse(letter="a", country="GB").value] == [13]


@pytest.mark.django_db
def test_home_fetches_missing_snapshots_once(api):
    """A cold home page fetches its snapshots once and stores them; then no calls."""
    home = selectors.home(country="GB")
    assert len(home.value.release_chart) == selectors.HOME_CHART_SIZE
    assert home.value.release_chart.total_items == 20
    assert [lst.key for lst in home.value.editorial] == ["home", "staff-picks"]
    assert [tag.id for tag, _ in home.value.new_releases] == [
        "pop",
        "rock",
        "electronic",
        "hip-hop",
    ]
    assert ChartSnapshot.objects.count() == 2
    assert EditorialSnapshot.objects.count() == 6
    calls = api.total
    selectors.home(country="GB")
    assert api.total == calls == 8


@pytest.mark.django_db
def test_home_shows_live_slots_of_the_territory(api):
    """Slots for every territory and for this one show; others and expired do not."""
    now = timezone.now()
    shown = EditorialSlot.objects.create(
        title="All", target_type="tag", target="rock", publish_start=now - timedelta(days=1)
    )
    EditorialSlot.objects.create(
        title="US", target_type="tag", target="rock", territory="US", publish_start=now
    )
    EditorialSlot.objects.create(
        title="Over",
        target_type="tag",
        target="rock",
        publish_start=now - timedelta(days=2),
        publish_end=now - timedelta(days=1),
    )
    home = selectors.home(country="GB").value
    assert home.slots == (shown,)
    assert home.slots_by_kind["slot"] == [shown]


@pytest.mark.django_db
def test_home_shows_each_slot_in_the_pages_language_or_english(api):
    """A slot's German title and text show on German pages; French pages, with no
    French text written, show the English; a staff edit is a new version of the page."""
    slot = EditorialSlot.objects.create(
        title="Records of the week", text="Fresh picks", target_type="tag", target="rock"
    )
    EditorialSlotText.objects.create(
        slot=slot, language="de", title="Platten der Woche", text="Frisch ausgewählt"
    )
    shown = {}
    for language in ("en", "de", "fr"):
        with translation.override(language):
            [shown[language]] = selectors.home(country="GB").value.slots
    assert (shown["en"].title, shown["en"].text) == ("Records of the week", "Fresh picks")
    assert (shown["de"].title, shown["de"].text) == ("Platten der Woche", "Frisch ausgewählt")
    assert (shown["fr"].title, shown["fr"].text) == ("Records of the week", "Fresh picks")
    slot.refresh_from_db()
    assert slot.title == "Records of the week"  # the row itself is not changed
    with translation.override("de"):
        before = selectors.home(country="GB").version
        forget_local()
        assert selectors.home(country="GB").version == before
        EditorialSlotText.objects.filter(slot=slot).update(title="Alben der Woche")
        forget_local()
        after = selectors.home(country="GB")
    assert after.value.slots[0].title == "Alben der Woche" and after.version != before


@pytest.mark.django_db
def test_home_serves_old_snapshots_when_api_is_down(api, monkeypatch):
    """Snapshots long past their lifetime are still shown, stale, when the API fails."""
    selectors.home(country="GB")
    api.down = True
    later(monkeypatch, 3 * DAY)
    home = selectors.home(country="GB")
    assert home.stale is True
    assert len(home.value.track_chart) == selectors.HOME_CHART_SIZE


@pytest.mark.django_db
def test_home_without_api_or_snapshots_is_only_slots(api):
    """With the API down and nothing stored, the home page still has its slots."""
    api.down = True
    home = selectors.home(country="GB")
    assert home.stale is True
    assert home.value.release_chart is None
    assert home.value.editorial == ()


@pytest.mark.django_db
def test_chart_first_page_is_the_snapshot(api):
    """Page 1 comes from the stored snapshot (20 entries); page 2 is read live."""
    first = selectors.chart(kind="artist", period="month", country="GB")
    assert len(first.value) == 20
    assert ChartSnapshot.objects.filter(kind="artist", period="month").exists()
    selectors.chart(kind="artist", period="month", country="GB", page=2)
    assert api.calls == {"artist/chart": 2}
    selectors.chart(kind="artist", period="month", country="GB")
    assert api.calls == {"artist/chart": 2}


@pytest.mark.django_db
def test_chart_without_api_or_snapshot_raises(api):
    api.down = True
    with pytest.raises(TransportError):
        selectors.chart(kind="track", period="day", country="GB")


def test_unknown_chart_is_refused(api):
    with pytest.raises(ValueError):
        selectors.chart(kind="label", period="week", country="GB")


def test_preview_url_on_the_sandbox(settings):
    """The sandbox's clips are plain files under its site."""
    settings.SEVENDIGITAL_API_URL = "http://127.0.0.1:8001/1.2"
    assert selectors.preview_url(42) == "http://127.0.0.1:8001/media/preview/42.mp3"


def test_preview_url_on_the_real_api_is_signed(settings):
    """The real API's clips are signed with the consumer key, secret kept out."""
    settings.SEVENDIGITAL_API_URL = "https://api.7digital.com/1.2"
    settings.SEVENDIGITAL_CONSUMER_KEY = "7dkey0000001"
    settings.SEVENDIGITAL_CONSUMER_SECRET = "very-secret"
    url = selectors.preview_url(42)
    assert url.startswith("https://previews.7digital.com/clip/42?")
    assert "oauth_consumer_key=7dkey0000001" in url
    assert "oauth_signature=" in url
    assert "very-secret" not in url


def test_process_reuses_its_recent_reads(api, monkeypatch):
    """For a few seconds a process serves its own copy without reading the cache."""
    selectors.release_page(release_id=7, country="GB")
    cache.clear()  # another process could not see these entries any more
    selectors.release_page(release_id=7, country="GB")
    assert api.total == 5
    later(monkeypatch, reads.LOCAL_SECONDS + 1)
    selectors.release_page(release_id=7, country="GB")
    assert api.total == 10


def test_the_same_fetch_keeps_its_objects(api, monkeypatch):
    """Past LOCAL_SECONDS a process reads the cache again; while that holds the fetch
    it already has, it keeps its own objects (the rendered fragments stay valid)."""
    first = selectors.release_page(release_id=7, country="GB").value
    later(monkeypatch, reads.LOCAL_SECONDS + 1)
    again = selectors.release_page(release_id=7, country="GB").value
    assert again.release is first.release
    assert again.tracks[0] is first.tracks[0]
    assert api.total == 5


def test_another_fetch_in_the_cache_gives_new_objects(api, monkeypatch):
    """When the cache holds another fetch than this process's (another process
    refreshed the read), the process takes that one up."""
    first = selectors.release_page(release_id=7, country="GB").value
    with reads._local_lock:  # this process's copies: an older fetch of the same data
        for key, (kept_at, (fetched_at, value)) in list(reads._local.items()):
            reads._local[key] = (kept_at, (fetched_at - 60, value))
    later(monkeypatch, reads.LOCAL_SECONDS + 1)
    seen = selectors.release_page(release_id=7, country="GB").value
    assert seen.release is not first.release and seen.release == first.release
    assert api.total == 5


@pytest.mark.django_db
def test_home_page_is_remembered_for_seconds(api, monkeypatch):
    """A new slot shows on the home page within LOCAL_SECONDS."""
    selectors.home(country="GB")
    EditorialSlot.objects.create(
        title="New", target_type="tag", target="rock", publish_start=timezone.now()
    )
    assert selectors.home(country="GB").value.slots == ()
    later(monkeypatch, reads.LOCAL_SECONDS + 1)
    assert [s.title for s in selectors.home(country="GB").value.slots] == ["New"]


def test_catalogue_terms_ask_for_the_language_and_are_cached(api):
    """One call per language and territory a day: the second page costs nothing."""
    first = selectors.catalogue_terms(language="de-DE", country="FR")
    again = selectors.catalogue_terms(language="de", country="FR")
    assert first.value.tag("electronic") == again.value.tag("electronic") == "Elektronisch"
    assert api.calls["translations"] == 1
    assert ("translations", {"locale": "de", "country": "FR", "pagesize": "5000"}) in [
        (path, {k: v for k, v in query.items() if not k.startswith("oauth")})
        for path, query in api.queries
    ]
    selectors.catalogue_terms(language="ja", country="FR")
    assert api.calls["translations"] == 2


def test_catalogue_terms_live_a_day(api, monkeypatch):
    selectors.catalogue_terms(language="fr", country="GB")
    later(monkeypatch, DAY - 60)
    selectors.catalogue_terms(language="fr", country="GB")
    assert api.calls["translations"] == 1
    later(monkeypatch, DAY + 1)
    selectors.catalogue_terms(language="fr", country="GB")
    assert api.calls["translations"] == 2


def test_without_the_api_and_a_copy_the_terms_are_the_apis_own_words(api):
    """A page never fails for want of its words: every lookup answers the API's text."""
    api.down = True
    got = selectors.catalogue_terms(language="ja", country="JP")
    assert got.stale is True and isinstance(got.error, TransportError)
    assert len(got.value) == 0
    assert got.value.tag("electronic") == "electronic"
    assert got.value.chart("week") == "This week"


def test_with_the_api_down_the_last_good_words_are_served(api, monkeypatch):
    selectors.catalogue_terms(language="ja", country="JP")
    later(monkeypatch, 2 * DAY)
    api.down = True
    got = selectors.catalogue_terms(language="ja", country="JP")
    assert got.stale is True
    assert got.value.chart("week") == "週間ランキング"


def test_catalogue_terms_of_another_language_is_a_clear_error(api):
    with pytest.raises(ValueError, match="'es' is not a shop language"):
        selectors.catalogue_terms(language="es", country="GB")
    assert api.total == 0
