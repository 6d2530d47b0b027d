"""The embedded shared cache (storefront/cache.py): the default without Redis, shared
by processes, Django's cache contract where the store relies on it, and connections
that outlive a request."""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.sessions.backends.cached_db import SessionStore
from django.core.cache import caches
from django.core.signals import request_finished
from django.test import override_settings

from storefront import read_stats
from storefront.cache import DiskCache

ROOT = Path(__file__).resolve().parents[2]


def disk_cache(location: Path) -> dict:
    return {"default": {"BACKEND": "storefront.cache.DiskCache", "LOCATION": str(location)}}


def in_another_process(location: Path, code: str) -> str:
    """Run `code` with `cache`, a DiskCache on `location`, in a new Python process."""
    setup = (
        "from django.conf import settings; settings.configure();"
        f"from storefront.cache import DiskCache; cache = DiskCache({str(location)!r}, {{}});"
    )
    result = subprocess.run(
        [sys.executable, "-c", setup + code], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_without_redis_the_store_shares_the_disk_cache(tmp_path):
    environment = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DEBUG"}}
    environment |= {"VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "storefront.settings.local"}
    code = (
        "import json; from django.conf import settings;"
        "print(json.dumps(settings.CACHES, default=str))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    cache = json.loads(result.stdout)["default"]
    assert cache["BACKEND"] == "storefront.cache.DiskCache"
    assert cache["LOCATION"] == str(tmp_path / "shared-cache")


def test_what_one_process_writes_another_reads(tmp_path):
    cache = DiskCache(str(tmp_path), {})
    cache.set("from-here", {"release": 1}, 60)
    assert in_another_process(tmp_path, "print(cache.get('from-here'))") == "{'release': 1}"
    in_another_process(tmp_path, "cache.set('from-there', [2, 3], 60)")
    assert cache.get("from-there") == [2, 3]


def test_it_keeps_djangos_contract_where_the_store_relies_on_it(tmp_path):
    cache = DiskCache(str(tmp_path), {})
    assert cache.add("counter", 0, 60) is True
    assert cache.add("counter", 99, 60) is False  # add never overwrites
    assert cache.incr("counter", 5) == 5
    with pytest.raises(ValueError):
        cache.incr("missing")  # as Django's backends: a missing key is an error
    cache.set_many({"a": 1, "b": (2, "two")}, 60)
    assert cache.get_many(["a", "b", "c"]) == {"a": 1, "b": (2, "two")}
    cache.set("gone", 1, timeout=-1)  # Django: a negative timeout deletes
    assert cache.get("gone", "default") == "default"
    cache.delete("a")
    assert cache.get("a") is None


def test_the_days_read_counts_add_up_across_flushes(tmp_path):
    with override_settings(CACHES=disk_cache(tmp_path)):
        read_stats.flush()
        before = read_stats.today()
        read_stats.note(hits=3, misses=1)
        read_stats.flush()
        read_stats.note(hits=2, misses=0)
        assert read_stats.today() == (before[0] + 5, before[1] + 1)


@pytest.mark.django_db
def test_two_shoppers_sessions_stay_their_own(tmp_path):
    with override_settings(
        CACHES=disk_cache(tmp_path), SESSION_ENGINE="django.contrib.sessions.backends.cached_db"
    ):
        ada, bob = SessionStore(), SessionStore()
        ada["basket"] = {"basket_id": "ada-basket"}
        ada.create()
        bob["basket"] = {"basket_id": "bob-basket"}
        bob.create()
        ada["basket"] = {"basket_id": "ada-basket", "item_count": 2}
        ada.save()
        again_ada, again_bob = SessionStore(ada.session_key), SessionStore(bob.session_key)
        assert again_ada["basket"] == {"basket_id": "ada-basket", "item_count": 2}
        assert again_bob["basket"] == {"basket_id": "bob-basket"}
        # Read from the cache, not the database: the entry is there under each key.
        assert caches["default"].get(ada.cache_key)["basket"]["item_count"] == 2


@pytest.mark.django_db
def test_a_finished_request_keeps_the_caches_connections(tmp_path, monkeypatch):
    """Django closes caches at the end of every request; reopening each shard's SQLite
    database on the next request would cost more than the reads themselves."""
    opened = []
    connect = sqlite3.connect
    monkeypatch.setattr(
        "diskcache.core.sqlite3.connect",
        lambda *args, **kwargs: opened.append(args[0]) or connect(*args, **kwargs),
    )
    with override_settings(CACHES=disk_cache(tmp_path)):
        cache = caches["default"]
        keys = [f"key-{n}" for n in range(40)]  # spread over every shard
        cache.get_many(keys)  # the first request: opens what it needs
        request_finished.send(sender=None)
        first = len(opened)
        for _ in range(5):
            cache.get_many(keys)
            request_finished.send(sender=None)
    assert first > 0
    assert len(opened) == first, f"{len(opened) - first} connections opened again"
