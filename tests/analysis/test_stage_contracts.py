"""Every registered analysis stage runs the shared stage contract (``stage_contract.py``): one
test class per registry entry is made here, so a new stage gets its contract tests from its
registry line alone. ``test_a_new_stage_is_one_module_and_one_registry_line`` shows it with a
tiny stage registered in a test registry."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import pytest

from oefensense.analysis.base import StageBase, StageOutput
from oefensense.analysis.registry import REGISTRY, StageRegistry
from oefensense.core.frames import BodyFrame
from oefensense.core.types import Event
from oefensense.pipeline import PipelineSettings
from tests.analysis.stage_contract import StageContract

for _name in REGISTRY.names:  # one contract class per registered stage, e.g. TestLiftingStageContract
    _cls = REGISTRY.classes[_name]
    globals()[f"Test{_cls.__name__}Contract"] = type(f"Test{_cls.__name__}Contract", (StageContract,), {"stage_name": _name})


def _contract_plan() -> dict[str, dict]:
    """The cue stage cues nothing without a plan: its contract runs one that fires on the
    contract streams (sitting, lifts, bends), at once and after returning to neutral."""
    from oefensense.analysis.feedback_plan import plan_from_dict

    return plan_from_dict({"daily_cap": 3, "rules": {
        "prolonged_sitting": {"after_s": 5, "repeat_s": 5},
        "stoop_lift": {"over_deg": 20, "when": "after_neutral", "cue": "beep"},
        "long_static_bend": {"after_s": 4, "cue": "message"},
        "twist_while_flexed": {"over_deg": 5, "when": "after_neutral"}}}).stage_settings()


TestCueStageContract.stage_settings = _contract_plan()  # type: ignore[name-defined]  # noqa: F821


# -- a new stage: this module part is all it takes (plus the registry line below) -------------
@dataclass(frozen=True)
class LongSitSettings:
    """``min_s``: a sitting run of at least this long (s) raises ``long_sit``."""

    min_s: float = 10.0


class LongSitStage(StageBase):
    """Raises ``long_sit`` when the posture stage's ``posture_code`` says sitting for ``min_s``."""

    name = "long_sit"
    reads = ("posture_code",)
    emits = ("long_sit",)

    def __init__(self, settings: LongSitSettings | None = None) -> None:
        self.settings = settings or LongSitSettings()
        self.reset()

    def reset(self) -> None:
        self._since: int | None = None
        self._raised = False
        self._count = 0

    def process(self, frame: BodyFrame) -> StageOutput:
        out = StageOutput()
        if not frame.has("posture_code"):
            return out
        sitting = np.asarray(frame["posture_code"]) == 1
        for t, sit in zip(frame.t_ns.tolist(), sitting.tolist()):
            if not sit:
                self._since, self._raised = None, False
            elif self._since is None:
                self._since = t
            elif not self._raised and t - self._since >= self.settings.min_s * 1e9:
                self._raised = True
                self._count += 1
                out.events.append(Event("long_sit", self._since, t, {"min_s": self.settings.min_s}))
        return out

    def summary(self) -> dict[str, Any]:
        return {"long_sits": self._count}


TEST_REGISTRY = REGISTRY.with_stage(LongSitStage, after="sitting")  # the one registry line


@pytest.fixture(autouse=True)
def _long_sit_declared(monkeypatch: pytest.MonkeyPatch) -> None:
    """A real new stage would also declare its event type once in core/events.py."""
    from oefensense.core.events import EVENT_TYPES, EventField, EventType

    monkeypatch.setitem(EVENT_TYPES, "long_sit", EventType(
        "long_sit", "Lang gezeten", "Long sit", "notice", "sitting", (EventField("min_s", "s", "grens", "threshold"),),
        text_nl="Langer dan {min_s:.0f} s gezeten", text_en="Sat for over {min_s:.0f} s"))


class TestLongSitStageContract(StageContract):
    stage_name = "long_sit"
    registry: ClassVar[StageRegistry] = TEST_REGISTRY


def test_a_new_stage_is_one_module_and_one_registry_line() -> None:
    assert TEST_REGISTRY.names == ("non_wear", "posture", "transitions", "sitting", "long_sit", "lifting", "exposure", "feedback",
                                   "cues")
    pipe = TEST_REGISTRY.pipeline(PipelineSettings(stage_settings={"long_sit": {"min_s": 10.0}}))
    assert pipe.settings.stages == TEST_REGISTRY.names
    from tests.analysis.stage_contract import source_items

    events = []
    for item in source_items("hapt_waist"):
        events += pipe.feed(item).events
    events += pipe.finish().events
    assert [e.type for e in events].count("long_sit") == pipe.summary()["long_sits"] >= 1
    assert "long_sit" not in REGISTRY.names  # the shipped registry is untouched


def test_every_registered_stage_has_its_contract_class() -> None:
    made = {v.stage_name for v in globals().values() if isinstance(v, type) and issubclass(v, StageContract)
            and v is not StageContract and v.registry is REGISTRY}
    assert made == set(REGISTRY.names)


def test_the_registry_refuses_a_wrong_order_and_unknown_names() -> None:
    with pytest.raises(ValueError, match="reads 'posture_code', which stage 'posture' adds later"):
        StageRegistry([LongSitStage, *REGISTRY.classes.values()])
    with pytest.raises(ValueError, match="unknown analysis stage 'nope'"):
        REGISTRY.resolve(PipelineSettings(stages=("posture", "nope")))
    with pytest.raises(ValueError, match="reads 'posture_code'"):
        REGISTRY.resolve(PipelineSettings(stages=("sitting", "posture")))
    with pytest.raises(ValueError, match=r"unknown SittingSettings settings: \['nope'\]"):
        REGISTRY.resolve(PipelineSettings(stage_settings={"sitting": {"nope": 1}}))


def test_a_pipeline_is_handed_its_stages() -> None:
    from oefensense.pipeline import Pipeline

    with pytest.raises(ValueError, match="handed its analysis stages"):
        Pipeline(PipelineSettings())
    with pytest.raises(ValueError, match="was handed"):
        Pipeline(PipelineSettings(stages=("posture",)), [])
    assert Pipeline(PipelineSettings(stages=())).settings.stages == ()


class _ChunkDependentStage(LongSitStage):
    """Wrong on purpose: one event per block (depends on chunking) of a type it does not declare."""

    name = "chunky"

    def process(self, frame: BodyFrame) -> StageOutput:
        return StageOutput([], [Event("block_seen", int(frame.t_ns[0]), int(frame.t_ns[-1]))])


def test_the_contract_catches_a_stage_that_breaks_it() -> None:
    bad = type("BadContract", (StageContract,), {"stage_name": "chunky",
                                                  "registry": REGISTRY.with_stage(_ChunkDependentStage)})()
    for test in (bad.test_chunk_invariance, bad.test_same_result_live_and_offline,
                 bad.test_emits_and_adds_only_what_it_declares_and_the_streams_exercise_it):
        with pytest.raises(AssertionError):
            test()
