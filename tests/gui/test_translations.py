"""Translations with Qt Linguist (#25): the .ts catalogues hold every text of the code, every
Dutch text is translated, the shipped .qm is compiled from the current .ts, plurals are real,
patients are addressed with the formal "u", and every identifier the core hands the dashboard
has a word in both languages."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from oefensense.analysis.feedback_plan import MODALITIES, RULES, WHEN  # noqa: E402
from oefensense.core.events import EVENT_TYPES  # noqa: E402
from oefensense.core.palette import POSTURE_COLOURS  # noqa: E402
from oefensense.core.types import Placement  # noqa: E402
from oefensense.gui import i18n, words  # noqa: E402
from oefensense.live.vocab import TECHNIQUE_RATING  # noqa: E402
from oefensense.translations import catalogue, ts_path  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import translations as tool  # noqa: E402


@pytest.fixture()
def nl(qapp):
    i18n.set_language("nl")
    yield i18n.translator()
    i18n.set_language("en")


def test_catalogues_match_the_code_are_complete_and_compiled() -> None:
    """lupdate finds no text missing from the .ts, no Dutch text is unfinished, the .qm is fresh."""
    res = subprocess.run([sys.executable, str(ROOT / "scripts" / "translations.py"), "--check"], capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr


def test_the_check_fails_on_a_stale_qm_a_new_text_and_a_missing_translation(tmp_path) -> None:
    for f in ts_path("nl").parent.glob("oefensense_*.*"):
        shutil.copy(f, tmp_path / f.name)
    ts = tmp_path / "oefensense_nl.ts"
    text = ts.read_text(encoding="utf-8")
    ts.write_text(text.replace("<translation>Opnemen</translation>", "<translation>Opname starten</translation>"), encoding="utf-8")
    assert any("oefensense_nl.qm is stale" in p for p in tool.check(tmp_path))
    # a text of the code that the .ts lacks, and a Dutch text left untranslated
    ts.write_text(re.sub(r"<message>\s*<source>Record</source>\s*<translation>[^<]*</translation>\s*</message>", "", text), encoding="utf-8")
    problems = tool.check(tmp_path)
    assert any("not what lupdate makes of the code" in p for p in problems)
    assert any(p.endswith("no translation for 'Record'") for p in problems)


def test_plurals_are_numerus_forms(nl) -> None:
    assert i18n.tr("%n sensor(s) found", None, 1) == "1 sensor gevonden"
    assert i18n.tr("%n sensor(s) found", None, 3) == "3 sensoren gevonden"
    i18n.set_language("en")
    assert i18n.tr("%n sensor(s) found", None, 1) == "1 sensor found"
    assert i18n.tr("%n sensor(s) found", None, 0) == "0 sensors found"
    # the CLI reads the same catalogue without Qt and picks the same forms
    assert catalogue("nl").translate("", "%n sensor(s) found", 1) == "1 sensor gevonden"
    assert catalogue("nl").translate("", "%n sensor(s) found", 2) == "2 sensoren gevonden"


def test_no_faked_plurals_and_the_formal_u_for_patients() -> None:
    informal = re.compile(r"\b(je|jij|jou|jouw|jullie)\b", re.I)
    for msg in ET.parse(ts_path("nl")).getroot().iter("message"):
        forms = [t.text or "" for t in msg.iter("numerusform")] or [msg.findtext("translation") or ""]
        for form in forms:
            assert not re.search(r"\w\((en|s)\)", form), f"a faked plural in {form!r}"
            assert not informal.search(form), f"informal address in {form!r}"
    for sentence in words.PATIENT_POSTURES.values():  # every patient sentence that names the patient says "U"
        dutch = catalogue("nl").translate("", sentence)
        assert dutch is not None and (dutch.startswith("U ") or not sentence.startswith("You ")), (sentence, dutch)


def test_every_identifier_from_the_core_has_a_dutch_and_an_english_word(nl) -> None:
    expected = {
        "posture": set(POSTURE_COLOURS) | {"dynamic", "transition", "non_wear", "no_data", "unknown"},
        "patient_posture": set(POSTURE_COLOURS) - {"unknown"},
        "placement": {p.value for p in Placement},
        "technique": set(TECHNIQUE_RATING),
        "rating": {r for r, _ in TECHNIQUE_RATING.values()},
        "cue": {c for _, c in TECHNIQUE_RATING.values()} | {"cue_keep_back_straighter"},
        "plan": set(RULES) | set(MODALITIES) | set(WHEN),
    }
    for kind, identifiers in expected.items():
        missing = identifiers - set(words.TABLES[kind])
        assert not missing, f"{kind}: no word for {sorted(missing)}"
        for ident in identifiers:
            assert words.word(kind, ident)
    assert nl.misses == set(), f"untranslated: {sorted(nl.misses)}"


def test_an_undetermined_lift_is_worded_without_a_technique_claim(nl) -> None:
    """The dashboard's words for a lift whose technique is undetermined (docs/lifting.md): not
    rated, and a cue that names no knees or back, in Dutch and English (it read "bend your knees")."""
    from oefensense.live.vocab import rate_lift

    rating, cue = rate_lift({"technique": "undetermined"})
    assert (words.word("rating", rating), words.word("cue", cue)) == ("niet beoordeeld", "tilbeweging geteld, techniek niet te meten")
    i18n.set_language("en")
    assert (words.word("rating", rating), words.word("cue", cue)) == ("not rated", "lift counted, technique not measurable")


def test_words_the_event_declarations_also_translate_agree(nl) -> None:
    """Lift techniques and transition postures are worded in core/events.py for the reports and
    the CLI too: the dashboard must not say another word for them."""
    for decl in EVENT_TYPES.values():
        for value, dutch in decl.values_nl.items():
            for kind in ("technique", "posture"):
                if value in words.TABLES[kind]:
                    assert words.word(kind, value) == dutch, (decl.name, value)


def test_a_text_without_translation_is_noticed(nl) -> None:
    assert i18n.tr("a text nobody translated") == "a text nobody translated"
    assert "a text nobody translated" in nl.misses


def _literal_texts(path: Path) -> set[str]:
    """The texts of every ``tr("...")`` / ``QT_TR_NOOP("...")`` call with a literal, f-strings included."""
    import ast

    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("tr", "QT_TR_NOOP") and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                out.add(first.value)
    return out


def test_every_literal_text_of_the_code_is_in_the_dutch_catalogue() -> None:
    """What lupdate cannot see (a tr() inside an f-string) would stay English: Python's own parser
    finds every literal tr()/QT_TR_NOOP() text, and each must have a Dutch translation."""
    files = [*ROOT.joinpath("gui").glob("*.py"), *ROOT.joinpath("oefensense", "commands").glob("*.py"),
             ROOT / "oefensense" / "cli.py", ROOT / "oefensense" / "demo.py",
             ROOT / "oefensense" / "io" / "csv_checks.py"]
    texts = set().union(*map(_literal_texts, files))
    assert len(texts) > 250
    missing = sorted(t for t in texts if catalogue("nl").translate("", t, 1 if "%n" in t else -1) is None)
    assert not missing, f"no Dutch for {missing}"
