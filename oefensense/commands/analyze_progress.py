"""``analyze``'s progress (rich): recording time analysed so far, per recording, on stderr.

A sink beside the analysis writer: it sees the pipeline's frames, so the figure is the session
time the analysis has reached (a day-long file shows hours moving), not a guess from file sizes.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from ..core.types import NS_PER_S
from ..live.viewmodel import format_clock
from .lang import tr


class AnalyzeProgress:
    """Context manager; :meth:`sinks_for` is :func:`oefensense.api.analyze`'s ``sinks_for``."""

    def __init__(self, console: Console, enabled: bool = True) -> None:
        self._progress = Progress(SpinnerColumn(), TextColumn("[bold]{task.description}[/]"),
                                  TextColumn("{task.fields[done]}"), TimeElapsedColumn(),
                                  console=console, disable=not enabled, transient=False)

    def __enter__(self) -> "AnalyzeProgress":
        self._progress.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.__exit__(*exc)

    def sinks_for(self, name: str) -> list[Any]:
        return [_RecordingProgress(self._progress, name)]


class _RecordingProgress:
    """One recording's line: ``<name>  1:02:03 analysed``; ``done`` when the analysis closes."""

    def __init__(self, progress: Progress, name: str) -> None:
        self.progress = progress
        self.task = progress.add_task(name, total=None, done=tr("starting"))
        self.t0_ns: int | None = None
        self.seconds = 0.0

    def on_input(self, item: Any) -> None:
        pass

    def on_output(self, out: Any) -> None:
        if not out.frames:
            return
        if self.t0_ns is None:
            self.t0_ns = int(out.frames[0].t_ns[0])
        self.seconds = (int(out.frames[-1].t_ns[-1]) - self.t0_ns) / NS_PER_S
        self.progress.update(self.task, done=tr("{clock} of recording analysed").format(clock=format_clock(self.seconds)))

    def close(self, pipeline: Any) -> None:
        self.progress.update(self.task, total=1, completed=1,
                             done=tr("{clock} of recording analysed, done").format(clock=format_clock(self.seconds)))
