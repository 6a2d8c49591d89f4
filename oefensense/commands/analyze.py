"""``oefensense analyze``: offline analysis of sessions and CSV files."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .common import CliFailure, console, one_line_errors, parse_sensor_option
from .patient import database_option
from .registration import Registration, assessment_option, patient_option, start_option
from .summary_view import print_summary


def register(app: typer.Typer) -> None:
    @app.command()
    def analyze(
        inputs: list[Path] = typer.Argument(None, help="Session directories or CSV files (each its own recording)."),
        out: Path = typer.Option(..., "--out", "-o", help="Output folder; one sub-folder per recording."),
        sensor: list[str] = typer.Option([], "--sensor", help="One multi-sensor recording: PLACEMENT=FILE (repeat)."),
        placement: Optional[str] = typer.Option(None, "--placement", help="Placement of single CSV inputs (else from NAME.<placement>.csv)."),
        angles: bool = typer.Option(False, "--angles", help="Also write angles.csv (body angles, 10 Hz)."),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="No summary table."),
        patient: Optional[str] = patient_option(),
        start: Optional[str] = start_option(),
        assessment: str = assessment_option(),
        database: Optional[str] = database_option(),
    ) -> None:
        """Analyse recordings: writes timeline.csv, events.jsonl, summary.json (and angles.csv).

        This is also the import path: with --patient a CSV file is registered as an imported
        session (a session directory as a replayed one), angles.csv included for the report."""
        from ..api import analyze as run_analyze
        from ..api import recording_name

        with one_line_errors():
            if not inputs and not sensor:
                raise typer.BadParameter("give INPUT files/sessions or --sensor PLACEMENT=FILE")
            sensors = parse_sensor_option(sensor)
            for path in inputs or []:
                if not path.exists():
                    raise FileNotFoundError(f"{path}: no such file or session")
            recordings = [*(inputs or []), *([Path(next(iter(sensors.values())))] if sensors else [])]
            if patient is not None and len(recordings) != 1:
                raise CliFailure("--patient registers one recording per run (each has its own start)")
            reg = Registration.prepare(patient, database, start, assessment,
                                       [out / recording_name(Path(p)) for p in recordings],
                                       has_clock=bool(recordings) and Path(recordings[0]).is_dir())
            results = run_analyze(inputs or [], out, sensors=sensors or None, placement=placement,
                                  angles=angles or reg is not None)
        for r in results:
            console.print(f"[green]wrote[/] {r.out_dir}/")
            if not quiet:
                print_summary(r.summary, title=r.name)
        if reg is not None:
            with one_line_errors():
                _register(reg, results[0], inputs, sensors, placement)


def _register(reg: Registration, result, inputs, sensors, placement) -> None:  # noqa: ANN001
    """Register the one analysed recording: a session directory is replayed, a CSV imported."""
    from ..io.csv_import import placement_from_filename

    if inputs and Path(inputs[0]).is_dir():
        reg.register(result.out_dir, kind="replayed", source=Path(inputs[0]).resolve(), source_owned=True,
                     session_dir=Path(inputs[0]))
        return
    if sensors:
        files = {pl: Path(p).resolve() for pl, p in sensors.items()}
    else:
        path = Path(inputs[0])
        pl = placement or getattr(placement_from_filename(path), "value", None) or "unknown"
        files = {pl: path.resolve()}
    reg.register(result.out_dir, kind="imported", source=";".join(str(p) for p in files.values()),
                 source_owned=False, placements=list(files))
