"""``oefensense report CODE``: a PDF report for the therapist or the patient (Dutch or English)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Optional

import typer

from .common import CliFailure, console, one_line_errors
from .lang import QT_TR_NOOP, cli_language, language_option, tr
from .patient import database_option, open_record, require_patient


def _date(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CliFailure(tr("{option} {text!r}: give a date as YYYY-MM-DD").format(option=option, text=text)) from None


def register(app: typer.Typer) -> None:
    @app.command(help=QT_TR_NOOP('Write a PDF report: by default the newest session, compared with the one before.'))
    def report(
        code: str = typer.Argument(..., help=QT_TR_NOOP("Patient code.")),
        out: Path = typer.Option(..., "--out", "-o", help=QT_TR_NOOP("The PDF file to write.")),
        session: Optional[int] = typer.Option(None, "--session", help=QT_TR_NOOP("One session (id from `patient show`).")),
        from_: Optional[str] = typer.Option(None, "--from", help=QT_TR_NOOP("First date (YYYY-MM-DD) of the sessions to show.")),
        to: Optional[str] = typer.Option(None, "--to", help=QT_TR_NOOP("Last date (YYYY-MM-DD) of the sessions to show.")),
        language: Optional[str] = language_option(QT_TR_NOOP("Language of the report: nl or en (default: --language before the command, else the locale).")),
        for_: str = typer.Option("therapist", "--for", help=QT_TR_NOOP("therapist (full report) or patient (plain words).")),
        database: Optional[str] = database_option(),
    ) -> None:
        from ..reports import write_report

        with one_line_errors():
            if session is not None and (from_ or to):
                raise CliFailure(tr("give either --session or --from/--to"))
            with open_record(database) as rec:
                require_patient(rec, code)  # the CLI's own (translated) sentence, also after an erasure
                n = write_report(rec, code, out, language=cli_language(language), audience=for_, session_id=session,
                                 start=_date(from_, "--from"), end=_date(to, "--to"))
        console.print("[green]" + tr("wrote") + f"[/] {out} (" + tr("%n page(s)", None, n) + ")", highlight=False, soft_wrap=True)
