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


# ---- the static check (import-linter contracts in pyproject.toml, run by `make lint`) -------
import ast  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from installed_layout import FOLDER_OF_PACKAGE, assemble  # noqa: E402
from lint_layers import lint_tree  # noqa: E402


def test_layout_script_maps_the_folders_as_setup_py_does() -> None:
    tree = ast.parse((ROOT / "setup.py").read_text())
    mapping = next(ast.literal_eval(n.value) for n in ast.walk(tree)
                   if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "FOLDER_OF_PACKAGE")
    assert mapping == FOLDER_OF_PACKAGE


@pytest.fixture(scope="module")
def layout(tmp_path_factory) -> Path:
    return assemble(tmp_path_factory.mktemp("layout"))


def test_static_layer_check_passes_on_the_package(layout: Path) -> None:
    res = lint_tree(layout, capture=True)
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-2000:]
    assert "0 broken" in res.stdout


@pytest.mark.parametrize(
    ("module", "source", "contract"),
    [
        ("core/_probe_qt.py", "from PySide6 import QtCore\n", "Qt only in oefensense.gui BROKEN"),
        ("analysis/_probe_layer.py", "from oefensense.live import state\n", "gui/commands BROKEN"),
        ("orientation/_probe_cycle.py", "from oefensense.calibration import procedure\n", "gui/commands BROKEN"),
        ("analysis/_probe_training.py", "from oefensense.models.training import train_posture\n", "training code BROKEN"),
        ("io/_probe_bench.py", "import benchmarks\n", "the tests BROKEN"),
    ],
)
def test_static_layer_check_fails_when_a_module_breaks_a_rule(tmp_path: Path, module: str, source: str, contract: str) -> None:
    tree = assemble(tmp_path)
    (tree / "oefensense" / module).write_text(source)
    res = lint_tree(tree, capture=True)
    assert res.returncode != 0
    assert contract in " ".join(res.stdout.split()), res.stdout[-3000:]
