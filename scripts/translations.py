"""Refresh or check the translation catalogues (Qt Linguist) of the dashboard and the CLI.

    python scripts/translations.py          # lupdate: new texts into the .ts, then lrelease: the .qm
    python scripts/translations.py --check  # exit 1 if a .ts misses a text of the code, a Dutch text
                                            # is untranslated, or a .qm is stale relative to its .ts

``make translations`` runs the first; tests/gui/test_translations.py the second.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = ROOT / "oefensense" / "translations"
SOURCES = [ROOT / "gui", ROOT / "oefensense" / "commands", ROOT / "oefensense" / "cli.py", ROOT / "oefensense" / "demo.py",
           ROOT / "oefensense" / "core" / "clock.py", ROOT / "oefensense" / "core" / "limits.py", ROOT / "oefensense" / "core" / "schedule.py", ROOT / "oefensense" / "io" / "csv_checks.py", ROOT / "oefensense" / "io" / "worded.py", ROOT / "oefensense" / "io" / "importers", ROOT / "oefensense" / "batch" / "discover.py", ROOT / "oefensense" / "batch" / "starts.py", ROOT / "oefensense" / "batch" / "runners.py", ROOT / "oefensense" / "assessments",
           ROOT / "oefensense" / "ble" / "policy.py", ROOT / "oefensense" / "record", ROOT / "oefensense" / "core" / "patient.py", ROOT / "oefensense" / "reports" / "data.py",
           ROOT / "oefensense" / "session" / "words.py", ROOT / "oefensense" / "analysis" / "feedback_plan.py"]
# nl: every text; en: the source language, so plural forms only ("1 sensor found" / "2 sensors found")
TARGETS = {"nl": ("nl_NL", []), "en": ("en_GB", ["-pluralonly"])}


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease beside this Python (the venv's), else on PATH."""
    here = Path(sys.executable).parent / f"pyside6-{name}"
    found = str(here) if here.exists() else shutil.which(f"pyside6-{name}")
    if found is None:
        raise SystemExit(f"pyside6-{name} not found: install the dashboard extra (make setup)")
    return found


def update(ts: Path, language: str) -> None:
    locale, extra = TARGETS[language]
    subprocess.run([tool("lupdate"), "-silent", "-locations", "none", "-no-obsolete", "-extensions", "py",
                    "-target-language", locale, *extra, *map(str, SOURCES), "-ts", str(ts)], check=True)


def release(ts: Path, qm: Path) -> None:
    subprocess.run([tool("lrelease"), "-silent", "-nounfinished", str(ts), "-qm", str(qm)], check=True)


def unfinished(ts: Path) -> list[str]:
    """Source texts without a complete translation."""
    out = []
    for msg in ET.parse(ts).getroot().iter("message"):
        t = msg.find("translation")
        forms = [f.text for f in t.iter("numerusform")] if msg.get("numerus") == "yes" else [t.text]
        if t.get("type") in ("unfinished",) or not all(forms):
            out.append(msg.findtext("source") or "")
    return out


def check(catalogues: Path = CATALOGUES) -> list[str]:
    """What is wrong with the catalogues in ``catalogues`` (nothing: an empty list)."""
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        for language in TARGETS:
            ts = catalogues / f"oefensense_{language}.ts"
            fresh = Path(tmp) / ts.name
            shutil.copy(ts, fresh)
            update(fresh, language)
            if fresh.read_bytes() != ts.read_bytes():
                problems.append(f"{ts.name} is not what lupdate makes of the code (texts added or removed): run `make translations`")
            problems += [f"{ts.name}: no translation for {s!r}" for s in unfinished(fresh)]
            qm = Path(tmp) / f"oefensense_{language}.qm"
            release(ts, qm)
            shipped = ts.with_suffix(".qm")
            if not shipped.exists() or shipped.read_bytes() != qm.read_bytes():
                problems.append(f"{shipped.name} is stale relative to {ts.name}: run `make translations`")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="check only; exit 1 on a problem")
    if parser.parse_args().check:
        problems = check()
        print("\n".join(problems) or "translations OK")
        return 1 if problems else 0
    for language in TARGETS:
        ts = CATALOGUES / f"oefensense_{language}.ts"
        update(ts, language)
        release(ts, ts.with_suffix(".qm"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
