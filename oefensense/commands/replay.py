"""``oefensense replay``: re-run a recorded session's raw packets through the pipeline."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .common import console, one_line_errors
from .lang import QT_TR_NOOP, tr
from .summary_view import print_summary


def register(app: typer.Typer) -> None:
    @app.command(short_help=QT_TR_NOOP("Replay a session: the same outputs as `analyze`, identical to the live run's."))
    def replay(
        session: Path = typer.Argument(..., help=QT_TR_NOOP("A session directory (also a crashed one).")),
        out: Path = typer.Option(..., "--out", "-o", help=QT_TR_NOOP("Output folder (gets SESSION_NAME/).")),
        speed: str = typer.Option("max", "--speed", help=QT_TR_NOOP("1, 10 (× real time) or max.")),
        angles: bool = typer.Option(False, "--angles", help=QT_TR_NOOP("Also write angles.csv.")),
        feedback: Optional[Path] = typer.Option(None, "--feedback",
                                                help=QT_TR_NOOP("A feedback plan (TOML): the cues it would have given.")),
    ) -> None:
        """Replay a session: the same outputs as `analyze`, identical to the live run's."""
        from ..api import replay as run_replay
        from ..sources.pacing import parse_speed

        with one_line_errors():
            plan = None
            if feedback is not None:
                from ..analysis.feedback_plan import load_plan

                plan = load_plan(feedback)
            result = run_replay(session, out, speed=parse_speed(speed), angles=angles, feedback=plan)
        console.print("[green]" + tr("wrote") + f"[/] {result.out_dir}/", highlight=False, soft_wrap=True)
        print_summary(result.summary, title=result.name)
