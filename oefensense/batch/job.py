"""One batch input, analysed into its own result folder, atomically and resumably.

:func:`process_input` is what every runner (serial, process pool, Dask worker) calls: a pure
function of the input file, the settings and the models. It

1. hashes the input (SHA-256 of its bytes; of every file of a session directory);
2. skips it when ``OUT/recordings/<id>/DONE.json`` holds the same input, settings and model
   hashes (unless ``force``);
3. otherwise analyses it into a temporary sibling folder, writes ``DONE.json`` last and renames
   the folder into place, so a half-written result is never taken for a finished one.

Any failure of one input is caught and returned as an error with a one-line reason: one bad
file never stops the batch. The marker holds no time or host, so results are byte-identical
whichever runner made them.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from .discover import BatchInput
from .figures import FIGURE_COLUMNS, days_wear_s, file_figures

MARKER = "DONE.json"
RESULTS_DIR = "recordings"
DIR_MODE = 0o700  # results hold patient data: private whatever the worker's umask (a Dask worker
FILE_MODE = 0o600  # does not run under the CLI's umask 077)


@dataclass(frozen=True, slots=True)
class JobSettings:
    """What every input of one batch is analysed with (picklable: it travels to the workers)."""

    out_dir: Path
    placement: str | None = None
    tz: str | None = None  # IANA zone of the device clocks: gives device files clock time (days.csv)
    angles: bool = False
    force: bool = False
    settings_sha256: str = ""
    model_hashes: tuple[tuple[str, str], ...] = ()
    starts: tuple[tuple[str, int, str], ...] = ()  # (input id, start UTC ns, time zone) from --starts

    def start_of(self, input_id: str) -> Any:
        """The input's clock from ``--starts`` (a RecordingClock), or None."""
        from ..core.clock import RecordingClock

        for i, utc_ns, zone_name in self.starts:
            if i == input_id:
                return RecordingClock(utc_ns, zone_name)
        return None


@dataclass(slots=True)
class JobResult:
    """What a runner hands back for one input (``status``: done, skipped or error)."""

    id: str
    status: str
    marker: dict[str, Any] | None = None
    reason: str = ""
    words: tuple[str, dict[str, str]] | None = None  # the reason as a catalogue template and fields
    input_bytes: int = 0
    peak_rss_bytes: int = 0


def result_dir(out_dir: Path, input_id: str) -> Path:
    return out_dir / RESULTS_DIR / input_id


def input_sha256(item: BatchInput) -> tuple[str, int]:
    """``("sha256:<hex>", bytes)`` of an input file, or of a session directory's files in order."""
    h = hashlib.sha256()
    size = 0
    files = sorted(p for p in item.path.rglob("*") if p.is_file() and not p.name.startswith(".")) \
        if item.is_session else [item.path]
    for path in files:
        if item.is_session:
            h.update(path.relative_to(item.path).as_posix().encode() + b"\0")
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
                size += len(chunk)
    return "sha256:" + h.hexdigest(), size


def read_marker(folder: Path) -> dict[str, Any] | None:
    try:
        with open(folder / MARKER) as fh:
            return json.load(fh)
    except (OSError, ValueError):
        return None


def _start_text(item_id: str, settings: JobSettings) -> str | None:
    """The input's ``--starts`` start as stored in its marker (UTC ns and zone), or None."""
    clock = settings.start_of(item_id)
    return None if clock is None else f"{clock.start_utc_ns} {clock.timezone}"


def _finished(marker: dict[str, Any] | None, digest: str, settings: JobSettings, item_id: str) -> bool:
    """Same input, start, settings and models, and figures for every column of today's files
    table (a result made before a column was added is analysed again rather than tabled with a
    blank)."""
    return (marker is not None and marker.get("input_sha256") == digest
            and marker.get("start") == _start_text(item_id, settings)
            and marker.get("settings_sha256") == settings.settings_sha256
            and marker.get("model_hashes") == dict(settings.model_hashes)
            and set(FIGURE_COLUMNS) <= set(marker.get("figures") or {}))


def process_input(item: BatchInput, settings: JobSettings) -> JobResult:
    """Analyse one input (or skip it when already finished); never raises for a bad input."""
    try:
        return _process(item, settings)
    except Exception as exc:  # one bad file must not stop the batch: its reason is reported
        return JobResult(item.id, "error", reason=one_line_reason(exc, item.path), words=reason_words(exc),
                         peak_rss_bytes=_peak_rss())


def reason_words(exc: BaseException) -> tuple[str, dict[str, str]] | None:
    """An input file's error as its catalogue template and fields (strings: they cross process
    boundaries), for the CLI to say in its language; None for other errors."""
    from ..io.worded import Number, WordedFileError

    if not isinstance(exc, WordedFileError) or not exc.fields:
        return None
    # phrases and numbers stay themselves (they pickle): said in the CLI's language there
    return exc.template, {k: v if isinstance(v, (WordedFileError, Number)) else str(v) for k, v in exc.fields.items()}


def worded_reason(words: tuple[str, dict[str, Any]], tr: Callable[[str], str], decimal_comma: bool = False) -> str:
    """:func:`reason_words`' sentence through ``tr``, as one line, without the file's path in
    front (as :func:`one_line_reason`: the input id names it)."""
    from ..io.worded import field_text

    template, fields = words
    text = " ".join(tr(template).format(**{k: field_text(v, tr, decimal_comma) for k, v in fields.items()}).split())
    path = fields.get("path")
    if path is not None and text.startswith(f"{path}: "):
        text = text[len(f"{path}: "):]
    return text


def one_line_reason(exc: BaseException, path: Path | None = None) -> str:
    """The exception as one line. A message that starts with the input's path (``/abs/p1/x.csv:
    ...``) loses that prefix: the table's ``input`` column names the input, and an absolute
    path would put the folders above the working directory into the cohort tables."""
    from ..io.csv_import import CsvImportError
    from ..io.importers import DeviceFileError
    from ..session import SessionError

    text = " ".join(str(exc).split())
    if path is not None and text.startswith(f"{path}: "):
        text = text[len(f"{path}: "):]
    if isinstance(exc, (DeviceFileError, CsvImportError, SessionError)):
        return text
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _process(item: BatchInput, settings: JobSettings) -> JobResult:
    final = result_dir(settings.out_dir, item.id)
    digest, size = input_sha256(item)
    marker = read_marker(final)
    if not settings.force and _finished(marker, digest, settings, item.id):
        return JobResult(item.id, "skipped", marker=marker, input_bytes=size, peak_rss_bytes=_peak_rss())
    make_private_dirs(final.parent, settings.out_dir)
    _remove_leftovers(final)
    tmp = final.parent / f".{final.name}.tmp-{uuid.uuid4().hex[:12]}"
    try:
        try:
            figures = _analyse(item, tmp, settings)
        except Exception:
            # the marker as it is now, not as it was at the start: a task an interrupted Dask
            # batch left running fails late (the resumed batch removed its temporary folder)
            # and must not remove the result that resumed batch has finished meanwhile
            if final.exists() and not _finished(read_marker(final), digest, settings, item.id):
                # the result there describes an older file (or settings, or models): the input
                # has failed now, so it must not stay looking finished beside its error
                _remove_stale(final)
            raise
        marker = {
            "input": item.id,
            "input_sha256": digest,
            "input_bytes": size,
            "settings_sha256": settings.settings_sha256,
            "model_hashes": dict(settings.model_hashes),
            "start": _start_text(item.id, settings),
            "figures": figures,
        }
        with open(tmp / MARKER, "w") as fh:
            json.dump(marker, fh, indent=2, sort_keys=True)
            fh.write("\n")
        _make_private(tmp)
        _replace(tmp, final)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return JobResult(item.id, "done", marker=marker, input_bytes=size, peak_rss_bytes=_peak_rss())


def _analyse(item: BatchInput, out: Path, settings: JobSettings) -> dict[str, Any]:
    from ..api import file_learned_ahead, run_items, session_items
    from ..core.clock import RecordingClock
    from ..io.importers import open_recording
    from ..sources import device_items

    given = settings.start_of(item.id)  # --starts
    if item.is_session:  # a session knows its own clock (one recorded without may be given one)
        summary = run_items(session_items(item.path, given), out, angles=settings.angles)
        return file_figures(summary, "session", None, None, days_wear_s(out))
    _text_in_no_known_format(item.path, settings.placement)
    recording = open_recording(item.path, placement=settings.placement)
    # The device's clock time of the first sample is local time without a zone: with --tz it
    # becomes the recording's clock (clock-time columns, days.csv/hours.csv); never guessed.
    # A start from --starts wins, as `analyze --start` does.
    clock = given
    if clock is None and settings.tz and recording.start_time:
        clock = RecordingClock.parse_start(recording.start_time, settings.tz)
    # as `analyze` does: a file whose still start is not upright gets its upright learned ahead
    # (the file read once: what the look-ahead read comes back from a private spill)
    seeds, items = file_learned_ahead(device_items(recording), clock)
    summary = run_items(items, out, angles=settings.angles, seeds=seeds)
    if recording.stats.samples == 0:
        raise ValueError(f"{item.path}: no samples")
    return file_figures(summary, recording.format, recording, recording.stats, days_wear_s(out))


def _text_in_no_known_format(path: Path, placement: str | None) -> None:
    """A text file no importer recognises fails with the CSV reader's reason, as in ``oefensense
    analyze`` ("no recognisable unit-suffixed columns (found time, acc_x ...); expected time_s
    ...", "the file is empty") rather than with the list of formats it is not. Binary files keep
    the importers' reason, which describes their first bytes."""
    from ..io.csv_stream import CsvStream
    from ..io.importers import DeviceFileError, detect
    from ..io.importers.base import read_head

    try:
        detect(path)
        return
    except DeviceFileError:
        head = read_head(path)
        if b"\0" in head:
            raise
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.start < len(head) - 4:  # not merely a character cut at the end of the head
                raise
    CsvStream(path, placement=placement)  # raises CsvImportError naming what is missing
    detect(path)  # the CSV reader took it after all: the importers' reason


def make_private_dirs(folder: Path, top: Path) -> None:
    """``mkdir -p folder`` below ``top`` with every folder it creates private (0700)."""
    missing = []
    while not folder.exists() and folder != top and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        try:
            path.mkdir(mode=DIR_MODE)
        except FileExistsError:  # another worker made it meanwhile
            continue
        path.chmod(DIR_MODE)  # mkdir's mode passes through the umask


def _make_private(folder: Path) -> None:
    """Folders 0700 and files 0600 in ``folder`` (a finished result, before it is moved in place)."""
    folder.chmod(DIR_MODE)
    for path in folder.rglob("*"):
        path.chmod(DIR_MODE if path.is_dir() else FILE_MODE)


def _replace(tmp: Path, final: Path) -> None:
    """Move the finished folder into place; an older result is moved aside first, then removed."""
    old = None
    if final.exists():
        old = final.parent / f".{final.name}.old-{uuid.uuid4().hex[:12]}"
        final.rename(old)
    tmp.rename(final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _remove_stale(final: Path) -> None:
    """Move an out-of-date result aside (an atomic rename), then delete it."""
    stale = final.parent / f".{final.name}.old-{uuid.uuid4().hex[:12]}"
    final.rename(stale)
    shutil.rmtree(stale, ignore_errors=True)


def _remove_leftovers(final: Path) -> None:
    """Temporary folders of this input left by a run that was killed."""
    for stale in final.parent.glob(f".{final.name}.tmp-*"):
        shutil.rmtree(stale, ignore_errors=True)
    for stale in final.parent.glob(f".{final.name}.old-*"):
        shutil.rmtree(stale, ignore_errors=True)


def _peak_rss() -> int:
    """This process's peak resident memory so far, bytes. Linux: VmHWM of /proc/self/status,
    which starts afresh at exec (``ru_maxrss`` keeps the parent's peak at fork, so a worker
    spawned by a big parent would report the parent's)."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        import resource
    except ImportError:  # pragma: no cover - non-POSIX
        return 0
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) * 1024  # KiB on Linux, bytes on macOS
