"""Check the import layers (``[tool.importlinter]`` in pyproject.toml) on the installed layout.

The product card's top-level folders are mapped under ``oefensense`` only when installed, so the
check assembles that layout (``installed_layout.py``: symlinks, as a wheel would lay the files
out) and runs import-linter on it, in an interpreter that does not load the editable install.

    python scripts/lint_layers.py          # exit 0 when every contract is kept
"""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

from installed_layout import ROOT, assemble


def lint_tree(tree: Path, capture: bool = False) -> subprocess.CompletedProcess:
    """Run import-linter with the project's contracts on an assembled tree (``tree/oefensense``)."""
    # -S: no site processing, so the editable finder (a .pth file) cannot shadow the tree
    path = f"{tree}:{sysconfig.get_paths()['purelib']}"
    code = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"
    cmd = [sys.executable, "-S", "-c", code, str(ROOT / "pyproject.toml"), "--no-cache"]
    env = {"PYTHONPATH": path, "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(cmd, cwd=tree, env=env, capture_output=capture, text=True)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="oefensense-layers-") as tmp:
        return lint_tree(assemble(Path(tmp))).returncode


if __name__ == "__main__":
    sys.exit(main())
