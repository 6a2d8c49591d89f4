"""The batch progress bar (rich): inputs done of all, weighted by input size for the ETA."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Column
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from .lang import tr


class BatchProgress:
    """Context manager; ``start`` and ``advance`` are :func:`run_batch`'s callbacks."""

    def __init__(self, console: Console, enabled: bool = True) -> None:
        self.enabled = enabled
        # the detail (which file came last) is the column that gives way on a narrow terminal, so
        # the bar, the elapsed time and the ETA stay whole at 80 columns
        self._progress = Progress(
            TextColumn("[bold]batch[/]"), BarColumn(bar_width=20),
            TextColumn("{task.fields[detail]}", table_column=Column(ratio=1, no_wrap=True, overflow="ellipsis")),
            TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(), console=console, disable=not enabled,
            expand=True)
        self._files = None
        self._sizes: dict[str, int] = {}

    def __enter__(self) -> "BatchProgress":
        self._progress.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.__exit__(*exc)

    def start(self, inputs: list, jobs: int) -> None:
        where = tr("%n processes", None, jobs) if jobs else tr("Dask cluster")
        # The bar counts bytes (a week-long file takes longer than a short one), shown as files.
        self._sizes = {i.id: _size(i.path) for i in inputs}
        self._total = len(inputs)
        self._done = 0
        self._files = self._progress.add_task("batch", total=max(1, sum(self._sizes.values())),
                                              detail=tr("0/{total} files, {where}").format(total=len(inputs), where=where))

    def advance(self, result) -> None:
        self._done += 1
        tag = {"done": "", "skipped": " " + tr("(finished before)"), "error": " [red]" + tr("(failed)") + "[/]"}[result.status]
        self._progress.update(self._files, advance=self._sizes.get(result.id, 0),
                              detail=tr("{done}/{total} files, last: {input}").format(done=self._done, total=self._total,
                                                                                     input=Path(result.id).name) + tag)


def _size(path) -> int:
    try:
        if path.is_dir():
            return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
        return path.stat().st_size
    except OSError:
        return 0
