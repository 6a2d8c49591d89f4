"""The core never imports Qt: import every oefensense module outside oefensense.gui in a fresh
interpreter and check that neither PySide6 nor pyqtgraph got loaded (napari's rule)."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = r"""
import importlib, pkgutil, sys
import oefensense
failed = []
names = []
for m in pkgutil.walk_packages(oefensense.__path__, "oefensense."):
    if m.name == "oefensense.gui" or m.name.startswith("oefensense.gui.") or m.name.endswith("__main__"):
        continue
    names.append(m.name)
    try:
        importlib.import_module(m.name)
    except (Exception, SystemExit) as exc:  # a broken module is someone else's test; Qt is ours
        failed.append(f"{m.name}: {type(exc).__name__}")
qt = sorted(k for k in sys.modules if k.split(".")[0] in ("PySide6", "pyqtgraph", "shiboken6", "PyQt5", "PyQt6"))
print("MODULES", len(names))
print("QT", ",".join(qt))
print("FAILED", "; ".join(failed))
"""


def test_core_never_imports_qt():
    res = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    lines = dict(line.split(" ", 1) if " " in line else (line, "") for line in res.stdout.splitlines())
    assert int(lines["MODULES"]) > 20  # the walk really covered the package
    assert lines["QT"].strip() == "", f"Qt imported by the core: {lines['QT']}"
    assert "oefensense.live.controller" not in lines.get("FAILED", "")
    assert "oefensense.commands.gui" not in lines.get("FAILED", "")
