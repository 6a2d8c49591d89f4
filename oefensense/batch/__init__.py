"""Cohorts: one analysis per recording over many recordings, resumable, in parallel.

``run_batch(["data/"], "out")`` finds the recordings (files, folders searched recursively,
globs), analyses each into ``out/recordings/<input id>/`` (:mod:`.job`), on a process pool or a
Dask cluster (:mod:`.runners`), and writes the cohort tables ``out/files.parquet``,
``out/errors.parquet`` and, when the analysis makes day tables, ``out/days.parquet`` (each also
as CSV; :mod:`.tables`). See docs/cohorts.md.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from .discover import NO_RECORDINGS, BatchInput, DiscoveryError, discover
from .figures import file_row, mark_duplicates
from .job import JobResult, JobSettings, make_private_dirs, process_input, result_dir
from .memory import jobs_lowered, lowered_note
from .runners import SchedulerError, run_jobs
from .starts import StartsError, read_starts
from .tables import write_days_table, write_errors_table, write_files_table

__all__ = ["BatchError", "BatchInput", "BatchReport", "DiscoveryError", "JobResult", "SchedulerError",
           "discover", "process_input", "result_dir", "run_batch"]

LOCK_NAME = ".batch.lock"


class BatchError(RuntimeError):
    """The batch as a whole cannot run (not one input: those land in the errors table)."""


@dataclass
class BatchReport:
    """What a batch did: counts, the tables it wrote and what it could not write."""

    inputs: int
    jobs: int
    done: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (input id, English reason): the tables'
    # an error's sentence as a catalogue template and its fields, by input id: the CLI says it in its language
    error_words: dict[str, tuple[str, dict[str, str]]] = field(default_factory=dict)
    tables: list[Path] = field(default_factory=list)
    days_missing: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    passed_over: list[str] = field(default_factory=list)  # files a folder search did not take (ids)
    jobs_lowered: tuple[int, int, int, int] | None = None  # (asked, run, worker peak MiB, available MiB)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (input, first input with its bytes)
    peak_rss_bytes: int = 0


def settings_sha256(placement: str | None, angles: bool, tz: str | None = None) -> str:
    """Hash of everything besides the input and the models that shapes a result."""
    from ..pipeline import PipelineSettings
    from ..pipeline.settings_io import settings_to_manifest

    pipeline = settings_to_manifest(PipelineSettings())
    if pipeline["sync"]["acc_interpolation"] == "linear":
        # the manifest writes this key since it may stop being the default; "linear" is what the
        # hashes before it meant, so earlier batch outputs stay current (any other value changes it)
        del pipeline["sync"]["acc_interpolation"]
    text = json.dumps({"pipeline": pipeline, "placement": placement,
                       "angles": angles, "tz": tz}, sort_keys=True)
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def model_hashes() -> tuple[tuple[str, str], ...]:
    """(model, sha256) of every bundled model the analysis stages load."""
    from ..analysis.models import DEFAULT_MODELS
    from ..models import bundled_model
    from ..session import file_sha256

    return tuple((name, file_sha256(bundled_model(name))) for name in sorted(DEFAULT_MODELS.values()))


class _OutLock:
    """One batch at a time per output folder (an exclusive flock, dropped when the process ends)."""

    def __init__(self, out_dir: Path) -> None:
        self.fd = os.open(out_dir / LOCK_NAME, os.O_CREAT | os.O_RDWR, 0o600)
        try:
            import fcntl

            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # pragma: no cover - non-POSIX: no lock
            pass
        except BlockingIOError:
            os.close(self.fd)
            raise BatchError(f"{out_dir}: another batch is writing to this folder") from None

    def release(self) -> None:
        os.close(self.fd)


def _passed_over_note(ids: list[str], shown: int = 3) -> str:
    """One line naming the files a folder search did not take (the first ``shown`` of them)."""
    names = ", ".join(ids[:shown]) + (f" and {len(ids) - shown} more" if len(ids) > shown else "")
    return (f"the folder search passed over {len(ids)} file{'s' if len(ids) != 1 else ''} that "
            f"{'are' if len(ids) != 1 else 'is'} not a recording by name ({names}); recordings are "
            "taken by their extension (.cwa, .gt3x, .bin, .csv, .csv.gz, _ACC.txt): name a file on "
            "the command line to analyse it whatever its extension")


def run_batch(
    arguments: list[str | Path],
    out: str | Path,
    *,
    placement: str | None = None,
    tz: str | None = None,
    angles: bool = False,
    force: bool = False,
    jobs: int | None = None,
    scheduler: str | None = None,
    starts: str | Path | None = None,
    on_start: Callable[[list[BatchInput], int], None] | None = None,
    on_result: Callable[[JobResult], None] | None = None,
) -> BatchReport:
    """Analyse every input into ``out`` and write the cohort tables; see the module docstring.

    ``tz``: IANA time zone of the device clocks (clock time and day tables for device files
    that state their start time); ``starts``: a table of start times per input (``file,start``,
    :mod:`.starts`), giving plain CSVs clock time and day tables; ``jobs``: local worker processes (default: the cores, fewer when memory is short);
    ``scheduler``: a Dask scheduler address instead of local processes. ``on_start(inputs, jobs)``
    and ``on_result(result)`` report progress.
    """
    out_dir = Path(out).resolve()
    if not out_dir.exists():
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        make_private_dirs(out_dir, out_dir.parent)
    passed_over: list[str] = []
    inputs = discover(list(arguments), out_dir=out_dir, passed_over=passed_over)
    if not inputs:
        more = f" ({_passed_over_note(passed_over)})" if passed_over else ""
        raise DiscoveryError(NO_RECORDINGS, where=", ".join(str(a) for a in arguments), more=more)
    lock = _OutLock(out_dir)
    try:
        notes: list[str] = [_passed_over_note(passed_over)] if passed_over else []
        lowered = None
        if scheduler:
            n_jobs = 0
        else:
            requested = jobs or os.cpu_count() or 1
            lowered = jobs_lowered(requested, inputs)
            n_jobs = lowered[1] if lowered else requested
            notes += [lowered_note(*lowered)] if lowered else []
        if tz:
            from ..core.clock import zone

            zone(tz)  # an unknown zone is one error for the batch, not one per input
        if placement is not None:
            from ..core.types import Placement

            try:
                Placement.parse(placement)  # the same: one error, not one failed input per file
            except ValueError as exc:
                raise BatchError(f"--placement: {exc}") from None
        clocks = read_starts(Path(starts), inputs, tz) if starts is not None else {}
        settings = JobSettings(out_dir=out_dir, placement=placement, tz=tz, angles=angles, force=force,
                               settings_sha256=settings_sha256(placement, angles, tz), model_hashes=model_hashes(),
                               starts=tuple((i, c.start_utc_ns, c.timezone) for i, c in sorted(clocks.items())))
        report = BatchReport(inputs=len(inputs), jobs=n_jobs, notes=notes, passed_over=passed_over,
                             jobs_lowered=lowered)
        if on_start is not None:
            on_start(inputs, n_jobs)
        rows = []
        # closing: an interruption anywhere in this loop also stops the runner (cancels the inputs
        # not yet started, ends the workers) at once, not when the generator is collected
        with closing(run_jobs(inputs, settings, jobs=n_jobs, scheduler=scheduler)) as results:
            for result in results:
                report.peak_rss_bytes = max(report.peak_rss_bytes, result.peak_rss_bytes)
                if result.status == "error":
                    report.errors.append((result.id, result.reason))
                    if result.words is not None:
                        report.error_words[result.id] = result.words
                    rows.append(file_row(result.id, "error", None, result.reason))
                else:
                    (report.done if result.status == "done" else report.skipped).append(result.id)
                    rows.append(file_row(result.id, "ok", result.marker))
                if on_result is not None:
                    on_result(result)
        report.errors.sort()  # completion order differs between runs: report in input order
        report.duplicates = mark_duplicates(rows)
        report.tables += write_files_table(rows, out_dir)
        report.tables += write_errors_table(report.errors, out_dir)
        days, report.days_missing = write_days_table(report.done + report.skipped, out_dir)
        report.tables += days
        return report
    finally:
        lock.release()
