"""Rich rendering of a summary.json dict (shared by demo, analyze and replay)."""

from __future__ import annotations

from typing import Any

from rich.table import Table

from .common import console


def print_summary(summary: dict[str, Any], title: str = "summary") -> None:
    table = Table(title=title, show_header=False, title_justify="left")
    table.add_column("what", style="bold")
    table.add_column("value")
    for key, value in summary.items():
        if key == "data_quality":
            value = data_quality_text(value)
        elif isinstance(value, dict):
            value = ", ".join(f"{k} {_fmt(v)}" for k, v in value.items())
        table.add_row(key.replace("_", " "), _fmt(value))
    console.print(table)


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:.1f}"
    return str(v)


def data_quality_text(dq: dict[str, Any]) -> str:
    """summary.json's ``data_quality`` as short lines per sensor ("none flagged" when clean)."""
    lines = []
    from ..io.csv_checks import ImportReport

    for sid, imp in (dq.get("import") or {}).items():
        lines.append(f"{sid}: import {ImportReport.from_dict(imp).describe()}")
    for sid, g in (dq.get("gaps") or {}).items():
        reasons = ", ".join(f"{r} {n}" for r, n in g["by_reason"].items())
        dropped = (dq.get("dropped_samples") or {}).get(sid, {})
        extra = f"; {sum(dropped.values())} samples dropped" if dropped else ""
        lines.append(f"{sid}: {g['count']} flagged gap(s), {g['seconds']:.1f} s ({reasons}){extra}")
    return "\n".join(lines) or "nothing dropped or flagged"
