"""The suite's own fixtures clean up after themselves: the sandbox's database is
named after the run that made it and dropped when the session ends."""

import os

import pytest

from tests.conftest import compile_catalogues, sandbox_database, sandbox_database_name
from tests.skips import needs_postgres


def test_the_sandbox_database_is_named_after_the_store_test_database(monkeypatch):
    monkeypatch.delenv("PYTEST_XDIST_WORKER", raising=False)
    assert sandbox_database_name("postgres://u@h:5432/store_ci", 42) == "test_store_ci_sandbox_42"
    assert sandbox_database_name("postgres://u@h/store_ci", 42, "probe").endswith("_42_probe")
    monkeypatch.setenv("PYTEST_XDIST_WORKER", "gw1")
    name = sandbox_database_name("postgres://u@h/" + "s" * 80 + "?sslmode=off", 4242)
    assert name.startswith("test_sss") and name.endswith("_sandbox_4242")
    assert len(name) == 63


@pytest.mark.postgres
@needs_postgres
def test_the_sandbox_database_is_dropped_when_the_session_ends(tmp_path):
    import psycopg

    base = os.environ["DATABASE_URL"].rpartition("/")[0]

    def exists(name: str) -> bool:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            return found.fetchone() is not None

    # Tagged: the session's own sandbox (same process) may be running on the untagged one.
    with sandbox_database(tmp_path, tag="probe") as url:
        name = url.rpartition("/")[2]
        assert name.endswith(f"_sandbox_{os.getpid()}_probe")
        assert exists(name)
        held = psycopg.connect(url)  # a connection left open must not stop the drop
    try:
        assert not exists(name)
    finally:
        held.close()


PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Basket"
msgstr "{}"
"""


def test_a_missing_or_stale_catalogue_is_compiled_and_a_fresh_one_left(tmp_path):
    from django.utils.translation.trans_real import gettext_module

    po = tmp_path / "de" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    po.write_text(PO.format("Warenkorb"), encoding="utf-8")
    mo = po.with_suffix(".mo")

    assert compile_catalogues(tmp_path) == [mo]
    assert compile_catalogues(tmp_path) == []  # up to date: left alone

    po.write_text(PO.format("Einkaufswagen"), encoding="utf-8")
    os.utime(mo, (po.stat().st_mtime - 10, po.stat().st_mtime - 10))
    assert compile_catalogues(tmp_path) == [mo]
    with mo.open("rb") as compiled:
        assert gettext_module.GNUTranslations(compiled).gettext("Basket") == "Einkaufswagen"


def test_a_catalogue_that_does_not_compile_stops_the_run(tmp_path):
    po = tmp_path / "ja" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    # The translation has a placeholder its msgid lacks: msgfmt --check-format refuses it.
    po.write_text(
        PO.format("%(count)s 個").replace('msgid "Basket"', '#, python-format\nmsgid "Basket"'),
        encoding="utf-8",
    )
    with pytest.raises(pytest.UsageError, match="does not compile"):
        compile_catalogues(tmp_path)
    assert sorted(path.name for path in po.parent.iterdir()) == ["django.po"]  # no half file
