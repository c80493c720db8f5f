"""The translation catalogs stay complete, compiled and in step with the code.

CI fails when a string is added to the code or templates without an Afrikaans
translation, when a translation is fuzzy or drops a placeholder, or when the committed
.mo files (which `newsdesk serve` reads; no gettext needed at run time) lag the .po.
"""

import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

REPO = Path(__file__).resolve().parents[2]
LOCALE = Path(settings.LOCALE_PATHS[0])
LANGUAGES = ["af"]
DOMAINS = ["django", "djangojs"]
# What makemessages reads: the same ignores as docs/I18N.md tells translators to use.
IGNORE = ["*/tests/*", "tests", "bench", "scripts", "data", ".venv", "node_modules"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*(?:![rs])?\}")


def catalog(language: str, domain: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / f"{domain}.po"))


def key(entry) -> tuple:
    return (entry.msgctxt, entry.msgid, entry.msgid_plural)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("domain", DOMAINS)
def test_every_entry_is_translated_and_none_is_fuzzy(language, domain):
    po = catalog(language, domain)
    assert len(po) > 0
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    obsolete = [e.msgid for e in po.obsolete_entries()]
    assert untranslated == [], f"untranslated in {language}/{domain}.po: {untranslated}"
    assert fuzzy == [], f"fuzzy in {language}/{domain}.po: {fuzzy}"
    assert obsolete == [], f"obsolete (remove them) in {language}/{domain}.po: {obsolete}"
    assert po.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("domain", DOMAINS)
def test_translations_keep_every_placeholder(language, domain):
    wrong = []
    for entry in catalog(language, domain):
        sources = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
        wanted = set().union(*(set(PLACEHOLDER.findall(s)) for s in sources))
        found = [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
        for text in found:
            # A singular may say "the reply" instead of "1 reply"; no placeholder may be new.
            if not set(PLACEHOLDER.findall(text)) <= wanted or (
                not entry.msgid_plural and set(PLACEHOLDER.findall(text)) != wanted
            ):
                wrong.append((entry.msgid, text))
    assert wrong == []


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("domain", DOMAINS)
def test_committed_mo_matches_the_po(language, domain):
    po = catalog(language, domain)
    mo = polib.mofile(str(LOCALE / language / "LC_MESSAGES" / f"{domain}.mo"))
    compiled = {key(e): (e.msgstr, dict(e.msgstr_plural)) for e in mo}
    source = {
        key(e): (e.msgstr, {int(k): v for k, v in e.msgstr_plural.items()})
        for e in po.translated_entries()
    }
    stale = sorted(
        str(k) for k in source.keys() | compiled.keys() if source.get(k) != compiled.get(k)
    )
    assert stale == [], (
        "the .mo is out of date: run `uv run newsdesk compilemessages -l af "
        f"--ignore=.venv --ignore=node_modules` and commit it ({stale[:5]})"
    )


@pytest.mark.parametrize("domain", DOMAINS)
def test_makemessages_would_add_or_drop_nothing(domain, tmp_path, monkeypatch, settings):
    """Run makemessages on a copy of the code and compare its msgids with the catalog."""
    shutil.copytree(REPO / "newsdesk", tmp_path / "newsdesk", ignore=_skip_copy)
    shutil.copytree(LOCALE, tmp_path / "locale")
    settings.LOCALE_PATHS = []  # makemessages writes into ./locale of the copy only
    monkeypatch.chdir(tmp_path)
    call_command("makemessages", locale=["af"], domain=domain, ignore_patterns=IGNORE, verbosity=0)
    fresh = polib.pofile(str(tmp_path / "locale" / "af" / "LC_MESSAGES" / f"{domain}.po"))
    wanted = {key(e) for e in fresh if not e.obsolete}
    have = {key(e) for e in catalog("af", domain) if not e.obsolete}
    assert sorted(map(str, wanted - have)) == [], "new strings: run makemessages and translate"
    assert sorted(map(str, have - wanted)) == [], "strings gone from the code: run makemessages"


def _skip_copy(directory: str, names: list[str]) -> set[str]:
    """Leave out what makemessages ignores anyway, and the heavy media."""
    return {
        n
        for n in names
        if n in {"__pycache__", "tests", "migrations"} or n.endswith((".png", ".jpg"))
    }
