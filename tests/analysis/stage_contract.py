"""The contract every analysis stage inherits (as device families inherit ``FamilyContract``).

A test class sets ``stage_name`` (and, for a stage outside the shipped registry, ``registry``)
and subclasses :class:`StageContract`; ``test_stage_contracts.py`` does this for every
registered stage, so a new stage gets these tests by its registry line alone. Checked:

* the class satisfies the :class:`~oefensense.core.stage.Stage` protocol (members, signatures,
  declarations), and its settings are a dataclass that round-trips through the manifest form;
* chunk invariance and ``reset`` (``StepContract``), with the stages before it in the registry
  running upstream as in the Pipeline;
* the same result live (the real ``Pipeline`` fed source items one by one) and offline (the
  whole recording as one BodyFrame through ``run_stages``);
* it raises only the event types it declares (``emits``), each declared once in
  ``oefensense.core.events`` with the fields it fills in, adds only the channels it declares
  (``adds``), and the stream exercises it (some output or a summary).

Streams: the movement simulator's lifting demo (trunk + pelvis + thigh, random mountings), the
real HAPT waist excerpt shipped with the package (pelvis model), and that excerpt with the
sensor taken off for 11 minutes in between (laid flat, device noise: the non-wear stage).
Built once per session.
"""

from __future__ import annotations

import dataclasses
import inspect
import json
from functools import cache
from typing import Any, ClassVar

import numpy as np

from oefensense.analysis.base import run_stages
from oefensense.analysis.registry import REGISTRY, StageRegistry, settings_type
from oefensense.core.events import EVENT_TYPES
from oefensense.core.frames import BodyFrame
from oefensense.core.stage import Stage, StageOutput
from oefensense.core.step import settings_from_dict, settings_to_dict
from oefensense.io.outputs import event_sort_key
from oefensense.pipeline import PipelineSettings
from oefensense.pipeline.offline import frames_of
from tests.contracts import StepContract

STREAMS = ("sim_lifting_3_sensors", "hapt_waist", "hapt_waist_taken_off")
SOURCE_EVENT_TYPES = {"gap", "marker", "clock", "sensor_not_analysed", "alignment_corrected", "alignment_unconfirmed"}  # raised by the source / pipeline, not a stage
PROTOCOL_METHODS = ("process", "process_events", "finish", "reset", "summary")
DECLARATIONS = ("reads", "adds", "emits", "reacts_to")


@cache
def source_items(stream: str) -> tuple[Any, ...]:
    """Source items (SensorInfo, then SampleBlocks) of a contract stream, in arrival order."""
    from oefensense.sources import recording_items

    if stream == "sim_lifting_3_sensors":
        from oefensense.io.csv_import import ImportedRecording
        from oefensense.sim import lifting_demo_script, simulate

        sim = simulate(lifting_demo_script(), rate_hz=50.0, seed=3)
        recs = [ImportedRecording(sim.infos[p], b, None, None) for p, b in sim.blocks.items()]  # type: ignore[arg-type]
        return tuple(recording_items(recs, chunk_s=1.0))
    if stream == "hapt_waist":
        from oefensense.sources.simulated import bundled_recording

        rec = bundled_recording()
        n = int(np.searchsorted(rec.block.t_ns, rec.block.t_ns[0] + 150 * 10**9))  # 150 s: stand, sit, lie
        return tuple(recording_items([dataclasses.replace(rec, block=rec.block.slice(0, n))], chunk_s=5.0))
    if stream == "hapt_waist_taken_off":
        from oefensense.sim.wear import desk_block, splice
        from oefensense.sources.simulated import bundled_recording

        rec = bundled_recording()
        at = np.searchsorted(rec.block.t_ns, rec.block.t_ns[0] + np.array([90, 150]) * 10**9)
        desk = desk_block(660.0, 50.0, acc_noise_g=0.003, seed=5, sensor_id=rec.block.sensor_id)
        block, _ = splice([rec.block.slice(0, int(at[0])), desk, rec.block.slice(int(at[1]), len(rec.block))], 50.0)
        return tuple(recording_items([dataclasses.replace(rec, block=block)], chunk_s=5.0))
    raise KeyError(stream)


@cache
def _frames(stream: str) -> tuple[BodyFrame, ...]:
    return tuple(frames_of(source_items(stream), PipelineSettings(stages=())))


def fresh_frames(stream: str) -> list[BodyFrame]:
    """The stream's BodyFrames with their own channel dicts (stages add channels to them)."""
    return [BodyFrame(f.t_ns, f.rate_hz, f.placements, dict(f.channels)) for f in _frames(stream)]


def rechunk(frames: list[BodyFrame], size: int) -> list[BodyFrame]:
    whole = BodyFrame.concat(frames)
    return [BodyFrame(whole.t_ns[a:a + size], whole.rate_hz, whole.placements,
                      {k: v[a:a + size] for k, v in whole.channels.items()}) for a in range(0, len(whole), size)]


def flat(segments: list, events: list) -> dict[str, np.ndarray]:
    """Comparable form: segments in order, events sorted as ``events.jsonl`` writes them."""
    evs = sorted(events, key=event_sort_key)
    return {
        "segments": np.array([json.dumps(s.to_json_dict(), sort_keys=True) for s in segments], dtype=object),
        "events": np.array([json.dumps(e.to_json_dict(), sort_keys=True, default=str) for e in evs], dtype=object),
    }


class _StageUnderTest:
    """The stage with the registry's earlier stages running upstream of it (as in the Pipeline:
    it gets the frames they pass on, later when one holds frames back); ``process``/``finish``
    return only the stage's own output (and its reactions to upstream events), and record which
    channels it added."""

    def __init__(self, registry: StageRegistry, name: str, stage_settings: dict[str, dict] | None = None) -> None:
        names = registry.names[: registry.names.index(name)]
        stage_settings = stage_settings or {}
        self.upstream = [registry.make(n, stage_settings.get(n)) for n in names]
        self.stage = registry.make(name, stage_settings.get(name))
        self.settings = self.stage.settings
        self.added: set[str] = set()
        self._input_channels: set[str] = set()  # what the frames had when they reached the stage

    def _own(self, frames: list[BodyFrame], own_finish: bool) -> StageOutput:
        out = StageOutput()
        outs = []
        for frame in frames:
            self._input_channels |= set(frame.channels)
            outs.append(self.stage.process(frame))
            self.added |= set(frame.channels) - self._input_channels
        if own_finish:
            outs.append(self.stage.finish())
        for o in outs:
            out.segments += o.segments
            out.events += o.events
            for released in o.frames or ():  # a stage that holds frames adds its channels on release
                self.added |= set(released.channels) - self._input_channels
        return out

    def _run(self, passed: list[BodyFrame], up: StageOutput, own_finish: bool) -> StageOutput:
        out = self._own(passed, own_finish)
        out = StageOutput(list(out.segments), list(out.events))
        if up.events:
            out.events += self.stage.process_events(list(up.events))
        if out.events:  # the stage's own events reach its process_events too (as in the Pipeline)
            out.events += self.stage.process_events(list(out.events))
        return out

    def process(self, frame: BodyFrame) -> StageOutput:
        from oefensense.core.stage import process_frame

        up = StageOutput()
        passed = process_frame(self.upstream, frame, up)
        return self._run(passed, up, own_finish=False)

    def finish(self) -> StageOutput:
        from oefensense.core.stage import finish_stages

        up = StageOutput()
        passed = finish_stages(self.upstream, up)
        return self._run(passed, up, own_finish=True)

    def reset(self) -> None:
        for st in [*self.upstream, self.stage]:
            st.reset()


class StageContract(StepContract):
    """Mixin: set ``stage_name`` (and ``registry`` for a stage outside the shipped one)."""

    stage_name: ClassVar[str]
    registry: ClassVar[StageRegistry] = REGISTRY
    streams: ClassVar[tuple[str, ...]] = STREAMS
    chunk: ClassVar[int] = 37  # samples per block when re-chunked (odd, so blocks straddle ticks)
    # settings the stages run with (a stage that does nothing with its defaults, e.g. cues
    # without a feedback plan, is exercised with these)
    stage_settings: ClassVar[dict[str, dict]] = {}

    # -- StepContract hooks (first stream; the other streams have their own tests below) ------
    def make_step(self) -> _StageUnderTest:
        return _StageUnderTest(self.registry, self.stage_name, self.stage_settings)

    def stream(self) -> list[BodyFrame]:
        return fresh_frames(self.streams[0])

    def rechunk(self, blocks: list[BodyFrame]) -> list[BodyFrame]:
        return rechunk(blocks, self.chunk)

    def flatten(self, outputs: list[StageOutput]) -> dict[str, np.ndarray]:
        return flat([s for o in outputs for s in o.segments], [e for o in outputs for e in o.events])

    # -- the protocol, checked on the class -----------------------------------------------------
    @property
    def stage_class(self) -> type[Stage]:
        return self.registry.classes[self.stage_name]

    def test_class_satisfies_the_stage_protocol(self) -> None:
        cls = self.stage_class
        assert cls.name == self.stage_name
        for member in PROTOCOL_METHODS:
            assert callable(getattr(cls, member, None)), f"{cls.__name__} lacks {member}()"
        params = {m: list(inspect.signature(getattr(cls, m)).parameters) for m in PROTOCOL_METHODS}
        assert len(params["process"]) == 2 and len(params["process_events"]) == 2, params
        assert all(len(params[m]) == 1 for m in ("finish", "reset", "summary")), params
        for decl in DECLARATIONS:
            value = getattr(cls, decl)
            assert isinstance(value, tuple) and all(isinstance(x, str) for x in value), (decl, value)
        assert cls.model_kind is None or isinstance(cls.model_kind, str)
        init = list(inspect.signature(cls.__init__).parameters)
        assert init[:2] == ["self", "settings"], init
        assert (cls.model_kind is not None) == ("model" in init), "a stage takes model= exactly when it declares model_kind"
        assert isinstance(self.make_step().stage, Stage)  # runtime check of the same protocol

    def test_its_event_types_are_declared(self) -> None:
        for name in self.stage_class.emits:
            assert name in EVENT_TYPES, f"{name!r}: declare it once in oefensense/core/events.py"

    def test_settings_round_trip(self) -> None:
        settings = self.make_step().settings
        assert dataclasses.is_dataclass(settings) and type(settings) is settings_type(self.stage_class)
        manifest = json.loads(json.dumps(settings_to_dict(settings)))
        assert settings_from_dict(type(settings), manifest) == settings
        assert self.registry.settings_of(self.stage_name, manifest) == settings

    # -- the same result live and offline, on every stream ----------------------------------------
    def _offline(self, stream: str) -> dict[str, np.ndarray]:
        step = self.make_step()
        frame = BodyFrame.concat(fresh_frames(stream))
        out = [step.process(frame), step.finish()]
        return self.flatten(out)

    def _live(self, stream: str) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
        names = self.registry.names[: self.registry.names.index(self.stage_name) + 1]
        pipe = self.registry.pipeline(PipelineSettings(
            stages=names, stage_settings={k: v for k, v in self.stage_settings.items() if k in names}))
        segs, evs = [], []
        for item in [*source_items(stream), None]:
            out = pipe.feed(item) if item is not None else pipe.finish()
            segs += out.segments
            evs += out.events
        # the stage's own events: everything but the upstream stages' and the source's
        others = {t for n in names[:-1] for t in self.registry.classes[n].emits} | SOURCE_EVENT_TYPES
        return flat(segs if self._emits_segments() else [], [e for e in evs if e.type not in others]), pipe.summary()

    def _emits_segments(self) -> bool:
        """The posture timeline comes from the stage that adds ``posture_code``."""
        return "posture_code" in self.stage_class.adds

    def test_same_result_live_and_offline(self) -> None:
        for stream in self.streams:
            offline = self._offline(stream)
            live, _ = self._live(stream)
            if not self._emits_segments():
                offline["segments"] = np.array([], dtype=object)
            for key in ("segments", "events"):
                np.testing.assert_array_equal(live[key], offline[key], err_msg=f"{stream}: {key}")

    def test_chunk_invariance_on_every_stream(self) -> None:
        for stream in self.streams[1:]:
            step = self.make_step()
            pieces = self.flatten([step.process(f) for f in rechunk(fresh_frames(stream), self.chunk)] + [step.finish()])
            whole = self._offline(stream)
            for key in ("segments", "events"):
                np.testing.assert_array_equal(pieces[key], whole[key], err_msg=f"{stream}: {key}")

    # -- declarations match what the stage does ---------------------------------------------------
    def test_emits_and_adds_only_what_it_declares_and_the_streams_exercise_it(self) -> None:
        exercised = False
        for stream in self.streams:
            step = self.make_step()
            initial = json.dumps(step.stage.summary(), sort_keys=True, default=str)
            outs = [step.process(f) for f in fresh_frames(stream)] + [step.finish()]
            types = {e.type for o in outs for e in o.events}
            assert types <= set(self.stage_class.emits), f"{stream}: undeclared events {types - set(self.stage_class.emits)}"
            for e in (e for o in outs for e in o.events):  # fields as declared in core/events.py
                assert set(e.fields) <= set(EVENT_TYPES[e.type].field_names), (e.type, set(e.fields))
            assert step.added <= set(self.stage_class.adds), f"{stream}: undeclared channels {step.added - set(self.stage_class.adds)}"
            exercised |= bool(types or any(o.segments for o in outs)
                              or json.dumps(step.stage.summary(), sort_keys=True, default=str) != initial)
        assert exercised, "no stream produced any output or summary from this stage: the contract would test nothing"
