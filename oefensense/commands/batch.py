"""``oefensense batch``: analyse a cohort of recordings (files, folders, globs) into one folder."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Optional

import typer

from .common import CliFailure, console, err_console, one_line_errors
from .lang import QT_TR_NOOP, cli_language, tr


@contextmanager
def _sigterm_interrupts() -> Iterator[dict[str, int]]:
    """SIGTERM (``kill``, a job scheduler's time limit) interrupts the batch as Ctrl-C does, so
    the worker processes are ended too instead of living on without their parent. Yields
    ``{"exit_code": ...}``: 128 + the signal's number, as a shell reports a process it ended."""
    state = {"exit_code": 128 + signal.SIGINT}

    def interrupt(signum: int, frame: object) -> None:
        state["exit_code"] = 128 + signum
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread (e.g. called from a test runner's thread)
        yield state
        return
    try:
        yield state
    finally:
        signal.signal(signal.SIGTERM, previous)


def _notes(report) -> list[str]:
    """The batch's notes in the user's language (the report's ``notes`` are English)."""
    notes = []
    if report.passed_over:
        shown = 3
        names = ", ".join(report.passed_over[:shown])
        if len(report.passed_over) > shown:
            names += tr(" and {more} more").format(more=len(report.passed_over) - shown)
        notes.append(tr("the folder search passed over %n file(s) that are not a recording by name ({names}); "
                        "recordings are taken by their extension (.cwa, .gt3x, .bin, .csv, .csv.gz, _ACC.txt): "
                        "name a file on the command line to analyse it whatever its extension",
                        None, len(report.passed_over)).format(names=names))
    if report.jobs_lowered:
        asked, fit, peak_mib, available_mib = report.jobs_lowered
        notes.append(tr("--jobs {asked} lowered to {fit}: a worker may need up to {peak} MiB and {available} MiB "
                        "is available").format(asked=asked, fit=fit, peak=peak_mib, available=available_mib))
    return notes


def register(app: typer.Typer) -> None:
    @app.command(short_help=QT_TR_NOOP('Analyse many recordings, resumably and in parallel; writes files.parquet (+ errors, days).'))
    def batch(
        inputs: list[str] = typer.Argument(..., help=QT_TR_NOOP("Recordings: files, folders (searched recursively) or glob patterns.")),
        out: Path = typer.Option(..., "--out", "-o", help=QT_TR_NOOP("Output folder: recordings/INPUT/ per input plus the cohort tables.")),
        jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help=QT_TR_NOOP("Local worker processes (default: the cores; fewer when memory is short).")),
        scheduler: Optional[str] = typer.Option(None, "--scheduler", help=QT_TR_NOOP("Run on this Dask scheduler (e.g. tcp://127.0.0.1:8786) instead of local processes.")),
        placement: Optional[str] = typer.Option(None, "--placement", help=QT_TR_NOOP("Placement of every input (else from NAME.PLACEMENT.EXT).")),
        tz: Optional[str] = typer.Option(None, "--tz", help=QT_TR_NOOP("IANA time zone of the device clocks (e.g. Europe/Amsterdam): clock time and days.csv/hours.csv for device files.")),
        angles: bool = typer.Option(False, "--angles", help=QT_TR_NOOP("Also write angles.csv per recording.")),
        force: bool = typer.Option(False, "--force", help=QT_TR_NOOP("Analyse finished inputs again.")),
        starts: Optional[Path] = typer.Option(None, "--starts", help=QT_TR_NOOP("CSV of start times per input: columns file,start (ISO 8601, e.g. 2026-03-02T08:30+01:00; without offset: local time in --tz): clock time and days.csv for plain CSVs.")),
        quiet: bool = typer.Option(False, "--quiet", "-q", help=QT_TR_NOOP("No progress bar.")),
    ) -> None:
        """Analyse many recordings, resumably and in parallel; writes files.parquet (+ errors, days)."""
        from ..batch import BatchError, DiscoveryError, SchedulerError, StartsError, run_batch
        from ..batch.job import worded_reason
        from .batch_progress import BatchProgress

        if jobs is not None and scheduler:
            raise typer.BadParameter(tr("give --jobs or --scheduler, not both"))
        progress = BatchProgress(console, enabled=not quiet)
        tally = {"total": 0, "finished": 0}

        def started(items: list, n_jobs: int) -> None:
            tally["total"] = len(items)
            progress.start(items, n_jobs)

        def finished(result) -> None:
            tally["finished"] += 1
            progress.advance(result)

        with one_line_errors(), _sigterm_interrupts() as interruption:
            try:
                with progress:
                    report = run_batch(inputs, out, placement=placement, tz=tz, angles=angles, force=force, jobs=jobs,
                                       scheduler=scheduler, starts=starts, on_start=started, on_result=finished)
            except (DiscoveryError, StartsError) as exc:
                raise CliFailure(exc.text(tr, decimal_comma=cli_language() == "nl")) from None
            except (BatchError, SchedulerError) as exc:
                raise CliFailure(str(exc)) from None
            except KeyboardInterrupt:  # Ctrl-C or SIGTERM: the runner has stopped its workers
                err_console.print("[bold red]" + tr("interrupted:") + "[/] "
                                  + tr("{finished} of {total} inputs finished; the cohort tables were not rewritten. "
                                       "Run the same command again to resume (finished inputs are skipped).")
                                  .format(**tally), highlight=False, soft_wrap=True)
                raise typer.Exit(interruption["exit_code"]) from None
        for note in _notes(report):
            err_console.print("[yellow]" + tr("note:") + f"[/] {note}", highlight=False, soft_wrap=True)
        console.print(tr("%n inputs: {done} analysed, {skipped} already finished (skipped), {failed} failed", None, report.inputs)
                      .format(done=len(report.done), skipped=len(report.skipped), failed=len(report.errors)), highlight=False)
        for input_id, first in report.duplicates:
            err_console.print("[yellow]" + tr("note:") + "[/] " + tr(
                "{input} has the same bytes as {first} (the same SHA-256): both are in the tables "
                "(files.parquet: duplicate_of); leave one out before pooling").format(input=input_id, first=first),
                highlight=False, soft_wrap=True)
        for input_id, reason in report.errors:
            words = report.error_words.get(input_id)
            if words is not None:  # an input file's problem, in the CLI's language (the tables keep English)
                reason = worded_reason(words, tr, decimal_comma=cli_language() == "nl")
            err_console.print("[red]" + tr("failed:") + f"[/] {input_id}: {reason}", highlight=False, soft_wrap=True)
        if report.days_missing:
            console.print(tr("days.parquet: {missing} of {results} results have no day table (no clock time: device files "
                             "need --tz; a plain CSV needs its start in --starts); left out")
                          .format(missing=len(report.days_missing), results=len(report.done) + len(report.skipped)), highlight=False)
        for table in report.tables:
            console.print("[green]" + tr("wrote") + f"[/] {table}", highlight=False, soft_wrap=True)
        if report.errors:
            raise typer.Exit(1)
