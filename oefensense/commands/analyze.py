"""``oefensense analyze``: offline analysis of sessions and CSV files."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .analyze_progress import AnalyzeProgress
from .common import CliFailure, console, err_console, one_line_errors, parse_sensor_option
from .lang import QT_TR_NOOP, tr
from .patient import database_option
from .registration import (Registration, assessment_option, parse_clock_options, patient_option, start_option,
                           tz_option)
from .days_view import print_days
from .summary_view import print_summary


def register(app: typer.Typer) -> None:
    @app.command(help=QT_TR_NOOP(
        'Analyse recordings: writes timeline.csv, events.jsonl, summary.json (and angles.csv);\n'
        'with clock time also days.csv/hours.csv (and .parquet).\n'
        '\n'
        'This is also the import path: with --patient a CSV file is registered as an imported\n'
        'session (a session directory as a replayed one), angles.csv included for the report.'
    ))
    def analyze(
        inputs: list[Path] = typer.Argument(None, help=QT_TR_NOOP("Session directories, CSV or device files (.cwa, .bin, .gt3x, MetaBase, Polar Sensor Logger; each its own recording).")),
        out: Path = typer.Option(..., "--out", "-o", help=QT_TR_NOOP("Output folder; one sub-folder per recording.")),
        sensor: list[str] = typer.Option([], "--sensor", help=QT_TR_NOOP("One multi-sensor recording: PLACEMENT=FILE (repeat).")),
        placement: Optional[str] = typer.Option(None, "--placement", help=QT_TR_NOOP("Placement of single CSV inputs (else from NAME.PLACEMENT.csv).")),
        common_clock: bool = typer.Option(False, "--common-clock", help=QT_TR_NOOP("The --sensor files' time columns are one clock: a file that starts later keeps its offset (default: each file starts at its first row).")),
        angles: bool = typer.Option(False, "--angles", help=QT_TR_NOOP("Also write angles.csv (body angles, 10 Hz).")),
        quiet: bool = typer.Option(False, "--quiet", "-q", help=QT_TR_NOOP("No progress and no summary table.")),
        patient: Optional[str] = patient_option(),
        start: Optional[str] = start_option(),
        tz: Optional[str] = tz_option(),
        assessment: str = assessment_option(),
        database: Optional[str] = database_option(),
        work_hours: Optional[str] = typer.Option(None, "--work-hours", help=QT_TR_NOOP("Work schedule in local time, e.g. 'Mon-Fri 08:30-17:00; Sat 09:00-12:00' (an end before its start runs past midnight; a whole day is 00:00-24:00): days.csv/hours.csv also per work and non-work time.")),
        valid_day_hours: float = typer.Option(10.0, "--valid-day-hours", help=QT_TR_NOOP("A day is valid with at least this many hours of wear (Troiano 2008).")),
    ) -> None:
        from ..api import analyze as run_analyze
        from ..api import output_name
        from ..core.patient import validate_patient_code

        with one_line_errors():
            if not inputs and not sensor:
                raise typer.BadParameter(tr("give INPUT files/sessions or --sensor PLACEMENT=FILE"))
            sensors = parse_sensor_option(sensor)
            for path in inputs or []:
                if not path.exists():
                    raise FileNotFoundError(tr("{path}: no such file or session").format(path=path))
            recordings = [*(inputs or []), *([Path(next(iter(sensors.values())))] if sensors else [])]
            if patient is not None and len(recordings) != 1:
                raise CliFailure(tr("--patient registers one recording per run (each has its own start)"))
            if patient is not None:
                validate_patient_code(patient)
            # --tz alone: a device file's own start time in that zone (plain CSVs need --start)
            clock = parse_clock_options(start, tz) if start is not None or tz is None else None
            groups = [[Path(p)] for p in inputs or []] + ([[Path(p) for p in sensors.values()]] if sensors else [])
            session_dir = Path(recordings[0]) if recordings and Path(recordings[0]).is_dir() else None
            reg = Registration.prepare(patient, database, clock, assessment,
                                       [out / output_name(g, patient) for g in groups],
                                       has_clock=session_dir is not None, session_dir=session_dir)
            tables = table_settings(work_hours, valid_day_hours)
            with AnalyzeProgress(err_console, enabled=not quiet and err_console.is_terminal) as progress:
                results = run_analyze(inputs or [], out, sensors=sensors or None, placement=placement,
                                      angles=angles or reg is not None, start=clock, tz=tz if clock is None else None,
                                      tables=tables, pseudonym=patient, sinks_for=progress.sinks_for,
                                      common_clock=common_clock)
        for r in results:
            console.print("[green]" + tr("wrote") + f"[/] {r.out_dir}/", highlight=False, soft_wrap=True)
            if not quiet:
                print_summary(r.summary, title=r.name)
                print_days(r.out_dir, valid_day_hours, tables.schedule)  # with clock time: the week day by day
        if any(not r.summary.get("clock") for r in results):
            console.print("[yellow]" + tr("note:") + f"[/] " + tr("no clock time: days.csv and hours.csv need --start (e.g. --start "
                                                          "2026-03-02T08:30+01:00 --tz Europe/Amsterdam), or --tz alone for a "
                                                          "device file that records its own start"), highlight=False)
        if reg is not None:
            with one_line_errors():
                _register(reg, results[0], inputs, sensors, placement)


def table_settings(work_hours: str | None, valid_day_hours: float):  # noqa: ANN201 - TableSettings
    """``--work-hours`` / ``--valid-day-hours`` as the day tables' settings (one-line errors)."""
    from ..core.schedule import WorkSchedule
    from ..io.period_tables import TableSettings

    if not 0 < valid_day_hours <= 24:
        raise CliFailure(tr("--valid-day-hours: between 0 and 24"))
    schedule = WorkSchedule.parse(work_hours) if work_hours else None
    return TableSettings(schedule=schedule, valid_day_min_wear_h=valid_day_hours)


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
