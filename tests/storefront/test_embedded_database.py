"""The embedded default database (SQLite, no DATABASE_URL) under gunicorn's threads:
concurrent writes wait for each other instead of failing "database is locked".

Runs the store's own settings in a subprocess on a fresh SQLite file: eight threads
each update their shopper's basket row 60 times (`update_or_create` reads, then
writes, in one transaction: what a basket add does). With SQLite's default deferred
transactions most threads fail at once; the settings make them take the lock at BEGIN.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RACE = """
import threading
import django
django.setup()
from django.core.management import call_command
from django.db import OperationalError, connection
call_command("migrate", verbosity=0)
from django.contrib.auth.models import User
from checkout.models import ShopperBasket
users = [User.objects.create_user(f"shopper{i}") for i in range(8)]
errors = []
def add_to_basket(user):
    try:
        for i in range(60):
            ShopperBasket.objects.update_or_create(
                user=user, defaults={"basket_id": f"b{i}", "country": "GB", "item_count": i}
            )
    except OperationalError as error:
        errors.append(str(error))
    finally:
        connection.close()
threads = [threading.Thread(target=add_to_basket, args=(user,)) for user in users]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(len(errors), "errors", errors[:1])
"""


@pytest.mark.smoke
def test_concurrent_basket_writes_on_embedded_sqlite_all_succeed(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env |= {"DJANGO_SETTINGS_MODULE": "storefront.settings.local", "VAR_DIR": str(tmp_path)}
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run(
        [sys.executable, "-c", RACE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().startswith("0 errors"), done.stdout
