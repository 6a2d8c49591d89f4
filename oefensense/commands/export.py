"""``oefensense export CODE --format fhir|csv|parquet --out PATH``: share a patient's record."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Optional

import typer

from .common import CliFailure, console, one_line_errors
from .lang import QT_TR_NOOP, tr
from .patient import database_option, open_record, require_patient

EXPORT_FORMATS = ("fhir", "csv", "parquet")


def register(app: typer.Typer) -> None:
    @app.command(help=QT_TR_NOOP("Export a patient's sessions, day figures and assessment results."))
    def export(
        code: str = typer.Argument(..., help=QT_TR_NOOP("Patient code.")),
        format_: str = typer.Option(..., "--format", help=QT_TR_NOOP("fhir (R4 Bundle JSON file), csv or parquet (tables in a folder).")),
        out: Path = typer.Option(..., "--out", "-o", help=QT_TR_NOOP("The JSON file (fhir) or the folder for the tables.")),
        database: Optional[str] = database_option(),
    ) -> None:
        from ..export import bundle, write_tables

        with one_line_errors():
            if format_ not in EXPORT_FORMATS:
                raise CliFailure(tr("--format {value!r}: one of {choices}").format(value=format_, choices=", ".join(EXPORT_FORMATS)))
            with open_record(database) as rec:
                require_patient(rec, code)  # the CLI's own (translated) sentence, also after an erasure
                if format_ == "fhir":
                    doc = bundle(rec, code)
                    rec.add_document(code, "export", out)  # before the file: erasure must know it
                    out.parent.mkdir(parents=True, exist_ok=True)
                    fd = os.open(out, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
                    with os.fdopen(fd, "w") as fh:
                        json.dump(doc, fh, indent=1, ensure_ascii=False)
                    written = [out]
                    detail = tr("%n resource(s)", None, len(doc["entry"]))
                else:
                    written = write_tables(rec, code, out, format_)
                    detail = ", ".join(p.name for p in written)
        console.print("[green]" + tr("wrote") + f"[/] {out} ({detail})", highlight=False, soft_wrap=True)
