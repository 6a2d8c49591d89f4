"""Assemble the installed package layout (``oefensense`` plus the product card's top-level folders
mapped under it, as ``setup.py`` maps them) as a tree of symlinks to the source files, so static
tools that walk folders (import-linter's grimp) see what a wheel installs.

    python scripts/installed_layout.py DIR      # prints DIR; DIR/oefensense is the package
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
FOLDER_OF_PACKAGE = {  # keep in step with setup.py (a test checks it)
    "oefensense": "oefensense",
    "oefensense.protocols": "firmware_protocols",
    "oefensense.calibration": "calibration",
    "oefensense.models": "models",
    "oefensense.gui": "gui",
}


def assemble(dest: Path) -> Path:
    for package, folder in FOLDER_OF_PACKAGE.items():
        target = dest.joinpath(*package.split("."))
        for src in (ROOT / folder).rglob("*.py"):
            if "__pycache__" in src.parts:
                continue
            rel = src.relative_to(ROOT / folder)
            if package == "oefensense" and rel.parts[0] in {"protocols", "calibration", "models", "gui"}:
                continue
            out = target / rel
            out.parent.mkdir(parents=True, exist_ok=True)
            if not out.exists():
                os.symlink(src, out)
    return dest


if __name__ == "__main__":
    print(assemble(Path(sys.argv[1]).resolve()))
