"""``oefensense info SESSION [--json]``: describe a recorded session.

A rich table by default, the ``session_info`` dict as JSON with ``--json``; a foreign, empty or
truncated directory exits with code 2 and a one-line reason on stderr.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from ..session import InfoSettings, SessionError, session_info


def _fmt_gaps(gaps: list[dict[str, Any]], limit: int = 3) -> str:
    if not gaps:
        return "-"
    parts = [f"{g['start_s']:.2f}–{g['end_s']:.2f}s" for g in gaps[:limit]]
    if len(gaps) > limit:
        parts.append(f"(+{len(gaps) - limit} more)")
    return f"{len(gaps)}: " + ", ".join(parts)


def render(info: dict[str, Any], console: Console) -> None:
    """Print ``info`` (from :func:`session_info`) as a header plus one table row per sensor."""
    state = "closed" if info["closed"] else ("recording in progress" if info.get("live") else "NOT CLOSED")
    if info["recovered"]:
        state += ", recovered after a crash"
    if info["compacted"]:
        state += ", compacted"
    console.print(f"[bold]{info['path']}[/bold]  ({state}; created {info.get('created_utc') or '?'})")
    console.print(
        f"duration {info['duration_s']:.1f} s   packets {info['packets']}   events {info['events']}"
        f"   markers {info['markers']}"
    )
    table = Table(show_header=True, header_style="bold")
    for col, just in [
        ("sensor", "left"),
        ("placement", "left"),
        ("family", "left"),
        ("samples", "right"),
        ("rate Hz", "right"),
        ("loss %", "right"),
        ("gaps", "left"),
    ]:
        table.add_column(col, justify=just)  # type: ignore[arg-type]
    for s in info["sensors"]:
        loss = "-" if s["loss_pct"] is None else f"{s['loss_pct']:.2f}"
        table.add_row(
            s["sensor_id"],
            s["placement"],
            s["family"],
            str(s["samples"]),
            f"{s['effective_rate_hz']:.2f}",
            loss,
            _fmt_gaps(s["gaps"]),
        )
    console.print(table)
    for s in info["sensors"]:  # samples the decoder refused as impossible (each a flagged gap)
        if s.get("flagged_samples"):
            what = ", ".join(f"{n} {why.replace('_', ' ')}" for why, n in s["flagged_samples"].items())
            console.print(f"{s['sensor_id']}: dropped samples (flagged gaps): {what}")
    for w in info["warnings"]:
        console.print(f"[yellow]warning:[/yellow] {w}")


def info_command(
    session: Path = typer.Argument(..., help="Session directory (the one holding manifest.json)."),
    as_json: bool = typer.Option(False, "--json", help="Print machine-readable JSON instead of a table."),
    gap_min_periods: float = typer.Option(3.0, help="A gap is an interval longer than this many sample periods..."),
    gap_min_s: float = typer.Option(0.1, help="...and at least this many seconds."),
) -> None:
    """Describe a recorded session: duration and, per sensor, placement, family, samples, rate, loss and gaps."""
    try:
        info = session_info(session, InfoSettings(gap_min_periods=gap_min_periods, gap_min_s=gap_min_s))
    except SessionError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(code=2) from None
    if as_json:
        typer.echo(json.dumps(info, indent=2))
    else:
        render(info, Console())


def register(app: typer.Typer) -> None:
    """Add the ``info`` command to the OefenSense CLI app."""
    app.command("info")(info_command)
