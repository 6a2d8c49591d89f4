"""Running a guided test: the signal from a recording, a simulated wearable or live sensors,
through the real pipeline (stage-less: the test reads the BodyFrames), scored by
``oefensense.assessments``; storing the result in the patient's record with the previous one
and the published reference. Shared by ``oefensense assess`` and the dashboard's test panel.
"""

from __future__ import annotations

import tempfile
import threading
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

import numpy as np

from ..assessments import TESTS, AssessmentResult, RunContext, make_test
from ..assessments.base import WordedError, protocol_end_s
from ..assessments.transfers import rest_after
from ..assessments.norms import reference  # noqa: F401 - used by the CLI as run.reference
from ..core.frames import BodyFrame
from ..core.types import NS_PER_S, Event, SensorInfo
from .lang import QT_TR_NOOP

# seconds (data time) the run goes on at least after a test's protocol is done
SETTLE_S = 2.0
# chair tests and TUG: after ``SETTLE_S`` the run waits for the patient to come to rest (the
# transfer finder's stillness rule, ``transfers.rest_after``), at most this long (s, data time)
# after the protocol's end; the result is flagged ``moving_at_end`` when rest never came
MAX_SETTLE_S = 10.0


class FrameCollector:
    """A sink (``oefensense.engine``) that keeps the BodyFrames and source-reported gaps of a
    run; ``snapshot()`` gives the frame so far from any thread. Memory: the test's frames only
    (at most the protocol's length plus the lead-in)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._frames: list[BodyFrame] = []
        self._gaps_ns: list[tuple[int, int, str | None]] = []
        self._placements: dict[str, str] = {}  # sensor id -> placement, from the SensorInfos

    def on_input(self, item: Any) -> None:
        if isinstance(item, SensorInfo):
            self._placements[item.sensor_id] = item.placement.value
        elif isinstance(item, Event) and item.type == "gap":
            with self._lock:
                self._gaps_ns.append(_gap_ns(item, self._placements))

    def on_output(self, out: Any) -> None:
        if out.frames:
            with self._lock:
                self._frames.extend(out.frames)
        for e in out.events:
            if e.type == "gap":
                self.on_input(e)

    def close(self, pipeline: Any) -> None:
        pass

    def has_data(self) -> bool:
        """Whether any BodyFrame arrived yet (the sensors stream)."""
        with self._lock:
            return bool(self._frames)

    def snapshot(self, until_s: float | None = None) -> tuple[BodyFrame | None, tuple[tuple[float, float, str | None], ...]]:
        """(frame so far or None, gaps (start s, end s, placement of the sensor or None) in seconds
        since the frame's first sample): the frame ends where every worn sensor's samples have
        arrived (:func:`arrived_end`), and at ``until_s`` (s since its first sample) when given."""
        with self._lock:
            frames, gaps = list(self._frames), list(self._gaps_ns)
        if not frames:
            return None, ()
        frame = BodyFrame.concat(frames)
        t0 = int(frame.t_ns[0])
        gaps_s = _gaps_s(_after_first_valid(frame, gaps), t0)
        n = arrived_end(frame, gaps_s)
        if until_s is not None:
            n = min(n, int(np.searchsorted((frame.t_ns - t0) / NS_PER_S, until_s, side="right")))
        return (frame if n == len(frame) else frame.samples(0, max(n, 1))), gaps_s


def _after_first_valid(frame: BodyFrame, gaps_ns: list[tuple[int, int, str | None]]) -> list[tuple[int, int, str | None]]:
    """The gaps that can interrupt the test: a gap that ends before its sensor's first valid
    sample in the frame (a Polar connecting after the other sensor drops the accelerometer
    samples older than its first gyro sample: a ``no_gyro`` gap of ~2 ms there read "sensor data
    missing 0.6-0.6 s (0.0 s): bridged") is a late start, not an interruption; the session keeps it."""
    first: dict[str, int] = {}
    for placement in {p for _, _, p in gaps_ns if p is not None}:
        valid = frame.channels.get(f"{placement}_valid")
        if valid is not None and valid.any():
            first[placement] = int(frame.t_ns[int(np.argmax(valid))])
    return [g for g in gaps_ns if g[2] is None or g[2] not in first or g[1] > first[g[2]]]


def _gap_ns(event: Event, placements: dict[str, str]) -> tuple[int, int, str | None]:
    """(start ns, end ns, placement of its sensor or None when not known) of a ``gap`` event."""
    return int(event.t_ns), int(event.end_ns or event.t_ns), placements.get(event.sensor_id or "")


def _gaps_s(gaps_ns: list[tuple[int, int, str | None]], t0_ns: int) -> tuple[tuple[float, float, str | None], ...]:
    """``gaps_ns`` in seconds since ``t0_ns`` (``RunContext.gaps_s``)."""
    return tuple(((a - t0_ns) / NS_PER_S, (b - t0_ns) / NS_PER_S, p) for a, b, p in gaps_ns)


def arrived_end(frame: BodyFrame, gaps_s: tuple[tuple[Any, ...], ...] = ()) -> int:
    """Number of leading samples of ``frame`` for which every worn sensor's data had arrived.

    The synchroniser emits up to the newest sample of any sensor when the run stops (and waits
    at most ``max_lag_s`` of sample time for a trailing one): a sensor whose last packets were
    still on their way (10x simulated under load: the trunk's last 0.6 s) is invalid over that
    tail, which read as a drop-out ("trunk sensor data missing 111.6-112.2 s", data end 112.1 s).
    Such a tail is cut: it is data not yet received, not data lost. A tail longer than the
    synchroniser's ``max_lag_s``, or one a source-reported gap overlaps (a link lost at the
    end), is missing data and stays, flagged by the test."""
    from ..pipeline.synchroniser import SyncSettings

    if not len(frame):
        return 0
    t = (frame.t_ns - frame.t_ns[0]) / NS_PER_S
    keys = [f"{p.value}_valid" for p in frame.placements if frame.has(f"{p.value}_valid")]
    if len(keys) < 2:
        return len(frame)  # one sensor: nothing trails it
    lasts = []
    for k in keys:
        ok = np.flatnonzero(np.asarray(frame[k], bool))
        lasts.append(int(ok[-1]) + 1 if len(ok) else 0)
    n = min(lasts)
    if n == len(frame) or n == 0 or t[-1] - t[n - 1] > SyncSettings().max_lag_s:
        return len(frame)
    if any(g[1] > t[n - 1] for g in gaps_s):
        return len(frame)
    return n


def test_options(test: str, minutes: float | None = None, leg_length_m: float | None = None,
                 reps: int | None = None) -> dict[str, Any]:
    """The options a test takes from the command line (others are refused by ``make_test``)."""
    if test == "walk-test":
        return {"minutes": minutes, "leg_length_m": leg_length_m}
    if test == "trunk-rom":
        return {"reps": reps}
    return {}


def analyse_frame(test: str, frame: BodyFrame, ctx: RunContext, **options: Any) -> AssessmentResult:
    return make_test(test, **options).analyse(frame, ctx)


def frames_of_recordings(paths: dict[str, str] | list[str], placement: str | None = None) -> BodyFrame:
    """One BodyFrame of CSV recording(s) through the stage-less pipeline (``paths``: a list of
    single-sensor files, or {placement: file} for one multi-sensor recording)."""
    return recording_of(paths, placement)[0]


def recording_of(paths: dict[str, str] | list[str],
                 placement: str | None = None) -> tuple[BodyFrame, tuple[tuple[float, float, str | None], ...]]:
    """(:func:`frames_of_recordings`, the holes the import found in each file as
    ``RunContext.gaps_s``: (start s, end s since the frame's first sample, placement)). A live or
    simulated run passes its sensors' gaps to the test; a recording passed none, so 0.42 s of
    rows missing read only as the invalid stretch around them, 2.4 s with the sensor chain's
    settling, and which sensor's file had the hole was not known."""
    from ..io.csv_import import read_csv
    from ..pipeline import Pipeline, PipelineSettings
    from ..sources.files import recording_items

    if isinstance(paths, dict):
        recs = [read_csv(p, placement=pl) for pl, p in paths.items()]
    else:
        recs = [read_csv(p, placement=placement) for p in paths]
    pipe = Pipeline(PipelineSettings(stages=()))  # as ``pipeline.offline.frames_of``, keeping the gap events
    frames: list[BodyFrame] = []
    events: list[Event] = []
    for item in recording_items(recs):
        out = pipe.feed(item)
        frames += out.frames
        events += out.events
    out = pipe.finish()
    frames, events = frames + out.frames, events + out.events
    if not frames:
        raise ValueError("the recording gave no analysable samples")
    frame = BodyFrame.concat(frames)
    where = {r.info.sensor_id: r.info.placement.value for r in recs}
    return frame, _gaps_s([_gap_ns(e, where) for e in events if e.type == "gap"], int(frame.t_ns[0]))


@dataclass
class SimulatedTest:
    """A scripted test through the simulator (``oefensense.sim.assessments``): the CSV files a
    simulated wearable streams (one per placement, in the OS temp dir, removed by ``cleanup``)
    and the truth."""

    files: dict[str, Path]
    truth: Any
    duration_s: float
    _tmp: Any = field(default=None, repr=False)

    def cleanup(self) -> None:
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None


def simulate_test(test: str, placements: list[str], speed: float = 1.0, seed: int = 0,
                  minutes: float = 2.0) -> SimulatedTest:
    """Simulate ``test``'s script worn at ``placements`` (random sensor mountings from ``seed``)
    and write what each sensor measured as a unit-suffixed CSV for the simulated wearables."""
    from ..core.types import Placement
    from ..sim import simulate
    from ..sim import assessments as simtests

    script = simtests.scripted_test(test, speed=speed, minutes=minutes)
    pls = tuple(Placement.parse(p) for p in placements)
    sim = simulate(script, rate_hz=100.0, seed=seed, placements=pls)
    if test in ("chair-stand-30s", "five-times-sit-to-stand"):
        truth = simtests.chair_truth(sim)
    elif test == "tug":
        truth = simtests.tug_truth(sim, script)
    elif test == "trunk-rom":
        truth = simtests.rom_truth(sim)
    else:
        truth = simtests.walk_truth(script)
    tmp = tempfile.TemporaryDirectory(prefix="oefensense-simtest-")
    files = {}
    for pl in pls:
        block = sim.blocks[pl]
        path = Path(tmp.name) / f"{test}.{pl.value}.csv"
        t = (block.t_ns - block.t_ns[0]) / NS_PER_S
        cols = np.column_stack([t, block.acc_g, block.gyr_dps])
        np.savetxt(path, cols, delimiter=",", fmt="%.6f",
                   header="time_s,acc_x_g,acc_y_g,acc_z_g,gyr_x_dps,gyr_y_dps,gyr_z_dps", comments="")
        files[pl.value] = path
    return SimulatedTest(files, truth, float(sim.duration_s), tmp)


def truth_summary(test: str, truth: Any) -> dict[str, Any]:
    """The simulator's truth in the result's terms (reps, time_s, best ROM, steps)."""
    from ..sim import assessments as simtests

    if test == "chair-stand-30s":
        return {"reps": simtests.stands_in_30s(truth)}
    if test == "five-times-sit-to-stand":
        ups = truth.stand_ups()
        return {"reps": len(ups), "time_s": round(ups[4][1] - ups[0][0], 2) if len(ups) >= 5 else None}
    if test == "tug":
        ph = truth.phases
        return {"time_s": round(ph["sit_down"][1] - ph["stand_up"][0], 2)}
    if test == "trunk-rom":
        return {k: round(max(v), 1) for k, v in truth.rom_deg.items() if v}
    return {"steps": truth.steps}


def simulated_specs(families: list[str], sim: SimulatedTest) -> list[str]:
    """``--simulate FAMILY=placement`` values with the scripted test's CSV for each placement."""
    out = []
    for spec in families:
        body, _, placement = spec.partition("=")
        family = body.partition(":")[0].strip()
        if not placement.strip():
            raise ValueError(f"--simulate {spec!r}: give the placement, e.g. {family or 'polar'}=pelvis")
        from ..core.types import Placement

        pl = Placement.parse(placement).value
        out.append(f"{family}:{sim.files[pl]}={pl}")
    return out


# ------------------------------------------------------------------------------ the record
def score(result: AssessmentResult) -> float | None:
    """The number a reference compares: stands for a counting test, seconds for a timed one."""
    from ..assessments import TESTS

    kind = TESTS[result.test].kind
    return None if kind not in ("count", "timed") else (result.reps if kind == "count" else result.time_s)



NOTHING_MEASURED = QT_TR_NOOP("nothing was measured (see the flags): not stored in the record")
NOT_SCORED = QT_TR_NOOP("nothing was measured (see the flags): not scored")  # the same without --patient


class ImplausibleResult(WordedError):
    """A measured figure outside the record's plausible range (``record.measures``: a TUG of
    0-300 s): the test's start or end was not found where the patient did it. HAPT user07's
    5.5-min recording scored as a 329.76-s TUG, printed as a valid score; the record then
    refused it with "tug_time_s=329.76: outside 0..300". :meth:`text` names the measure in the
    command's language with its decimal sign."""

    TEMPLATE = QT_TR_NOOP("{measure} {value} is outside the plausible range {range}: the test's start or end "
                          "was probably not found in the data; not scored")

    def __init__(self, code: str, value: float) -> None:
        self.code, self.value = code, float(value)
        super().__init__(self.TEMPLATE, code=code, value=value)

    def text(self, tr: Callable[[str], str] = str, language: str = "en") -> str:
        from ..record.measures import measure
        from ..translations import number

        m = measure(self.code)
        unit = f" {m.display_unit}".replace(" °", "°") if m.display_unit else ""

        def bound(x: float) -> str:
            return number(float(x), 0 if float(x).is_integer() else 1, language)

        span = (f"{bound(m.low)}-{bound(m.high)}" if m.low is not None and m.high is not None
                else f"≥ {bound(m.low)}" if m.low is not None else f"≤ {bound(m.high)}")
        return tr(self.template).format(measure=m.label(language), value=number(self.value, m.digits, language) + unit,
                                        range=span + unit)


def implausible(result: AssessmentResult) -> list[ImplausibleResult]:
    """The figures of ``result`` the record would refuse (outside the measure's range, or NaN),
    each as an :class:`ImplausibleResult`; empty when all are plausible."""
    from ..record.measures import measure

    out = []
    for code, value in result.measures.items():
        if not measure(code).allows(value):
            out.append(ImplausibleResult(code, value))
    return out


def without_figures(result: AssessmentResult) -> AssessmentResult:
    """A copy of ``result`` without its scored figures (reps, time, measures, the 5×STS's time to
    the fifth sit): what `oefensense assess` and the dashboard's test panel show of a result with
    an :func:`implausible` figure (its phases and flags)."""
    import dataclasses

    return dataclasses.replace(result, reps=None, time_s=None, measures={},
                               values={k: v for k, v in result.values.items() if k != "time_to_fifth_sit_s"})


def store_result(database: str | None, patient: str, result: AssessmentResult, performed: datetime,
                 age: int | None, sex: str | None, source: str) -> tuple[Any, Any | None, Any | None]:
    """Store ``result`` for ``patient``; returns (stored, previous of the same test or None,
    reference or None). Refuses a result without any measured figure (flagged tests are stored
    with their flags; an unscored one is not a result)."""
    from .patient import open_record

    if not result.measures:
        raise WordedError(NOTHING_MEASURED)
    for problem in implausible(result):  # the record refuses it too, naming only its code
        raise problem
    ref = reference(result.test, age, sex, score(result))
    details = result.to_json()
    details.update(source=source, age=age, sex=sex, reference=None if ref is None else ref.to_json())
    with open_record(database) as rec:
        earlier = [a for a in rec.assessments(patient) if a.kind == result.test]
        stored = rec.add_assessment(patient, result.test, performed, dict(result.measures), details=details)
    return stored, (earlier[-1] if earlier else None), ref


# ------------------------------------------------------------------------------ a guided run
class GuidedRun:
    """A test guided live (``devices``: ``ADDRESS=placement`` values) or on simulated wearables
    doing the simulator's scripted test (``simulate``: ``FAMILY=placement`` values). Non-blocking:
    ``start()``, the countdown once ``streaming`` (``raise_if_failed()`` meanwhile), then ``go()`` at its end, ``poll()`` about twice a second (the live
    result so far; ``finished`` once the protocol ended and settled), ``finish()`` for the final
    result. The CLI and the dashboard drive it the same way."""

    def __init__(self, test: str, options: dict[str, Any] | None = None, *, simulate: list[str] = (),
                 devices: list[str] = (), speed: float = 1.0, movement_speed: float = 1.0, seed: int = 0) -> None:
        if bool(simulate) == bool(devices):
            raise RunInputError(RunInputError.NO_SENSORS)
        self.test = test
        self.options = {k: v for k, v in (options or {}).items() if v is not None}
        self.tester = make_test(test, **self.options)
        self.simulate, self.devices = list(simulate), list(devices)
        # the sensors, checked here in words (the panel and `assess` say them in the user's
        # language): a bad FAMILY=placement or ADDRESS=placement fails before the instructions
        # and the countdown
        self._sim_placements = [s.partition("=")[2].strip() for s in self.simulate]
        for spec, placement in zip(self.simulate, self._sim_placements):
            if not placement or not spec.partition("=")[0].strip():
                raise RunInputError(RunInputError.SIMULATED_SPEC, spec=spec)
            _check_placement(spec, placement)
        for spec in self.devices:
            address, _, placement = spec.partition("=")
            if not address.partition("@")[0].strip():
                raise RunInputError(RunInputError.DEVICE_SPEC, spec=spec)
            if placement.strip():
                _check_placement(spec, placement)
        self.speed, self.movement_speed, self.seed = speed, movement_speed, seed
        self.collector = FrameCollector()
        self.sim: SimulatedTest | None = None
        self.engine: Any = None
        self.go_s: float | None = None
        self.stop_s: float | None = None  # where the test's data ends (s since the first sample), once settled
        self.finished = False
        self.result: AssessmentResult | None = None

    @property
    def source(self) -> str:
        return "simulated" if self.simulate else "live"

    def start(self) -> "GuidedRun":
        from ..pipeline import PipelineSettings
        from ..runtime import EngineThread

        if self.simulate:
            from ..ble.live import simulated_source

            self.sim = simulate_test(self.test, self._sim_placements, speed=self.movement_speed, seed=self.seed,
                                     minutes=float(self.options.get("minutes", 2.0)))
            specs, duration = simulated_specs(self.simulate, self.sim), self.sim.duration_s

            # not looped: past its script the simulated person stays seated (still), where a
            # looped recording stood up again into the script's walk, a jump that read as a
            # sit-down ("sit-down 31.6-33.6 s", a 33.6-s TUG of 22.1 s, whenever a poll fell
            # after the script's end before the run had stopped)
            def factory():  # noqa: ANN202 - called on the engine thread
                return simulated_source(specs, speed=self.speed, duration_s=duration + 5.0, loop=False)[0]
        else:
            from ..ble.live import live_source

            devices = self.devices

            def factory():  # noqa: ANN202
                return live_source(devices)
        self.engine = EngineThread(factory, PipelineSettings(stages=()), [self.collector]).start()
        return self

    @property
    def streaming(self) -> bool:
        """Whether the sensors deliver data: the countdown waits for it, so a sensor that is not
        found (a scan takes up to 10 s) fails before a word of countdown, not after "go"."""
        return self.collector.has_data()

    def raise_if_failed(self) -> None:
        """Raise the engine's error (a sensor not found, no adapter) as soon as it stopped on one,
        so the countdown does not say "go" to a patient when nothing is measured."""
        if self.engine is not None and not self.engine.running and self.engine.error is not None:
            self.finish()  # stops what is left and raises the error

    def go(self) -> None:
        """The countdown's "go": live, the test starts now (data time); a simulated person
        follows its script, whose start is found in the signal."""
        if not self.simulate:
            frame, _ = self.collector.snapshot()
            self.go_s = 0.0 if frame is None else (len(frame) - 1) / float(frame.rate_hz)

    def poll(self) -> AssessmentResult | None:
        """The live result so far (None before data arrives); sets ``finished`` and, once the
        protocol is done and settled, ``stop_s``: where the test's data ends (data time)."""
        frame, gaps = self.collector.snapshot(self.stop_s)
        if self.engine is not None and not self.engine.running:
            self.finished = True
        if frame is None or len(frame) < 10:
            return None
        res = self.tester.analyse(frame, RunContext(go_s=self.go_s, final=False, gaps_s=gaps, guided=True))
        data_t = (len(frame) - 1) / float(frame.rate_hz)
        if self.stop_s is not None:
            self.finished = True
        elif res.done and res.start_s is not None and settled(res, frame, data_t):
            # polled every 0.5 s of wall time: at --speed 50 that is 25 s of data, in which
            # a simulated person (or a patient) goes on moving. The test ends where it
            # settled in data time, not where the poll came
            stop = stop_time(res, frame)
            if self._scored_until(stop) is not None:
                self.finished = True
                self.stop_s = stop
                frame, gaps = self.collector.snapshot(self.stop_s)
                res = self.tester.analyse(frame, RunContext(go_s=self.go_s, final=False, gaps_s=gaps, guided=True))
        self.result = res
        return res

    def _scored_until(self, stop_s: float) -> AssessmentResult | None:
        """The final result on the data up to ``stop_s`` (s since the first sample) if it is
        done (the protocol's end lies in that data), else None: the run must not stop there.

        A live result is of data that ends mid-movement: the TUG at 2x slow (seeds 3 and 4)
        found a "sit-down" during the walk while the real one was under way at the data's edge,
        settled MAX_SETTLE_S later, and the run stopped there; the final score of the data up
        to that stop had no sit-down ("the data ended before the test did", 12.8 s of a 22.7-s
        TUG). Whether a poll fell in that second of data was down to wall-clock timing."""
        frame, gaps = self.collector.snapshot(stop_s)
        if frame is None:
            return None
        res = self.tester.analyse(frame, RunContext(go_s=self.go_s, final=True, gaps_s=gaps, guided=True))
        return res if res.done and res.start_s is not None else None

    def finish(self) -> AssessmentResult:
        """Stop the sensors and score all the data (the final result, with the simulator's
        truth for a simulated run)."""
        try:
            if self.engine is not None:
                self.engine.stop(timeout=30.0)
        finally:
            if self.sim is not None:
                truth = self.sim.truth
                self.sim.cleanup()
            else:
                truth = None
        if self.engine is not None and self.engine.error is not None:
            raise self.engine.error
        frame, gaps = self.collector.snapshot(self.stop_s)
        if frame is None:
            raise NothingToScore()
        res = self.tester.analyse(frame, RunContext(go_s=self.go_s, final=True, gaps_s=gaps, guided=True))
        if self.stop_s is None and res.done and res.start_s is not None:
            # the data ended (or the run was stopped) before a poll saw the test settle: at
            # --speed 50 a whole simulated test passes between two polls. Cut there only if
            # the data up to the cut still holds the protocol's end (``_scored_until``)
            stop = stop_time(res, frame)
            cut = self._scored_until(stop) if stop < (len(frame) - 1) / float(frame.rate_hz) else None
            if cut is not None:
                self.stop_s, res = stop, cut
        if truth is not None:  # what the simulated person really did, beside what was measured
            res.values["simulated_truth"] = truth_summary(self.test, truth)
        self.result = res
        return res


class RunInputError(ValueError):
    """A guided run's sensors given wrong (the panel's sensor field, ``assess --simulate`` /
    ``--device``): ``str()`` is English; :meth:`text` the sentence through a translation (the
    CLI's or the dashboard's ``tr``). It showed the English ``str()`` in the Dutch panel."""

    NO_SENSORS = QT_TR_NOOP("name the sensors: FAMILY=placement for simulated ones (polar=pelvis), "
                            "ADDRESS=placement for real ones")
    SIMULATED_SPEC = QT_TR_NOOP("{spec}: a simulated sensor is FAMILY=placement, e.g. polar=pelvis")
    DEVICE_SPEC = QT_TR_NOOP("{spec}: a sensor is ADDRESS=placement, e.g. AA:BB:CC:DD:EE:FF=pelvis")
    UNKNOWN_PLACEMENT = QT_TR_NOOP("{spec}: unknown placement {placement}; use one of: {known}")

    def __init__(self, template: str, **fields: str) -> None:
        self.template, self.fields = template, fields
        super().__init__(self.text())

    def text(self, tr: Callable[[str], str] = str) -> str:
        return tr(self.template).format(**self.fields)


def _check_placement(spec: str, placement: str) -> None:
    from ..core.types import PLACEMENT_ALIASES, Placement

    try:
        Placement.parse(placement)
    except ValueError:
        known = ", ".join(sorted({p.value for p in Placement} | set(PLACEMENT_ALIASES)))
        raise RunInputError(RunInputError.UNKNOWN_PLACEMENT, spec=spec.strip(), placement=placement.strip(),
                            known=known) from None


class NothingToScore(RunInputError):
    """The run ended before any sensor data arrived (Stop during "connecting…"): ``str()`` is
    English; :meth:`text` the sentence through a translation (the CLI's or the dashboard's ``tr``)."""

    TEMPLATE = QT_TR_NOOP("no sensor data arrived: nothing to score")

    def __init__(self) -> None:
        super().__init__(self.TEMPLATE)


def stop_time(result: AssessmentResult, frame: BodyFrame) -> float:
    """The earliest data time (s since the frame's first sample) at which :func:`settled` holds
    for a done ``result``: ``SETTLE_S`` after the protocol's end, for the chair tests and the
    TUG at the rest after it if later, or ``MAX_SETTLE_S`` after it without rest."""
    assert result.start_s is not None
    end = result.start_s + protocol_end_s(result)
    if TESTS[result.test].kind not in ("count", "timed"):
        return end + SETTLE_S
    if awaits_fifth_sit(result):
        return end + MAX_SETTLE_S
    rest = rest_after(frame, end, placement=result.placement)
    return end + MAX_SETTLE_S if rest is None or rest > end + MAX_SETTLE_S else max(end + SETTLE_S, rest)


def settled(result: AssessmentResult, frame: BodyFrame, data_t: float) -> bool:
    """Whether a run whose protocol is done (``result.done``) may stop at ``data_t`` (s since
    the frame's first sample): ``SETTLE_S`` after the protocol's end, and for the chair tests and
    the TUG once the patient is at rest after it too, or ``MAX_SETTLE_S`` after it without rest
    (the final result then carries ``moving_at_end``)."""
    assert result.start_s is not None
    end = result.start_s + protocol_end_s(result)
    if data_t <= end + SETTLE_S:
        return False
    if TESTS[result.test].kind not in ("count", "timed") or data_t > end + MAX_SETTLE_S:
        return True
    if awaits_fifth_sit(result):
        return False
    return rest_after(frame, end, placement=result.placement) is not None


def awaits_fifth_sit(result: AssessmentResult) -> bool:
    """Whether a done five times sit-to-stand still waits for what it reports after the fifth
    stand: the time until seated again (``time_to_fifth_sit_s``, given once the sit-down is
    found and the sensor at rest after it). The rest between standing up and sitting down is
    no end: at 2x slow (``--movement-speed 2``) the patient is still for 0.5 s there, and the
    run stopped ``SETTLE_S`` after the fifth stand, in the sit-down, which it then reported
    missing or timed to where the data ended. A patient who stays standing is waited for up to
    ``MAX_SETTLE_S``."""
    return result.test == "five-times-sit-to-stand" and "time_to_fifth_sit_s" not in result.values
