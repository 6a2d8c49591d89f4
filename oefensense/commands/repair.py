"""``oefensense repair SESSION``: keep the intact data of a crashed or damaged session, record
and flag what was lost, and close and compact it (see ``oefensense.session.repair``)."""

from __future__ import annotations

from pathlib import Path

import typer

from .common import console, one_line_errors
from .lang import QT_TR_NOOP, cli_language, tr


def register(app: typer.Typer) -> None:
    @app.command(short_help=QT_TR_NOOP('Rebuild a session from its intact segments: verify every checksum, keep what is intact, list what was lost (flagged as gaps in a replay), close and compact.'))
    def repair(session: Path = typer.Argument(..., help=QT_TR_NOOP("The session directory to repair."))) -> None:
        """Rebuild a session from its intact segments: verify every checksum, keep what is intact,
        list what was lost (flagged as gaps in a replay), close and compact."""
        from ..reports.text import Words
        from ..session import repair_session

        with one_line_errors():
            report = repair_session(session)
        if not report.changed:
            console.print(tr("{session}: intact and closed (every checksum matched); nothing to repair").format(session=session), highlight=False)
            return
        if report.manifest_rebuilt_from:
            console.print(tr("manifest.json rebuilt from {source}").format(source=report.manifest_rebuilt_from), highlight=False)
        if not report.was_closed:
            console.print(tr("the recording had not been closed: closed it (data up to its last flush kept)"))
        words = Words(cli_language())  # a loss in the reports' words (it was English in Dutch)
        for loss in report.losses:
            console.print("[yellow]" + tr("lost:") + f"[/] {words.loss(loss.to_dict())}", highlight=False)
        kept = ", ".join(f"{n} {kind}" for kind, n in report.rows.items())
        flagged = tr("; %n gap event(s) flag the lost raw packets", None, report.gaps_flagged) if report.gaps_flagged else ""
        console.print("[green]" + tr("repaired") + "[/] " + tr("{session}/: kept {kept}{flagged}; closed and compacted")
                      .format(session=session, kept=kept, flagged=flagged), highlight=False)
