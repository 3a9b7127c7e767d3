"""The interface catalogues for the languages we claim are complete, valid and
compiled: a PO file edited without recompiling its MO would silently serve the
old strings (or English)."""

from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
COMPLETE = ("ar", "de", "fa", "fr", "nl", "no", "ru", "sq", "ur")
CATALOGUES = sorted(
    p for p in ROOT.glob("**/locale/*/LC_MESSAGES/django.po") if ".venv" not in p.parts
)


def _key(entry):
    return (entry.msgctxt or "", entry.msgid)


def test_catalogues_are_found():
    langs = {p.parts[-3] for p in CATALOGUES}
    assert set(COMPLETE) <= langs


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_is_complete_and_compiled(path):
    po = polib.pofile(str(path))
    lang = path.parts[-3]
    if lang in COMPLETE:
        assert not po.untranslated_entries(), [e.msgid for e in po.untranslated_entries()][:5]
        assert not po.fuzzy_entries(), [e.msgid for e in po.fuzzy_entries()][:5]
    mo = polib.mofile(str(path.with_suffix(".mo")))
    compiled = {_key(e): (e.msgstr, dict(e.msgstr_plural)) for e in mo if e.msgid}
    for entry in po.translated_entries():
        if "fuzzy" in entry.flags:
            continue
        got = compiled.get(_key(entry))
        assert got is not None, (
            f"{entry.msgid!r} is not in the compiled catalogue: run compilemessages"
        )
        if entry.msgid_plural:
            assert {int(k): v for k, v in got[1].items()} == {
                int(k): v for k, v in entry.msgstr_plural.items()
            }
        else:
            assert got[0] == entry.msgstr, f"{entry.msgid!r}: the MO file is older than the PO file"
