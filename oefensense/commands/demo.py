"""``oefensense demo``: the bundled real recording through a simulated wearable, end to end."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .common import console, one_line_errors
from .summary_view import print_summary


def register(app: typer.Typer) -> None:
    @app.command()
    def demo(
        device: str = typer.Option("polar", "--device", help="Device family to simulate (polar, metawear, movesense, ...) or a board: "
                                   "metawear-r (MMA8452Q, no gyroscope), metamotion-s."),
        speed: str = typer.Option("10", "--speed", help="1, 10 (× real time) or max."),
        out: Optional[Path] = typer.Option(None, "--out", help="Record the session into this new directory."),
        gui: bool = typer.Option(False, "--gui", help="Open the dashboard on the simulated wearable."),
    ) -> None:
        """Stream a bundled real recording (HAPT, CC BY 4.0) through a simulated wearable.

        The wearable's own packets are decoded by the real decoder and run through the whole
        pipeline; prints a live ticker and a final summary."""
        if gui:
            from . import gui as gui_command

            gui_command.open_demo(device=device, speed=speed, out=out)
            return
        from ..demo import run_demo
        from ..sources.pacing import parse_speed

        with one_line_errors():
            result = run_demo(device=device, speed=parse_speed(speed), out=out, console=console)
        for title, summary in result.items():
            print_summary(summary, title=title)
        if out is not None:
            console.print(f"[green]recorded[/] {out}/  (replay: oefensense replay {out} --out OUT)")
