#!/usr/bin/env python3
"""Fail when a shipped language is not fully translated, or the catalogues are stale.

For each shipped language (settings.LANGUAGES but English, the source) and each
domain (`django`: templates and Python; `djangojs`: static/js), the catalogue
`locale/<language>/LC_MESSAGES/<domain>.po` must:

- exist, and compile (`msgfmt --check-format`: placeholders match);
- have no untranslated entry (an empty msgstr, or an empty plural form) and no fuzzy
  one (a guess msgmerge made that nobody checked).

Then `manage.py makemessages` runs on a copy of the repository (the checkout is left
alone), and every msgid it would add to a catalogue is reported: a string marked for
translation that nobody extracted, so nobody translated it.

Extracted from the shop's own code: `.venv`, `var`, `bench` (load scripts), `tests`
and `sandbox` are ignored. The sandbox stands in for api.7digital.com: its pages (its
admin, the hosted card and PayPal pages) are the API's, in English like 7digital's,
not the shop's UI. `static/vendor` holds third-party minified scripts.

    .ci/check_translations.py             # both checks (make lint, .ci/run)
    .ci/check_translations.py --no-extract  # the catalogues only (no makemessages)

Exit status 0 when all is well, 1 with one line per problem otherwise.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
DOMAINS = ("django", "djangojs")
IGNORED = (".venv", "var", "bench", "tests", "sandbox", "static/vendor", "node_modules")
Key = tuple[str | None, str]  # (msgctxt, msgid)


def catalogue_path(locale_dir: Path, language: str, domain: str) -> Path:
    return locale_dir / language / "LC_MESSAGES" / f"{domain}.po"


def live_entries(catalogue: polib.POFile) -> list[polib.POEntry]:
    """The catalogue's messages: not the header, not obsolete ones (#~)."""
    return [entry for entry in catalogue if entry.msgid and not entry.obsolete]


def untranslated(entry: polib.POEntry) -> bool:
    if entry.msgid_plural:
        forms = entry.msgstr_plural
        return not forms or any(not text for text in forms.values())
    return not entry.msgstr


def where(entry: polib.POEntry) -> str:
    if entry.occurrences:
        path, line = entry.occurrences[0]
        return f" ({path}:{line})" if line else f" ({path})"
    return ""


def catalogue_problems(path: Path) -> list[str]:
    """Missing, broken, untranslated or fuzzy: one line per problem."""
    if not path.is_file():
        return [f"{path}: missing"]
    problems = []
    with tempfile.TemporaryDirectory() as scratch:
        compiled = Path(scratch) / "compiled.mo"
        checked = subprocess.run(
            ["msgfmt", "--check-format", "-o", str(compiled), str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        if checked.returncode != 0:
            problems.append(f"{path}: msgfmt --check-format failed: {checked.stderr.strip()}")
        elif not path.with_suffix(".mo").is_file():
            problems.append(f"{path.with_suffix('.mo')}: missing (manage.py compilemessages)")
        elif path.with_suffix(".mo").read_bytes() != compiled.read_bytes():
            # The repository holds the compiled catalogues (a user's machine may have no
            # msgfmt): they must be what the .po compiles to.
            problems.append(f"{path.with_suffix('.mo')}: stale (manage.py compilemessages)")
    for entry in live_entries(polib.pofile(str(path))):
        if entry.fuzzy:
            problems.append(f"{path}: fuzzy: {entry.msgid!r}{where(entry)}")
        elif untranslated(entry):
            problems.append(f"{path}: untranslated: {entry.msgid!r}{where(entry)}")
    return problems


def keys(catalogue: polib.POFile) -> set[Key]:
    return {(entry.msgctxt, entry.msgid) for entry in live_entries(catalogue)}


def added_msgids(current: Path, extracted: Path) -> list[Key]:
    """The msgids of `extracted` (makemessages's catalogue) that `current` lacks."""
    have = keys(polib.pofile(str(current))) if current.is_file() else set()
    return sorted(keys(polib.pofile(str(extracted))) - have, key=lambda k: (k[1], k[0] or ""))


def extract(languages: Sequence[str], *, root: Path = ROOT) -> Path:
    """Run makemessages for `languages` on a copy of `root`; the copy's locale dir."""

    def ignored(directory: str, names: list[str]) -> set[str]:
        here = Path(directory).relative_to(root)
        skipped = {".git", "__pycache__"} | {
            Path(pattern).name for pattern in IGNORED if Path(pattern).parent == here
        }
        return skipped & set(names)

    copy = Path(tempfile.mkdtemp(prefix="check-translations-")) / "store"
    shutil.copytree(root, copy, ignore=ignored, symlinks=True)
    python = root / ".venv" / "bin" / "python"
    command = [str(python if python.exists() else sys.executable), "manage.py", "makemessages"]
    command += [f"--locale={language}" for language in languages]
    command += [f"--ignore={pattern}/*" for pattern in IGNORED]
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "storefront.settings.local"}
    environment["VAR_DIR"] = str(copy.parent / "var")  # nothing written beside the checkout
    for domain in DOMAINS:
        subprocess.run(
            [*command, f"--domain={domain}", "--no-obsolete"],
            cwd=copy,
            env=environment,
            check=True,
            capture_output=True,
        )
    return copy / "locale"


def extraction_problems(locale_dir: Path, extracted: Path, languages: Iterable[str]) -> list[str]:
    problems = []
    for language in languages:
        for domain in DOMAINS:
            current = catalogue_path(locale_dir, language, domain)
            fresh = catalogue_path(extracted, language, domain)
            if not fresh.is_file():
                continue  # nothing of that domain to translate
            for context, msgid in added_msgids(current, fresh):
                label = f"{context}|{msgid}" if context else msgid
                problems.append(f"{current}: makemessages would add {label!r}")
    return problems


def shipped_languages() -> list[str]:
    """settings.LANGUAGES but the source language, read without setting Django up."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "storefront.settings.local")
    from django.conf import settings

    return [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--locale-dir", type=Path, default=ROOT / "locale")
    parser.add_argument("--no-extract", action="store_true", help="skip makemessages")
    parser.add_argument("--languages", nargs="*", help="default: settings.LANGUAGES but en")
    args = parser.parse_args(argv)
    languages = args.languages or shipped_languages()
    problems = [
        problem
        for language in languages
        for domain in DOMAINS
        for problem in catalogue_problems(catalogue_path(args.locale_dir, language, domain))
    ]
    if not args.no_extract:
        extracted = extract(languages)
        try:
            problems += extraction_problems(args.locale_dir, extracted, languages)
        finally:
            shutil.rmtree(extracted.parents[1], ignore_errors=True)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} translation problem(s): see locale/README.md", file=sys.stderr)
        return 1
    print(f"Translations complete for {', '.join(languages)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
