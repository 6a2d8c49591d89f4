"""The Python face of the CLI: ``analyze`` and ``replay`` return what they wrote."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from .core.blas import single_blas_thread
from .core.clock import RecordingClock
from .core.types import NS_PER_S
from .engine import Engine, Sink
from .io.csv_stream import CsvStream
from .io.data_quality import COVERAGE_SLACK_S
from .io.importers import DeviceRecording
from .io.outputs import AnalysisWriter
from .io.rewind import Rewindable
from .io.period_tables import TableSettings
from .pipeline import PipelineSettings, SourceItem
from .sources import csv_stream_items, device_items, paced, replay_items
from .sources.files import interleaved_items

T = TypeVar("T")

# Importer names (oefensense.io.importers) of the CSVs read by the CSV stream itself.
PLAIN_CSV_FORMATS = ("csv",)


@dataclass(frozen=True, slots=True)
class AnalysisResult:
    """One analysed recording: where its files are and its summary (summary.json content)."""

    name: str
    out_dir: Path
    summary: dict[str, Any]

    def events(self) -> list[dict[str, Any]]:
        with open(self.out_dir / "events.jsonl") as fh:
            return [json.loads(line) for line in fh if line.strip()]


def recording_name(path: Path) -> str:
    """``D16_SA05_R01.waist.csv.gz`` -> ``D16_SA05_R01`` (``DAY1.PELVIS.CSV.GZ`` -> ``DAY1``: the
    readers take the suffixes in any case); a session directory -> its name."""
    if path.is_dir():
        return path.name
    return re.sub(r"(\.(trunk|pelvis|thigh|chest|sternum|upper_back|waist|lower_back|belt))?\.(csv|cwa|bin|gt3x|txt)(\.gz)?$", "",
                  path.name, flags=re.IGNORECASE)


def output_name(sources: list[Path], pseudonym: str | None = None) -> str:
    """The output folder name of one recording: :func:`recording_name` of its (first) input, or
    with a ``pseudonym`` (a patient code) ``CODE-<8 hex digits>``, the hex a digest of the
    recording's content (its files; a session's manifest), so the same recording always gets the
    same folder and no input file name reaches the outputs."""
    if pseudonym is None:
        return recording_name(sources[0])
    from .core.patient import validate_patient_code
    from .session.manifest import file_sha256

    h = hashlib.sha256()
    for src in sources:
        h.update(file_sha256(src / "manifest.json" if src.is_dir() else src).encode())
    return f"{validate_patient_code(pseudonym)}-{h.hexdigest()[:8]}"


def run_items(items: Iterable[SourceItem], out_dir: Path, *, angles: bool = False,
              settings: PipelineSettings | None = None, extra_sinks: list[Sink] | None = None,
              tables: TableSettings | None = None, imports: dict[str, Any] | None = None,
              session: dict[str, str] | None = None, seeds: dict[str, Any] | None = None,
              file_starts: dict[str, Any] | None = None) -> dict[str, Any]:
    """Run items through a fresh pipeline, writing the analysis files into ``out_dir``.

    ``seeds``: alignments learned ahead for a file (:func:`learned_ahead`), named in the summary's
    ``data_quality.alignment``.

    The pipeline (stages and models) is built first, so a missing model fails before any file
    exists; when the analysis fails later, the files the closing writer wrote are removed again:
    nothing is left that looks like a result."""
    from .analysis.registry import build_pipeline

    pipeline = build_pipeline(settings)
    ahead = None
    if seeds:
        pipeline.seed_alignments(seeds)
        ahead = {sid: {"placement": s.evidence.placement.value, "learned_ahead_until_s": round(s.until_ns / NS_PER_S, 3),
                       "still_start_off_deg": round(s.up_change_deg, 1)} for sid, s in seeds.items()}
    writer = AnalysisWriter(out_dir, angles=angles, tables=tables, imports=imports, session=session, ahead=ahead,
                            file_starts=file_starts)
    engine = Engine(sinks=[writer, *(extra_sinks or [])], pipeline=pipeline)
    try:
        with single_blas_thread():  # the pipeline's matrices are small: more BLAS threads only spin
            engine.run(items, ahead=True)  # a file or a recorded session: nothing waits on each item
    except BaseException:
        writer.discard()
        raise
    return writer.summary


def analyze(
    inputs: Iterable[str | Path] = (),
    out: str | Path = "out",
    *,
    sensors: Mapping[str, str | Path] | None = None,
    placement: str | None = None,
    angles: bool = False,
    settings: PipelineSettings | None = None,
    start: str | RecordingClock | None = None,
    tz: str | None = None,
    tables: TableSettings | None = None,
    pseudonym: str | None = None,
    sinks_for: Callable[[str], list[Sink]] | None = None,
    common_clock: bool = False,
) -> list[AnalysisResult]:
    """Analyse recordings offline; one result folder ``out/<name>/`` per recording.

    ``sinks_for(name)``: extra sinks for the recording named ``name`` (the CLI's progress bar).

    ``pseudonym``: a patient code; the folders are then named by :func:`pseudonymous_name`
    instead of after the input (a file name may hold a patient's name).

    ``inputs``: session directories, CSV or device files (each its own single-sensor recording;
    device formats chosen by content, see :mod:`oefensense.io.importers`);
    ``sensors``: one multi-sensor recording as ``{placement: csv_path}``; ``placement`` overrides
    the placement of single CSV inputs. ``start`` (ISO 8601, e.g. ``2026-03-02T08:30+01:00``) and
    ``tz`` (IANA zone) give the clock time of a recording whose times are relative (see
    :meth:`~oefensense.core.clock.RecordingClock.parse_start`); a session knows its own; ``tz``
    alone gives a device file's own start time (local, as the file states it) that zone.
    ``tables``: work schedule and valid-day rule of the day and hour tables (written when the
    recording has a clock). ``common_clock``: the ``sensors`` files' time columns are one clock
    (the earliest first row is 0 s); by default each file's first row is 0 s (the sensors started
    together). Files whose first rows are more than 5 s apart are named in the summary's
    ``data_quality.file_starts`` either way.
    """
    out = Path(out)
    clock = start
    if isinstance(start, str):
        from .core.clock import machine_zone_name

        clock = RecordingClock.parse_start(start, tz, machine_zone_name())
    results: list[AnalysisResult] = []
    for raw in inputs:
        path = Path(raw)
        name = output_name([path], pseudonym)
        imports: dict[str, Any] = {}
        session: dict[str, str] | None = None
        seeds: dict[str, Any] | None = None
        if path.is_dir():
            # a session replays as it ran live (byte for byte): nothing is learned ahead
            items: Iterable[SourceItem] = session_items(path, clock)
            session = session_state(path)
        elif (device := device_recording(path, placement)) is not None:
            seeds, items = file_learned_ahead(device_items(device), clock or device_clock(device, tz))
        else:
            if tz is not None and start is None:
                raise ValueError(f"{path}: a CSV has no start time of its own; give --start with --tz")
            stream = CsvStream(path, placement)  # read in bounded blocks as the pipeline consumes them
            seeds, items = file_learned_ahead(csv_stream_items([stream]), clock)
            imports = {stream.sensor_id: stream.report}
        results.append(AnalysisResult(name, out / name, run_items(items, out / name, angles=angles, settings=settings,
                                                                  tables=tables, imports=imports, session=session,
                                                                  extra_sinks=sinks_for(name) if sinks_for else None,
                                                                  seeds=seeds)))
    if sensors:
        files = [CsvStream(p, placement=pl, sensor_id=pl) for pl, p in sensors.items()]
        starts = {f.sensor_id: f.first_time_s for f in files}
        # each file's first row is 0 s (the sensors started together), unless the files share one
        # clock: then the earliest first row is, and a file that starts later keeps its offset
        zero = min(starts.values()) if common_clock else None
        for f in files:
            if zero is not None:
                f.start_at(zero)

        infos = [f.info for f in files]
        # each chain alone, so no need for the analysis' 0.5-s interleaving: 180-s pieces cost
        # far fewer calls (the chains are chunk-invariant: the same seeds); each file's blocks
        # the look-ahead read are spilled per file and come back to the analysis' interleaving
        seeds, again = learned_ahead_once([f.items() for f in files],
                                          lambda spilled: interleaved_items(infos, spilled, chunk_s=180.0))
        name = output_name([Path(p) for p in sensors.values()], pseudonym)
        apart = max(starts.values()) - min(starts.values()) > COVERAGE_SLACK_S
        results.append(AnalysisResult(name, out / name, run_items(
            interleaved_items(infos, again, clock=clock), out / name, angles=angles, settings=settings, tables=tables,
            imports={s.sensor_id: s.report for s in files}, extra_sinks=sinks_for(name) if sinks_for else None,
            seeds=seeds, file_starts={"first_row_s": starts, "common_clock": common_clock} if apart else None)))
    return results


def learned_ahead(items: Callable[[], Iterable[SourceItem]]) -> dict[str, Any]:
    """A file's alignments learned ahead (:mod:`oefensense.orientation.lookahead`) from a fresh
    read of its first part: seeds for the sensors whose still start was not upright."""
    from .orientation.lookahead import learn_alignment_ahead

    return learn_alignment_ahead(items())


def learned_ahead_once(sources: list[Iterator[T]], items: Callable[[list[Iterator[T]]], Iterable[SourceItem]]
                       ) -> tuple[dict[str, Any], list[Iterator[T]]]:
    """:func:`learned_ahead` from ``items(spilled)`` (the source items made of ``sources``, a
    file's or each file's readers) and each source again from its start, for the analysis: what
    the look-ahead read comes back from a private spill (:class:`~oefensense.io.rewind.Rewindable`),
    the rest from the same reader where the look-ahead stopped. The file is read and parsed once,
    and memory does not grow with what the look-ahead read."""
    spilled = [Rewindable(s) for s in sources]
    try:
        seeds = learned_ahead(lambda: items(spilled))
    except BaseException:
        for s in spilled:
            s.discard()
        raise
    return seeds, [s.rewind() for s in spilled]


def file_learned_ahead(items: Iterator[SourceItem], clock: RecordingClock | None = None
                       ) -> tuple[dict[str, Any], Iterator[SourceItem]]:
    """One file's seeds learned ahead and its items for the analysis (the ``clock`` event first
    when known): ``items`` is read once (:func:`learned_ahead_once`); they are the items of a
    fresh read, so the results are those of reading the file twice."""
    seeds, (again,) = learned_ahead_once([items], lambda spilled: spilled[0])
    return seeds, again if clock is None else _prepend(clock.to_event(), again)


def device_recording(path: Path, placement: str | None) -> DeviceRecording | None:
    """A device file (Axivity .cwa, GENEActiv .bin, ActiGraph .gt3x, MetaBase or Polar Sensor
    Logger export, a ``;`` Excel CSV) opened by its importer, chosen by content; None for a plain
    CSV, which :class:`~oefensense.io.csv_stream.CsvStream` reads (and whose problems it names,
    for a file in no known format too) with its import report in the summary."""
    from .io.importers import DeviceFileError, detect, open_recording

    try:
        if detect(path).name in PLAIN_CSV_FORMATS:
            return None
    except DeviceFileError:
        return None
    return open_recording(path, placement=placement)


def device_clock(recording: DeviceRecording, tz: str | None) -> RecordingClock | None:
    """A device file's own start time (local, without zone) in ``tz``; never guessed without it."""
    if tz is None or recording.start_time is None:
        return None
    return RecordingClock.parse_start(recording.start_time, tz)


def session_items(session: Path, clock: RecordingClock | None = None) -> Iterable[SourceItem]:
    """A session's recorded items; ``clock`` only for a session recorded without one."""
    from .session import SessionReader

    recorded = SessionReader(session).manifest.get("clock")
    if clock is not None and recorded is not None:
        raise ValueError(f"{session}: the session has its own clock ({recorded['start_utc']}, {recorded['timezone']}); "
                         "leave out --start")
    if clock is None:
        return replay_items(session)
    return _prepend(clock.to_event(), replay_items(session))


def _prepend(first: SourceItem, rest: Iterable[SourceItem]) -> Iterator[SourceItem]:
    yield first
    yield from rest


def replay(session: str | Path, out: str | Path, *, speed: float | None = None, angles: bool = False,
           extra_sinks: list[Sink] | None = None, feedback: Any = None) -> AnalysisResult:
    """Replay a session's raw packets through the pipeline (``speed`` × real time, None = max);
    ``feedback``: a ``FeedbackPlan`` to apply instead of the recorded one (which cues it would
    have given)."""
    session = Path(session)
    name = recording_name(session)
    settings = _recorded_settings(session)
    if feedback is not None:
        from .analysis.feedback_plan import with_plan

        settings = with_plan(settings, feedback)
    summary = run_items(paced(replay_items(session), speed), Path(out) / name, angles=angles,
                        settings=settings, extra_sinks=extra_sinks, session=session_state(session))
    return AnalysisResult(name, Path(out) / name, summary)


def session_state(session: Path) -> dict[str, str] | None:
    """None for a closed session; else why its results may end early, for summary.json's
    ``data_quality.session``: ``recording`` (still being recorded: the data flushed so far) or
    ``not_closed`` (the recorder died: the data up to its last flush, the rest is lost)."""
    from .session import SessionReader

    reader = SessionReader(session)
    if reader.closed:
        return None
    if reader.live:
        return {"state": "recording", "note": "the session was still being recorded: the results end at its last flush"}
    return {"state": "not_closed", "note": "the session was not closed (the recording crashed): the results end at its "
                                           "last flush; `oefensense repair` closes it"}


def _recorded_settings(session: Path) -> PipelineSettings:
    """The pipeline settings a session was recorded with (so a replay reproduces it)."""
    from .pipeline.settings_io import settings_from_manifest
    from .session import SessionReader

    return settings_from_manifest(SessionReader(session).manifest)
