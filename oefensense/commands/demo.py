"""``oefensense demo``: the bundled real recording through a simulated wearable, end to end."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .common import console, one_line_errors
from .lang import QT_TR_NOOP, cli_language, language_option, tr
from .summary_view import print_summary


def check_device(value: str) -> str:
    """``--device``: a known family or board, else a usage error naming them (before any output)."""
    from ..protocols.registry import device_variant

    try:
        device_variant(value)
    except KeyError as exc:
        raise typer.BadParameter(str(exc.args[0])) from None
    return value


def check_speed(value: str) -> str:
    """``--speed``: 1, 10 … (× real time) or max, else a usage error."""
    from ..sources.pacing import parse_speed

    try:
        parse_speed(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    return value


def register(app: typer.Typer) -> None:
    @app.command(short_help=QT_TR_NOOP('Stream a bundled real recording (HAPT, CC BY 4.0) through a simulated wearable.'),
                 help=QT_TR_NOOP(
                     "Stream a bundled real recording (HAPT, CC BY 4.0) through a simulated wearable.\n"
                     "\n"
                     "The wearable's own packets are decoded by the real decoder and run through the whole\n"
                     "pipeline; prints a live ticker and a final summary. Then the same for a simulated\n"
                     "lifting part (trunk, pelvis and thigh sensors), labelled SIMULATED. Each part is recorded\n"
                     "only into the directory given for it (--out, --lifting-out)."))
    def demo(
        device: str = typer.Option("polar", "--device", callback=check_device,
                                   help=QT_TR_NOOP("Device family to simulate (polar, metawear, movesense, ...) or a board: "
                                                   "metawear-r (MMA8452Q, no gyroscope), metamotion-s.")),
        speed: str = typer.Option("10", "--speed", callback=check_speed, help=QT_TR_NOOP("1, 10 (× real time) or max.")),
        out: Optional[Path] = typer.Option(None, "--out", help=QT_TR_NOOP("Record the bundled recording's session into this new directory.")),
        lifting_out: Optional[Path] = typer.Option(None, "--lifting-out",
                                                   help=QT_TR_NOOP("Record the simulated lifting part's session into this new directory.")),
        lifting: bool = typer.Option(True, "--lifting/--no-lifting", help=QT_TR_NOOP("Run the simulated lifting part after the recording.")),
        gui: bool = typer.Option(False, "--gui", help=QT_TR_NOOP("Open the dashboard on the simulated wearable.")),
        language: Optional[str] = language_option(),
    ) -> None:
        """Stream a bundled real recording (HAPT, CC BY 4.0) through a simulated wearable.

        The wearable's own packets are decoded by the real decoder and run through the whole
        pipeline; prints a live ticker and a final summary. Then the same for a simulated
        lifting part (trunk, pelvis and thigh sensors), labelled SIMULATED. Each part is recorded
        only into the directory given for it (--out, --lifting-out)."""
        from ..sources.pacing import parse_speed

        lang = cli_language(language)
        if lifting_out is not None and not lifting:
            raise typer.BadParameter("--lifting-out needs the lifting part (drop --no-lifting)", param_hint="--lifting-out")
        if gui:
            from . import gui as gui_command

            gui_command.open_demo(device=device, speed=speed, out=out)
            return
        from ..demo import run_demo

        with one_line_errors():
            result = run_demo(device=device, speed=parse_speed(speed), out=out, console=console,
                              lifting=lifting, lifting_out=lifting_out, language=lang)
        for title, summary in result.items():
            print_summary(summary, title=title)
        for path in (out, lifting_out):
            if path is not None:
                console.print("[green]✓[/] " + tr("recorded {out}/  (replay: oefensense replay {out} --out OUT)").format(out=path), highlight=False)
        if out is not None and lifting and lifting_out is None:
            console.print("[yellow]" + tr("note:") + "[/] " + tr("the simulated lifting part was not recorded (add --lifting-out DIR to record it too)"), highlight=False)
