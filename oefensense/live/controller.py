"""Qt-free control of a live run: engine thread, dashboard sink, recording on/off, markers.

The engine (source → pipeline → sinks) runs on its own thread; the GUI thread only calls the
short, thread-safe methods here. Markers are injected into the source stream as
``Event("marker", fields={"note": ...})`` so they travel the same path as any source event:
the recorder writes them, the pipeline passes them on, the dashboard lists them, and a replay
re-inserts them.
"""

from __future__ import annotations

import asyncio
import queue
import re
import threading
from collections.abc import AsyncIterable, Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from oefensense.core.clock import CLOCK_EVENT
from oefensense.core.types import Event, SensorInfo

from .sink import SnapshotSink
from .state import LiveSettings

SourceFactory = Callable[[], Iterable[Any] | AsyncIterable[Any]]


@dataclass
class SessionMeta:
    """Session metadata typed in by the therapist (pseudonymous: a code, never a name)."""

    patient_code: str = ""
    assessment: str = "free"  # free, sit_to_stand, lifting, bending, workplace
    note: str = ""
    # where the data comes from, as `record` writes it: "ble" (real sensors), "simulated" or
    # "demo" (the record then marks the session simulated: not measured on the patient)
    source: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Manifest fields; the patient code is validated (InvalidPatientCode) when one is given."""
        from oefensense.core.patient import validate_patient_code

        out: dict[str, Any] = {"assessment": self.assessment, "note": self.note}
        if self.source:
            out["source"] = self.source
        if self.patient_code:
            out["patient"] = {"code": validate_patient_code(self.patient_code)}
        return out


def new_session_path(sessions_dir: str | Path, patient_code: str, stamp: str) -> Path:
    """``sessions_dir/<code or "session">-<stamp>``, never outside ``sessions_dir``.

    ``patient_code`` must be a valid pseudonymous code (or empty); ``stamp`` is a time stamp
    such as ``20260101-093000``. Raises ``InvalidPatientCode`` / ``ValueError`` otherwise.
    """
    from oefensense.core.patient import validate_patient_code

    if patient_code:
        validate_patient_code(patient_code)
    if not re.fullmatch(r"[0-9A-Za-z_-]+", stamp):
        raise ValueError(f"invalid time stamp {stamp!r} for a session name")
    root = Path(sessions_dir).resolve()
    path = (root / f"{patient_code or 'session'}-{stamp}").resolve()
    if path.parent != root:  # belt and braces: the validated name has no separators
        raise ValueError(f"session path {path} would be outside {root}")
    return path


def with_injections(source: Iterable[Any], inbox: "queue.Queue[Any]") -> Iterator[Any]:
    """Yield ``source`` items, inserting anything put in ``inbox`` before the next item."""
    for item in source:
        while True:
            try:
                yield inbox.get_nowait()
            except queue.Empty:
                break
        yield item
    while not inbox.empty():
        yield inbox.get_nowait()


async def with_injections_async(source: AsyncIterable[Any], inbox: "queue.Queue[Any]") -> Any:
    async for item in source:
        while not inbox.empty():
            yield inbox.get_nowait()
        yield item
    while not inbox.empty():
        yield inbox.get_nowait()


class InjectingSource:
    """Wraps an async source (e.g. ``BleSource``): yields its items plus anything put in ``inbox``,
    and passes ``request_stop()`` / ``stats()`` through so the runtime's ordered shutdown and the
    link figures still reach the real source."""

    def __init__(self, source: Any, inbox: "queue.Queue[Any]") -> None:
        self.source = source
        self.inbox = inbox

    def request_stop(self) -> None:
        if hasattr(self.source, "request_stop"):
            self.source.request_stop()

    def stats(self) -> dict[str, Any]:
        return self.source.stats() if hasattr(self.source, "stats") else {}

    async def _items(self) -> Any:
        it = self.source.__aiter__()
        try:
            async for item in it:
                while not self.inbox.empty():
                    yield self.inbox.get_nowait()
                yield item
            while not self.inbox.empty():
                yield self.inbox.get_nowait()
        finally:
            aclose = getattr(it, "aclose", None)
            if aclose is not None:  # close the real source too (disconnects, final gaps)
                await aclose()

    def __aiter__(self) -> Any:
        return self._items()


@dataclass(frozen=True)
class ClosedRecording:
    """How closing one recording ended: ``error`` is None when it was flushed, closed and
    compacted, else what went wrong (the session then holds data up to its last flush)."""

    path: Path
    error: BaseException | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def message(self) -> str:
        if self.error is None:
            return f"recording saved: {self.path}"
        return f"recording {self.path} could NOT be closed ({self.error}); run `oefensense repair {self.path}`"


class _PipelineSettingsHolder:
    def __init__(self, settings: Any) -> None:
        self.settings = settings


@dataclass
class RecordingSwitch:
    """An engine sink that records only between :meth:`start` and :meth:`stop`.

    Sensors seen before the start are registered when recording starts. Closing the writer
    (flush, compaction) runs on a helper thread so neither the GUI nor the engine waits for it;
    :meth:`join` waits for those.
    """

    pipeline_settings: Any = None
    pipeline: Any = None  # the running pipeline (its settings go into the manifest)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _recorder: Any = None
    _sensors: dict[str, SensorInfo] = field(default_factory=dict)
    _clock: Any = None  # the source's clock event (sent once, at the session's start)
    _closers: list[threading.Thread] = field(default_factory=list)
    _closed: list[ClosedRecording] = field(default_factory=list)
    path: Path | None = None
    last_path: Path | None = None
    history: list[ClosedRecording] = field(default_factory=list)  # every recording closed so far

    @property
    def recording(self) -> bool:
        return self._recorder is not None

    def start(self, path: str | Path, meta: SessionMeta | dict[str, Any] | None = None) -> Path:
        from oefensense.session import BackgroundSessionWriter as SessionWriter  # file work off the engine thread
        from oefensense.sinks import RecorderSink

        m = meta.to_dict() if isinstance(meta, SessionMeta) else dict(meta or {})
        writer = SessionWriter(path, meta=m)
        rec = RecorderSink(writer)
        with self._lock:
            if self._recorder is not None:
                writer.close(compact=False)
                raise RuntimeError("already recording")
            # a recording started after connecting (the usual way) missed the source's clock
            # event: without it the session had no clock time (no days, no registration
            # without --start)
            if self._clock is not None:
                rec.on_input(self._clock)
            for info in self._sensors.values():
                rec.on_input(info)
            self._recorder = rec
            self.path = Path(path)
        return self.path

    def stop(self, pipeline: Any = None, wait: bool = False) -> Path | None:
        with self._lock:
            rec, self._recorder = self._recorder, None
            path, self.path = self.path, None
        if rec is None:
            return None
        holder = pipeline if pipeline is not None else self.pipeline
        if holder is None:
            from oefensense.pipeline import PipelineSettings

            holder = _PipelineSettingsHolder(self.pipeline_settings or PipelineSettings())

        def close() -> None:
            error: BaseException | None = None
            try:
                rec.close(holder)
            except BaseException as exc:  # noqa: BLE001 - reported through finished(), never lost
                error = exc
            result = ClosedRecording(path, error)
            with self._lock:
                self._closed.append(result)
                self.history.append(result)

        t = threading.Thread(target=close, name="oefensense-recorder-close", daemon=False)
        t.start()
        self._closers.append(t)
        self.last_path = path
        if wait:
            t.join()
        return path

    def join(self, timeout: float | None = None) -> bool:
        """Wait for recordings being closed; True when none is still closing."""
        for t in self._closers:
            t.join(timeout)
        self._closers = [t for t in self._closers if t.is_alive()]
        return not self._closers

    def finished(self) -> list[ClosedRecording]:
        """Recordings whose closing ended since the last call (for the GUI to report)."""
        with self._lock:
            out, self._closed = self._closed, []
        return out

    def on_input(self, item: Any) -> None:
        with self._lock:
            if isinstance(item, SensorInfo):
                self._sensors[item.sensor_id] = item
            elif isinstance(item, Event) and item.type == CLOCK_EVENT:
                self._clock = item
            if self._recorder is not None:
                self._recorder.on_input(item)

    def on_output(self, out: Any) -> None:
        with self._lock:
            if self._recorder is not None:
                self._recorder.on_output(out)

    def close(self, pipeline: Any = None) -> None:
        """End of the stream: a recording still running is finalised."""
        self.stop(pipeline, wait=True)


class LiveController:
    """One live run: ``start(source_factory)``, ``stop()``, recording, markers, snapshots.

    ``stats_provider`` gives per-sensor link figures (see :class:`SnapshotSink`).
    """

    def __init__(self, settings: LiveSettings | None = None, pipeline_settings: Any = None,
                 stats_provider: Callable[[], Any] | None = None, posture_names: Any = None,
                 pipeline_factory: Callable[[], Any] | None = None, feedback_plan: Any = None) -> None:
        self.pipeline_factory = pipeline_factory
        self.sink = SnapshotSink(settings, stats_provider, posture_names)
        self.recorder = RecordingSwitch(pipeline_settings)
        self._base_settings = pipeline_settings  # without a feedback plan
        self.feedback_plan: Any = None
        self.cue_delivery: Any = None  # feedback_plan: cues given through the wearables (or the computer)
        self.pipeline_settings = pipeline_settings  # with the feedback plan's stage settings
        self._next_plan: tuple[Any] | None = None  # a plan set while running: used from the next start
        self.cue_language = "nl"  # the computer's cue notifications (the dashboard sets its language)
        self._inbox: "queue.Queue[Any]" = queue.Queue()
        self._thread: threading.Thread | None = None
        self.set_feedback_plan(feedback_plan)
        self._engine: Any = None
        self._runtime: Any = None
        self._reported_runtime: Any = None  # the async run whose error `error` has handed out
        self._error: BaseException | None = None
        self.stop_problems: list[str] = []
        self._history_seen = 0
        self.extra_sinks: list[Any] = []

    def set_feedback_plan(self, plan: Any) -> bool:
        """Run ``plan`` (a FeedbackPlan; None = no cues): its stage settings and live delivery.
        While running the pipeline keeps its settings (a session records one plan): the plan
        then applies from the next start; returns True when it applies now."""
        if self.running:
            self._next_plan = (plan,)
            return False
        self._next_plan = None
        self.feedback_plan, self.cue_delivery, settings = plan, None, self._base_settings
        if plan is not None:
            from oefensense.analysis.feedback_plan import with_plan
            from oefensense.ble.cues import CueDelivery

            from .computer_cue import ComputerCue

            settings = with_plan(settings, plan)
            self.cue_delivery = CueDelivery([], plan, fallback=ComputerCue())
        self.pipeline_settings = self.recorder.pipeline_settings = settings
        return True

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @property
    def error(self) -> BaseException | None:
        """What ended the run, None while it runs or when it ended well. An async (BLE) run's
        error is handed out once its engine thread has ended (a sensor that was never found, a
        start sequence refused): the window polls this, and kept saying "Streaming" without it."""
        rt = self._runtime
        if self._error is None and rt is not None and rt is not self._reported_runtime \
                and not rt.running and rt.error is not None:
            self._error, self._reported_runtime = rt.error, rt
        return self._error

    @error.setter
    def error(self, value: BaseException | None) -> None:
        self._error = value

    def _sinks(self) -> list[Any]:
        sinks = [self.sink, self.recorder, *self.extra_sinks]
        if self.cue_delivery is None:
            return sinks
        self.cue_delivery.downstream = sinks  # cues reach the views and the recording once given
        return [self.cue_delivery]

    def _bound(self, source_factory: SourceFactory) -> SourceFactory:
        def make() -> Any:
            src = source_factory()
            if self.cue_delivery is not None:
                self.cue_delivery.source = src  # its links carry the cue commands
            return src
        return make

    def start(self, source_factory: SourceFactory, runtime: bool = False) -> None:
        """Run the source on an engine thread (sync or async iterables both work).

        ``runtime=True``: an async (BLE) source on ``oefensense.runtime.EngineThread``, which
        creates the source on its own loop, shuts it down in order and reports link figures
        (battery, loss, latency) to the sensor panel.
        """
        from oefensense.engine import Engine

        if self.running:
            raise RuntimeError("already running; stop first")
        if self._next_plan is not None:
            self.set_feedback_plan(self._next_plan[0])
        if self.cue_delivery is not None and hasattr(self.cue_delivery.fallback, "lang"):
            self.cue_delivery.fallback.lang = self.cue_language
        self.sink.reset()
        self.error = None
        if runtime:
            from oefensense.runtime import EngineThread

            from .devices import link_figures

            inbox = self._inbox
            pipeline = self.pipeline_factory() if self.pipeline_factory is not None else None
            make = self._bound(source_factory)
            et = EngineThread(lambda: InjectingSource(make(), inbox), self.pipeline_settings,
                              self._sinks(), pipeline=pipeline)
            self._runtime = et
            self._engine = et.engine
            self.recorder.pipeline = et.engine.pipeline
            self.sink.stats_provider = lambda: link_figures(et.stats())
            self._thread = et._thread
            et.start()
            return
        pipeline = self.pipeline_factory() if self.pipeline_factory is not None else None
        self._engine = Engine(self.pipeline_settings, self._sinks(), pipeline=pipeline)
        self.recorder.pipeline = self._engine.pipeline
        make = self._bound(source_factory)

        def target() -> None:
            try:
                src = make()
                if hasattr(src, "__aiter__"):
                    asyncio.run(self._engine.run_async(with_injections_async(src, self._inbox)))
                else:
                    self._engine.run(with_injections(src, self._inbox))
            except BaseException as exc:  # shown in the GUI; the recording is finalised by Engine.close
                self.error = exc

        self._thread = threading.Thread(target=target, name="oefensense-engine", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> list[str]:
        """Stop streaming; the engine flushes and closes its sinks (which finalises a recording).

        Returns what could not be done, one line each (empty: everything stopped and every
        recording is closed and compacted). The same lines stay in ``stop_problems``."""
        problems: list[str] = []
        if self._runtime is not None:
            if not self._runtime.stop(timeout):
                problems.append(f"the sensors did not stop within {timeout:g} s")
            if self._runtime is not self._reported_runtime:  # not yet handed out by `error`
                self.error = self.error or self._runtime.error
            self._runtime = None
        elif self._engine is not None:
            self._engine.stop()
            if self._thread is not None:
                self._thread.join(timeout)
                if self._thread.is_alive():
                    problems.append(f"the engine did not stop within {timeout:g} s")
        self.recorder.stop(wait=False)
        if not self.recorder.join(timeout):
            problems.append(f"a recording was still closing after {timeout:g} s")
        new, self._history_seen = self.recorder.history[self._history_seen:], len(self.recorder.history)
        problems += [r.message() for r in new if not r.ok]
        self.stop_problems = problems
        return problems

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the source to end; True when it did."""
        if self._thread is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def start_recording(self, path: str | Path, meta: SessionMeta | None = None) -> Path:
        return self.recorder.start(path, meta)

    def stop_recording(self, wait: bool = False) -> Path | None:
        return self.recorder.stop(wait=wait)

    def add_marker(self, note: str) -> Event:
        """A marker at the newest session time; recorded when a recording runs."""
        t = self.sink.now_ns()
        ev = Event("marker", t, t, {"note": note})
        if self.running:
            self._inbox.put(ev)
        else:
            self.sink.add_marker(note, t)
        return ev

    def snapshot(self) -> Any:
        return self.sink.snapshot()
