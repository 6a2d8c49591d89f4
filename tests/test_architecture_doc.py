"""docs/architecture.md draws the analysis stages as the registry has them (order, what each adds,
reads from earlier stages, emits, its model)."""

from __future__ import annotations

import re
from pathlib import Path

from oefensense.analysis.registry import REGISTRY

DOC = Path(__file__).resolve().parents[1] / "docs" / "architecture.md"


def _cells(text: str) -> list[str]:
    """Comma-separated names of a table cell; a remark in parentheses is not a name."""
    return sorted(x.strip() for x in re.sub(r"\(.*?\)", "", text).split(",") if x.strip())


def test_the_stage_drawing_and_table_match_the_registry() -> None:
    doc = DOC.read_text()
    drawing = re.search(r"BodyFrame ─► (.*) ─► segments \+ events", doc)
    assert drawing is not None and tuple(drawing.group(1).split(" ─► ")) == REGISTRY.names
    rows = [[c.strip() for c in line.strip().strip("|").split("|")] for line in doc.splitlines()
            if line.startswith("| ") and line.count("|") == 6]
    table = {r[0]: r[1:] for r in rows if r[0] in REGISTRY.names}
    assert list(table) == list(REGISTRY.names)
    added = {ch for cls in REGISTRY.classes.values() for ch in cls.adds}
    for name, cls in REGISTRY.classes.items():
        adds, reads, emits, model = table[name]
        assert _cells(adds) == sorted(cls.adds), name
        assert _cells(reads) == sorted(ch for ch in cls.reads if ch in added), name
        assert _cells(emits) == sorted(cls.emits), name
        assert model == (cls.model_kind or ""), name
