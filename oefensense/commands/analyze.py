"""``oefensense analyze``: offline analysis of sessions and CSV files."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .common import console, one_line_errors, parse_sensor_option
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
    ) -> None:
        """Analyse recordings: writes timeline.csv, events.jsonl, summary.json (and angles.csv)."""
        from ..api import analyze as run_analyze

        with one_line_errors():
            if not inputs and not sensor:
                raise typer.BadParameter("give INPUT files/sessions or --sensor PLACEMENT=FILE")
            sensors = parse_sensor_option(sensor)
            for path in inputs or []:
                if not path.exists():
                    raise FileNotFoundError(f"{path}: no such file or session")
            results = run_analyze(inputs or [], out, sensors=sensors or None, placement=placement, angles=angles)
        for r in results:
            console.print(f"[green]wrote[/] {r.out_dir}/")
            if not quiet:
                print_summary(r.summary, title=r.name)
