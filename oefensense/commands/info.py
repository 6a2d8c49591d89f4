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

from .lang import QT_TR_NOOP, cli_language, num, placement_word, tr

# Words of the header; the cue and device logs keep the session's own codes (rule, modality, command)
STATES = {"damaged": QT_TR_NOOP(", DAMAGED"), "repaired": QT_TR_NOOP(", repaired"),
          "verified": QT_TR_NOOP(", checksums verified"), "unverified": QT_TR_NOOP(", no checksums (older format)")}
COLUMNS = [(QT_TR_NOOP("sensor"), "left"), (QT_TR_NOOP("placement"), "left"), (QT_TR_NOOP("family"), "left"),
           (QT_TR_NOOP("samples"), "right"), (QT_TR_NOOP("rate Hz"), "right"), (QT_TR_NOOP("loss %"), "right"),
           (QT_TR_NOOP("gaps"), "left")]


def _fmt_gaps(gaps: list[dict[str, Any]], limit: int = 3) -> str:
    if not gaps:
        return "-"
    parts = [f"{num(g['start_s'], 2)}–{num(g['end_s'], 2)}s" for g in gaps[:limit]]  # no space: rich would wrap there
    if len(gaps) > limit:
        parts.append(tr("(+%n more)", None, len(gaps) - limit))
    return f"{len(gaps)}: " + ", ".join(parts)


def render(info: dict[str, Any], console: Console) -> None:
    """Print ``info`` (from :func:`session_info`) as a header plus one table row per sensor."""
    from ..io.csv_checks import ImportReport
    from ..reports.text import Words
    from ..session.integrity import Loss

    state = tr("closed") if info["closed"] else (tr("recording in progress") if info.get("live") else tr("NOT CLOSED"))
    if info["recovered"]:
        state += tr(", recovered after a crash")
    if info["compacted"]:
        state += tr(", compacted")
    integrity = info.get("integrity", "")
    state += tr(STATES[integrity]) if integrity in STATES else ""
    console.print(f"[bold]{info['path']}[/bold]  (" + tr("{state}; created {created}").format(
        state=state, created=_created_text(info.get("created_utc"))) + ")")
    console.print(tr("duration {duration} s   packets {packets}   events {events}   markers {markers}").format(
        duration=num(info["duration_s"]), packets=info["packets"], events=info["events"], markers=info["markers"]))
    lost: dict[str, int] = {}
    unknown: set[str] = set()  # kinds with a loss of unknown size (an unreadable batch): never "0 rows"
    for loss in [*info.get("losses", []), *info.get("repaired_losses", [])]:
        lost[loss["kind"]] = lost.get(loss["kind"], 0) + (loss.get("rows") or 0)
        if loss.get("rows") is None:
            unknown.add(loss["kind"])
    if lost:
        console.print(tr("lost in storage:") + " " + ", ".join(_lost_rows(k, n, k in unknown) for k, n in lost.items()),
                      style="yellow", highlight=False)
    table = Table(show_header=True, header_style="bold")
    for col, just in COLUMNS:
        table.add_column(tr(col), justify=just)  # type: ignore[arg-type]
    for s in info["sensors"]:
        loss = "-" if s["loss_pct"] is None else num(s["loss_pct"], 2)
        table.add_row(
            s["sensor_id"],
            tr(s["placement"]) if s["placement"] else "?",  # the dashboard's word ("romp")
            s["family"],
            str(s["samples"]),
            num(s["effective_rate_hz"], 2),
            loss,
            _fmt_gaps(s["gaps"]),
        )
    console.print(table)
    for s in info["sensors"]:  # samples the decoder refused as impossible (each a flagged gap)
        if s.get("flagged_samples"):
            what = ", ".join(f"{n} {Words(cli_language()).gap_reason(why)}" for why, n in s["flagged_samples"].items())
            console.print(tr("{sensor}: dropped samples (flagged gaps): {what}").format(sensor=placement_word(s["sensor_id"]), what=what))
    for name, rep in info.get("csv_import", {}).items():
        console.print(tr("import of {name}: {what}").format(name=name, what=ImportReport.from_dict(rep).describe(cli_language())), highlight=False)
    _render_cues(info.get("cues", []), info.get("simulated_devices", {}), console)
    words = Words(cli_language())  # the reader's notes and losses in the reports' words
    losses = {Loss.from_dict(d).describe(): d for d in info.get("losses", [])}
    for w in info["warnings"]:
        text = words.loss(losses[w]) if w in losses else words.note(w)
        console.print("[yellow]" + tr("warning:") + f"[/yellow] {text}", highlight=False)
    for loss in info.get("repaired_losses", []):
        console.print("[yellow]" + tr("lost (repaired, flagged as a gap):") + f"[/yellow] {words.loss(loss)}",
                      highlight=False)


def _render_cues(cues: list[dict[str, Any]], devices: dict[str, Any], console: Console, limit: int = 40) -> None:
    """The feedback cues (given, delivered, withheld) and each simulated device's command log."""
    if cues:
        given = [c for c in cues if not c.get("withheld")]
        withheld: dict[str, int] = {}
        for c in cues:
            if c.get("withheld"):
                withheld[c["withheld"]] = withheld.get(c["withheld"], 0) + 1
        line = tr("cues: {given} given, {delivered} delivered").format(
            given=len(given), delivered=sum(1 for c in given if c.get("delivered")))
        if withheld:
            line += tr("; withheld:") + " " + ", ".join(f"{n} {why.replace('_', ' ')}" for why, n in withheld.items())
        console.print(line, highlight=False)
        for c in cues[:limit]:
            state = (tr("withheld ({why})").format(why=c["withheld"]) if c.get("withheld") else
                     tr("delivered via {device}").format(device=c.get("device"))
                     + (tr(" after {latency} s").format(latency=num(c["latency_s"], 2)) if c.get("latency_s") is not None else "")
                     if c.get("delivered")
                     else tr("NOT delivered: {error}").format(error=c.get("error") or "?"))
            console.print(f"  {num(c['t_s'], 2):>9} s  {c.get('rule')}  {c.get('modality')}  {state}", highlight=False)
        if len(cues) > limit:
            console.print("  " + tr("(+%n more: --json lists all)", None, len(cues) - limit), highlight=False)
    for sid, dev in devices.items():
        received = dev.get("received", [])
        counts: dict[str, int] = {}
        for r in received:
            counts[r["command"]] = counts.get(r["command"], 0) + 1
        console.print(tr("simulated device {sid} ({name}, {family}): received {what}").format(
            sid=sid, name=dev.get("name"), family=dev.get("family"),
            what=", ".join(f"{k} x{n}" for k, n in counts.items()) or tr("nothing")), highlight=False)
        for r in received[:limit]:
            console.print(f"  device {num(r['device_t_s'], 3):>9} s  {r['command']}  {r.get('detail', '')}", highlight=False)
        if len(received) > limit:
            console.print("  " + tr("(+%n more: --json lists all)", None, len(received) - limit), highlight=False)
        # a stop for what had already stopped is answered ALREADY_IN_STATE: harmless (the host
        # stops everything it may have started), so counted, not listed as a refusal
        refused = dev.get("refused", [])
        already = sum(1 for e in refused if str(e).startswith("ALREADY_IN_STATE"))
        for e in refused:
            if not str(e).startswith("ALREADY_IN_STATE"):
                console.print("  [yellow]" + tr("refused:") + f"[/yellow] {e}", highlight=False)
        if already:
            console.print("  " + tr("%n stop command(s) answered 'already stopped' (harmless)", None, already), highlight=False)


def info_command(
    session: Path = typer.Argument(..., help=QT_TR_NOOP("Session directory (the one holding manifest.json).")),
    as_json: bool = typer.Option(False, "--json", help=QT_TR_NOOP("Print machine-readable JSON instead of a table.")),
    gap_min_periods: float = typer.Option(3.0, help=QT_TR_NOOP("A gap is an interval longer than this many sample periods...")),
    gap_min_s: float = typer.Option(0.1, help=QT_TR_NOOP("...and at least this many seconds.")),
) -> None:
    """The ``info`` command (its help text is where it is registered, below)."""
    # imported here: the session package loads pyarrow's parquet and compute modules, which the
    # other commands (``analyze FILE.csv``) would load for nothing when the CLI registers this one
    from ..session import InfoSettings, SessionError, session_info
    from ..core.limits import GAP_PERIODS, Range, SettingError, check_value

    try:  # the options by their own names (a negative or NaN gap rule was taken as given)
        check_value("", "--gap-min-periods", gap_min_periods, GAP_PERIODS)
        check_value("", "--gap-min-s", gap_min_s, Range("s", low=0))
    except SettingError as exc:
        typer.echo(tr("error:") + f" {exc.text(tr)}", err=True)
        raise typer.Exit(code=2) from None
    try:
        info = session_info(session, InfoSettings(gap_min_periods=gap_min_periods, gap_min_s=gap_min_s))
    except SessionError as exc:
        typer.echo(tr("error:") + f" {exc.text(tr)}", err=True)
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
    app.command("info", help=QT_TR_NOOP("Describe a recorded session: duration and, per sensor, placement, family, samples, rate, loss and gaps."))(info_command)


def _lost_rows(kind: str, rows: int, unknown: bool) -> str:
    """"100 samples rows", or with a loss of unknown size "an unknown number of samples rows"
    (plus the counted ones: "at least 100 samples rows"); the kind in the reports' word ("100 rijen
    meetwaarden", as a loss's own line says it: it read "100 samples-rijen" beside it)."""
    from ..reports.text import LOSS_KINDS

    kind = LOSS_KINDS.get(kind, (kind, kind))[1 if cli_language() == "nl" else 0]
    if not unknown:
        return tr("%n {kind} row(s)", None, rows).format(kind=kind)
    if rows == 0:
        return tr("an unknown number of {kind} rows").format(kind=kind)
    return tr("at least %n {kind} row(s)", None, rows).format(kind=kind)


def _created_text(created_utc: str | None) -> str:
    """The manifest's ``created_utc`` as every other printed time reads, "05-12-2026 10:07:11
    (UTC+00:00)" (it printed the raw ISO text, "2026-12-05T10:07:11+00:00"); "?" when absent, the
    text as stored when it is no ISO time."""
    from datetime import datetime

    from ..reports.text import utc_offset
    from .patient import SHOWN_DATE

    if not created_utc:
        return "?"
    try:
        at = datetime.fromisoformat(str(created_utc).replace("Z", "+00:00"))
    except ValueError:
        return str(created_utc)
    return f"{at.strftime(SHOWN_DATE)} {at:%H:%M:%S}" + (f" ({utc_offset(at)})" if at.tzinfo else "")
