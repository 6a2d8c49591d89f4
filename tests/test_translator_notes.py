"""Translator notes in the Dutch catalogue belong to their text. lupdate turns a Python comment
starting with ``#:`` into a note (``<extracomment>``) on the next ``tr``/``QT_TR_NOOP`` text,
however far below: developer comments written as ``#:`` (Sphinx style) landed on unrelated texts,
e.g. the gait-speed trust note on "no walking found" and a CSV rate-change note on
"%n NaN/inf dropped". Now a ``#:`` in the sources lupdate reads must sit right above a table of
texts, and every note in the catalogue is one of those."""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import translations as tool  # noqa: E402

# a #: above no text that lupdate leaves alone today (no tr() below it in the file; the catalogue
# test checks that no note came from it): gui/ is another branch's work at the moment
NOT_ABOVE_TEXTS = {"gui/platform_check.py:14"}
MARKER = re.compile(r"\b(QT_TR_NOOP|QT_TRANSLATE_NOOP|tr|translate)\(")


def _notes() -> tuple[list[str], list[str]]:
    """(notes that sit above texts, ``file:line`` of ``#:`` blocks that do not)."""
    files = [p for s in tool.SOURCES for p in ([s] if s.is_file() else sorted(s.rglob("*.py")))]
    kept, stray = [], []
    for path in files:
        lines = path.read_text(encoding="utf-8").splitlines()
        i = 0
        while i < len(lines):
            if not lines[i].lstrip().startswith("#:"):
                i += 1
                continue
            start, block = i, []
            while i < len(lines) and lines[i].lstrip().startswith("#:"):
                block.append(lines[i].lstrip()[2:].strip())
                i += 1
            # the texts the note is for: in the statement right below it (a table's first lines)
            if any(MARKER.search(x) for x in lines[i:i + 2]):
                kept.append(" ".join(block))
            else:
                stray.append(f"{path.relative_to(ROOT)}:{start + 1}")
    return kept, stray


def test_notes_for_translators_sit_above_their_texts() -> None:
    kept, stray = _notes()
    stray = [x for x in stray if x not in NOT_ABOVE_TEXTS]
    assert not stray, f"#: comments not above a text (lupdate makes them a note on the next text; use #): {stray}"
    assert kept  # the tables of texts keep their notes (gui/words.py, the CLI's tables)


def test_the_catalogue_has_no_note_on_an_unrelated_text() -> None:
    kept, _ = _notes()
    root = ET.parse(ROOT / "oefensense" / "translations" / "oefensense_nl.ts").getroot()
    notes = {m.findtext("source"): m.findtext("extracomment") for m in root.iter("message") if m.find("extracomment") is not None}
    assert notes and set(notes.values()) <= set(kept), set(notes.values()) - set(kept)
    for text in ("no walking found", "%n NaN/inf dropped", "no stand-up found in the recording",
                 "the TUG needs a pelvis or trunk sensor with a gyroscope"):
        assert text not in notes, (text, notes.get(text))
