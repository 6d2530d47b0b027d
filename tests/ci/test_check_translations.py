""".ci/check_translations.py: on tiny sample catalogues (tests/ci/data), and its
makemessages extraction on a copy of the repository."""

import importlib.util
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).parent / "data"
_spec = importlib.util.spec_from_file_location(
    "check_translations", ROOT / ".ci" / "check_translations.py"
)
check = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check)


def compiled(tmp_path: Path, sample: str) -> Path:
    """The sample in a folder of its own with its compiled .mo beside it."""
    po = tmp_path / sample
    shutil.copy(DATA / sample, po)
    subprocess.run(["msgfmt", "-o", str(po.with_suffix(".mo")), str(po)], check=True)
    return po


def test_a_complete_catalogue_has_no_problems(tmp_path):
    """Header and obsolete (#~) entries are not messages; plurals with every form pass."""
    assert check.catalogue_problems(compiled(tmp_path, "complete.po")) == []


def test_a_missing_or_stale_compiled_catalogue_is_reported(tmp_path):
    """The repository holds the .mo files (a user may have no msgfmt): each must be
    what its .po compiles to."""
    po = compiled(tmp_path, "complete.po")
    po.with_suffix(".mo").write_bytes(po.with_suffix(".mo").read_bytes()[:-4])
    assert check.catalogue_problems(po) == [
        f"{po.with_suffix('.mo')}: stale (manage.py compilemessages)"
    ]
    po.with_suffix(".mo").unlink()
    assert check.catalogue_problems(po) == [
        f"{po.with_suffix('.mo')}: missing (manage.py compilemessages)"
    ]


def test_untranslated_fuzzy_and_half_translated_plurals_are_reported(tmp_path):
    problems = check.catalogue_problems(compiled(tmp_path, "incomplete.po"))
    assert len(problems) == 3
    assert any("untranslated: 'Genres' (templates/base.html:11)" in p for p in problems)
    assert any("fuzzy: 'Artists A to Z'" in p for p in problems)
    assert any("untranslated: '%(count)s track'" in p for p in problems)


def test_a_catalogue_that_does_not_compile_is_reported():
    [problem] = check.catalogue_problems(DATA / "broken.po")
    assert "msgfmt --check-format failed" in problem


def test_a_missing_catalogue_is_reported(tmp_path):
    assert check.catalogue_problems(tmp_path / "django.po") == [
        f"{tmp_path / 'django.po'}: missing"
    ]


def test_msgids_makemessages_would_add_are_found():
    added = check.added_msgids(DATA / "complete.po", DATA / "extracted.po")
    assert added == [("heading", "Play"), (None, "Wishlist")]


def test_against_no_catalogue_every_msgid_is_new(tmp_path):
    added = check.added_msgids(tmp_path / "absent.po", DATA / "extracted.po")
    assert (None, "Charts") in added and len(added) == 4


def locale_with(tmp_path: Path, sample: str) -> Path:
    for domain in check.DOMAINS:
        target = check.catalogue_path(tmp_path, "de", domain)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(DATA / sample, target)
        subprocess.run(["msgfmt", "-o", str(target.with_suffix(".mo")), str(target)], check=True)
    return tmp_path


def test_main_passes_complete_catalogues_and_fails_the_others(tmp_path, capsys):
    args = ["--no-extract", "--languages", "de", "--locale-dir"]
    assert check.main([*args, str(locale_with(tmp_path / "ok", "complete.po"))]) == 0
    assert check.main([*args, str(locale_with(tmp_path / "bad", "incomplete.po"))]) == 1
    output = capsys.readouterr().out
    assert "Translations complete for de" in output
    assert output.count("untranslated: 'Genres'") == 2  # django and djangojs


def test_the_shipped_languages_are_the_settings_but_english():
    assert check.shipped_languages() == ["de", "fr", "ja"]


def test_extraction_finds_the_shops_strings_and_not_the_sandboxs(tmp_path):
    """makemessages on a copy: the templates' and scripts' strings reach the catalogues;
    the sandbox and the tests are not the shop's UI; the checkout is left untouched."""
    before = sorted(p.relative_to(ROOT) for p in (ROOT / "locale").rglob("*"))
    extracted = check.extract(["de"])
    try:
        django = polib.pofile(str(check.catalogue_path(extracted, "de", "django")))
        scripts = polib.pofile(str(check.catalogue_path(extracted, "de", "djangojs")))
        files = {path for entry in django for path, _ in entry.occurrences}
        problems = check.extraction_problems(tmp_path, extracted, ["de"])
    finally:
        shutil.rmtree(extracted.parents[1])
    assert "Nothing playing" in {entry.msgid for entry in scripts}
    assert "This page in %(language)s" in {entry.msgid for entry in django}
    assert not any(path.startswith(("sandbox", "tests", ".venv")) for path in files)
    assert any("makemessages would add 'Nothing playing'" in p for p in problems)
    assert sorted(p.relative_to(ROOT) for p in (ROOT / "locale").rglob("*")) == before


@pytest.mark.parametrize("sample", ["complete.po", "incomplete.po", "broken.po", "extracted.po"])
def test_the_samples_are_catalogues(sample):
    assert polib.pofile(str(DATA / sample)).metadata["Language"] == "de"
