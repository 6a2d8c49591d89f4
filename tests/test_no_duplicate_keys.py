"""No dict literal in the package names a key twice. Python keeps the last silently: the report's
word table got a second "loss" entry (a stored-data loss sentence, 4 Dec 2026) and the sensors
table's column header read "{file} {what}: {row…" in both languages."""

from __future__ import annotations

import ast
from pathlib import Path

import oefensense

ROOTS = [Path(oefensense.__file__).parent, Path(oefensense.__file__).parents[1] / "gui"]


def test_no_dict_literal_repeats_a_key() -> None:
    found = []
    for root in ROOTS:
        for path in sorted(root.rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if not isinstance(node, ast.Dict):
                    continue
                seen: set = set()
                for key in node.keys:
                    if isinstance(key, ast.Constant):
                        if key.value in seen:
                            found.append(f"{path.relative_to(root.parent)}:{key.lineno} {key.value!r}")
                        seen.add(key.value)
    assert found == [], found
