"""``oefensense info SESSION [--json]``: describe a recorded session.

A rich table by default, the ``session_info`` dict as JSON with ``--json``; a foreign or empty
directory exits with code 2 and a one-line reason on stderr. A damaged session (a segment missing
or failing its checksum, not yet repaired) is described in full, then exits with code 1 and one
``error:`` line naming ``oefensense repair``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from ..session import InfoSettings, SessionError, session_info
from ..io.csv_checks import ImportReport
from ..session.integrity import Loss
from .lang import cli_language, tr


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
    state += {"damaged": ", DAMAGED", "repaired": ", repaired", "verified": ", checksums verified",
              "unverified": ", no checksums (older format)"}.get(info.get("integrity", ""), "")
    console.print(f"[bold]{info['path']}[/bold]  ({state}; created {info.get('created_utc') or '?'})")
    console.print(
        f"duration {info['duration_s']:.1f} s   packets {info['packets']}   events {info['events']}"
        f"   markers {info['markers']}"
    )
    lost: dict[str, int] = {}
    for loss in [*info.get("losses", []), *info.get("repaired_losses", [])]:
        lost[loss["kind"]] = lost.get(loss["kind"], 0) + (loss.get("rows") or 0)
    if lost:
        console.print("lost in storage: " + ", ".join(f"{n} {k} rows" for k, n in lost.items()), style="yellow",
                      highlight=False)
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
    for name, rep in info.get("csv_import", {}).items():
        console.print(tr("import of {name}: {what}").format(name=name, what=ImportReport.from_dict(rep).describe(cli_language())), highlight=False)
    _render_cues(info.get("cues", []), info.get("simulated_devices", {}), console)
    for w in info["warnings"]:
        console.print(f"[yellow]warning:[/yellow] {w}", highlight=False)
    for loss in info.get("repaired_losses", []):
        console.print(f"[yellow]lost (repaired, flagged as a gap):[/yellow] {Loss.from_dict(loss).describe()}", highlight=False)


def _render_cues(cues: list[dict[str, Any]], devices: dict[str, Any], console: Console, limit: int = 40) -> None:
    """The feedback cues (given, delivered, withheld) and each simulated device's command log."""
    if cues:
        given = [c for c in cues if not c.get("withheld")]
        withheld: dict[str, int] = {}
        for c in cues:
            if c.get("withheld"):
                withheld[c["withheld"]] = withheld.get(c["withheld"], 0) + 1
        line = f"cues: {len(given)} given, {sum(1 for c in given if c.get('delivered'))} delivered"
        if withheld:
            line += "; withheld: " + ", ".join(f"{n} {why.replace('_', ' ')}" for why, n in withheld.items())
        console.print(line, highlight=False)
        for c in cues[:limit]:
            state = (f"withheld ({c['withheld']})" if c.get("withheld") else
                     f"delivered via {c.get('device')}" + (f" after {c['latency_s']:.2f} s" if c.get("latency_s") is not None
                                                          else "") if c.get("delivered")
                     else f"NOT delivered: {c.get('error') or '?'}")
            console.print(f"  {c['t_s']:9.2f} s  {c.get('rule')}  {c.get('modality')}  {state}", highlight=False)
        if len(cues) > limit:
            console.print(f"  (+{len(cues) - limit} more: --json lists all)", highlight=False)
    for sid, dev in devices.items():
        received = dev.get("received", [])
        counts: dict[str, int] = {}
        for r in received:
            counts[r["command"]] = counts.get(r["command"], 0) + 1
        console.print(f"simulated device {sid} ({dev.get('name')}, {dev.get('family')}): received "
                      + (", ".join(f"{k} x{n}" for k, n in counts.items()) or "nothing"), highlight=False)
        for r in received[:limit]:
            console.print(f"  device {r['device_t_s']:9.3f} s  {r['command']}  {r.get('detail', '')}", highlight=False)
        if len(received) > limit:
            console.print(f"  (+{len(received) - limit} more: --json lists all)", highlight=False)
        for e in dev.get("refused", []):
            console.print(f"  [yellow]refused:[/yellow] {e}", highlight=False)


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
        typer.echo(tr("error:") + f" {exc}", err=True)
        raise typer.Exit(code=2) from None
    if as_json:
        typer.echo(json.dumps(info, indent=2))
    else:
        render(info, Console())
    if info["integrity"] == "damaged":
        n = len(info["losses"])
        typer.echo(tr("error:") + " " + tr("damaged session: %n part(s) lost or altered (listed above); run `oefensense repair "
                                          "{session}` to keep the intact data and flag the rest as gaps", None, n)
                   .format(session=session), err=True)
        raise typer.Exit(code=1)


def register(app: typer.Typer) -> None:
    """Add the ``info`` command to the OefenSense CLI app."""
    app.command("info")(info_command)
