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
        if isinstance(value, dict):
            value = ", ".join(f"{k} {_fmt(v)}" for k, v in value.items())
        table.add_row(key.replace("_", " "), _fmt(value))
    console.print(table)


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:.1f}"
    return str(v)
