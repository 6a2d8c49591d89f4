"""Posture + transition stages: synthetic movement with known truth, chunk invariance, and a few
real recordings end to end (skipped when ../shared/data is absent)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from oefensense.analysis.base import run_stages
from oefensense.analysis.posture import POSTURES, PostureSettings, PostureStage, segments_per_second
from oefensense.analysis.sitting import SittingSettings, SittingStage
from oefensense.analysis.transitions import TransitionStage
from oefensense.core.frames import BodyFrame
from oefensense.core.types import NS_PER_S, Placement
from oefensense.analysis.models import load_model
from tests.contracts import StepContract

RATE = 50.0
DATA = Path("/work/shared/data")
MODEL = Path(__file__).resolve().parents[2] / "models" / "posture_waist" / "model.onnx"


def _tilt(deg: np.ndarray) -> np.ndarray:
    r = np.radians(deg)
    return np.column_stack([np.sin(r), np.zeros_like(r), np.cos(r)])


def thigh_trunk_frame(seed: int = 0) -> tuple[BodyFrame, list[tuple[str, float, float]]]:
    """Stand 20 s, walk 15 s, sit 60 s, lie 30 s, sit 15 s, stand 20 s (thigh + trunk, with noise
    and 1.5 s ramps between poses). Returns the frame and the truth [(posture, start_s, end_s)]."""
    plan = [("standing", 20, 5, 5), ("walking", 15, 5, 5), ("sitting", 60, 85, 10), ("lying", 30, 85, 85),
            ("sitting", 15, 85, 10), ("standing", 20, 5, 5)]  # fmt: skip
    rng = np.random.default_rng(seed)
    thigh, trunk, truth, t0 = [], [], [], 0.0
    for name, dur, th, tr in plan:
        n = int(dur * RATE)
        if thigh:  # 1.5 s ramp from the previous pose
            k = int(1.5 * RATE)
            thigh[-1][-k:] = np.linspace(thigh[-1][-k], th, k)
            trunk[-1][-k:] = np.linspace(trunk[-1][-k], tr, k)
        thigh.append(np.full(n, float(th)))
        trunk.append(np.full(n, float(tr)))
        truth.append((name, t0, t0 + dur))
        t0 += dur
    th_deg, tr_deg = np.concatenate(thigh), np.concatenate(trunk)
    n = len(th_deg)
    t = np.arange(n) / RATE
    walk = np.zeros(n)
    for name, a, b in truth:
        if name == "walking":
            sel = (t >= a) & (t < b)
            walk[sel] = 0.35 * np.sin(2 * np.pi * 1.8 * t[sel])
    acc_th = _tilt(th_deg) + rng.normal(0, 0.01, (n, 3))
    acc_th[:, 2] += walk
    acc_tr = _tilt(tr_deg) + rng.normal(0, 0.01, (n, 3))
    acc_tr[:, 2] += 0.5 * walk
    ch = {"valid": np.ones(n, bool)}
    for p, a, d in (("thigh", acc_th, th_deg), ("trunk", acc_tr, tr_deg)):
        ch[f"{p}_acc_g"] = a
        ch[f"{p}_inclination_deg"] = d
        ch[f"{p}_valid"] = np.ones(n, bool)
    t_ns = np.round(t * NS_PER_S).astype(np.int64)
    return BodyFrame(t_ns, RATE, (Placement.THIGH, Placement.TRUNK), ch), truth


def split(frame: BodyFrame, step: int) -> list[BodyFrame]:
    out = []
    for a in range(0, len(frame), step):
        s = slice(a, a + step)
        out.append(BodyFrame(frame.t_ns[s], frame.rate_hz, frame.placements,
                             {k: v[s] for k, v in frame.channels.items() if not k.startswith("posture_")}))  # fmt: skip
    return out


def run_all(frames: list[BodyFrame], settings: PostureSettings | None = None, sit: SittingSettings | None = None):
    ps, ts, ss = PostureStage(settings, model=load_model("posture")), TransitionStage(), SittingStage(sit)
    out = run_stages([ps, ts, ss], frames)
    return out.segments, out.events, ps, ts, ss


def test_thigh_trunk_synthetic_timeline_and_events() -> None:
    frame, truth = thigh_trunk_frame()
    segs, events, ps, ts, ss = run_all([frame])
    assert ps.config == "thigh+trunk"
    sec = segments_per_second(segs, 0, 160)
    want = np.full(160, "", dtype=object)
    for name, a, b in truth:
        want[int(a) + 2 : int(b) - 2] = name  # ignore 2 s around each change
    keep = want != ""
    assert np.mean(sec[keep] == want[keep]) > 0.97
    kinds = [e.type for e in events if e.type in ("stand_to_sit", "sit_to_stand", "sit_to_lie", "lie_to_sit")]
    assert kinds == ["stand_to_sit", "sit_to_lie", "lie_to_sit", "sit_to_stand"]
    sts = [e for e in events if e.type == "sit_to_stand"][0]
    assert abs(sts.end_ns / NS_PER_S - 140) < 2.0
    assert sts.fields["detected_s"] - 140 <= 2.5  # raised live, soon after the movement
    assert ts.summary()["sit_to_stand_count"] == 1
    post = ps.summary()["posture_s"]
    assert abs(post["lying"] - 30) < 3 and abs(post["sitting"] - 75) < 4


def test_trunk_only_cannot_tell_sitting_from_standing() -> None:
    frame, _ = thigh_trunk_frame()
    trunk_only = BodyFrame(frame.t_ns, RATE, (Placement.TRUNK,),
                           {k: v for k, v in frame.channels.items() if not k.startswith("thigh")})  # fmt: skip
    segs, _, ps, _, _ = run_all([trunk_only])
    assert ps.config == "trunk"
    sec = segments_per_second(segs, 0, 160)
    assert np.mean(sec[100:120] == "lying") > 0.9  # lying is seen
    assert np.mean(sec[40:90] == "upright_still") > 0.9  # sitting upright: honestly sitting or standing
    assert "sitting" not in set(sec) and "standing" not in set(sec)


def test_prolonged_sitting_raised_live_with_configurable_threshold() -> None:
    frame, _ = thigh_trunk_frame()
    frames = split(frame, 50)
    ps, ts, ss = PostureStage(), TransitionStage(), SittingStage(SittingSettings(prolonged_s=45.0))
    raised_in = None
    for i, fr in enumerate(frames):
        for st in (ps, ts, ss):
            o = st.process(fr)
            if any(e.type == "prolonged_sitting" for e in o.events):
                raised_in = fr.t_ns[-1] / NS_PER_S
    # sitting starts at ~35 s: the 45 s threshold passes at ~80 s; raised while sitting, < 3 s later
    assert raised_in is not None and 79 <= raised_in <= 83
    ss.finish()
    s = ss.summary()["sitting_bouts"]
    assert s["prolonged_count"] == 1 and s["count"] == 2 and 55 < s["longest_s"] < 65


class TestPostureStageContract(StepContract):
    def make_step(self):
        return _Chain()

    def stream(self):
        frame, _ = thigh_trunk_frame(seed=1)
        return split(frame, 400)

    def rechunk(self, blocks):
        frame = BodyFrame(np.concatenate([b.t_ns for b in blocks]), RATE, blocks[0].placements,
                          {k: np.concatenate([b[k] for b in blocks]) for k in blocks[0].channels})  # fmt: skip
        return split(frame, 37)

    def flatten(self, outputs):
        segs = [s for o in outputs for s in o.segments]
        evs = [e for o in outputs for e in o.events]
        return {
            "seg": np.array([(s.start_ns, s.end_ns, POSTURES.index(s.posture)) for s in segs]),
            "conf": np.array([s.confidence for s in segs]),
            "ev": np.array([str(e.to_json_dict()) for e in evs]),
        }


class _Chain:
    """Posture -> transitions -> sitting as one step (for the contract mixin)."""

    def __init__(self) -> None:
        self.settings = PostureSettings()
        self.stages = (PostureStage(), TransitionStage(), SittingStage())

    def process(self, frame):
        from oefensense.analysis.base import StageOutput

        out = StageOutput()
        for st in self.stages:
            o = st.process(frame)
            out.segments += o.segments
            out.events += o.events
        return out

    def finish(self):
        from oefensense.analysis.base import StageOutput

        out = StageOutput()
        for st in self.stages:
            o = st.finish()
            out.segments += o.segments
            out.events += o.events
        return out

    def reset(self) -> None:
        for st in self.stages:
            st.reset()


def test_bad_settings_and_missing_sensor() -> None:
    with pytest.raises(ValueError):
        PostureSettings(config="ankle")
    frame, _ = thigh_trunk_frame()
    with pytest.raises(ValueError, match="pelvis"):
        PostureStage(PostureSettings(config="pelvis")).process(frame)


# ---- real recordings (shipped ONNX model) ----------------------------------------------------
needs_data = pytest.mark.skipif(not DATA.is_dir() or not MODEL.exists(), reason="shared data or model absent")


@needs_data
def test_hapt_waist_streaming_equals_offline_and_sees_postures() -> None:
    from oefensense.io.body_frames import runtime_body_frame

    frame, labels = runtime_body_frame(DATA / "hapt" / "user02_exp0.waist.csv.gz")
    frame = BodyFrame(frame.t_ns[:12000], frame.rate_hz, frame.placements, {k: v[:12000] for k, v in frame.channels.items()})
    segs, events, ps, _, _ = run_all([frame])
    segs2, events2, _, _, _ = run_all(split(frame, 23))
    assert segs == segs2
    # per stage the order is fixed; across stages events interleave by chunk, so compare sorted
    key = lambda e: (e.t_ns, e.type, e.end_ns)  # noqa: E731
    assert [e.to_json_dict() for e in sorted(events, key=key)] == [e.to_json_dict() for e in sorted(events2, key=key)]
    assert ps.config == "pelvis"
    sec = segments_per_second(segs, 0, 240)
    truth = labels[(np.arange(240) * RATE).astype(int)]
    static = np.isin(truth, ["lying", "sitting", "standing"])
    assert np.mean(sec[static] == truth[static]) > 0.8
    assert {"stand_to_sit", "sit_to_stand"} <= {e.type for e in events}
    # the directed transition is reported only while in a movement (pelvis model)
    move, code = frame["posture_move"], frame["posture_code"]
    assert set(np.unique(move)) <= set(range(-1, 6)) and np.all(move[code != 4] == -1) and np.any(move >= 0)


@needs_data
def test_sisfall_chair_and_lying_trials_end_to_end() -> None:
    """Regression check on a few trials (accuracy over all trials is in benchmarks/bench_posture;
    with runtime-path frames subject SA01's chair trials are only partly right). D09 ends while
    standing up. D10 (quick sit-down): the filter flips standing -> sitting without deciding a
    transition; the sit-to-stand detector (``analysis.sit_stand``) still sees both movements."""
    from oefensense.io.body_frames import alignment_from_file, runtime_body_frame

    ref = alignment_from_file(DATA / "sisfall" / "SA02" / "D01_SA02_R01.waist.csv.gz")
    for code, want in (("D07", ["stand_to_sit", "sit_to_stand"]), ("D09", ["stand_to_sit", "sit_to_stand"]),
                       ("D10", ["stand_to_sit", "sit_to_stand"])):  # fmt: skip
        frame, _ = runtime_body_frame(DATA / "sisfall" / "SA02" / f"{code}_SA02_R01.waist.csv.gz", alignment=ref)
        _, events, _, _, _ = run_all([frame])
        assert [e.type for e in events if e.type.endswith(("_sit", "_stand"))] == want, code
    # SisFall lies down for only 3-5 s: SA01's ten sit-lie-get-up trials (D12, D13) must mostly
    # show at least 1 s of lying (over all 230 such trials the benchmark measures 95.7 %)
    ref = alignment_from_file(DATA / "sisfall" / "SA01" / "D01_SA01_R01.waist.csv.gz")
    shown = 0
    for code in ("D12", "D13"):
        for rep in range(1, 6):
            frame, _ = runtime_body_frame(DATA / "sisfall" / "SA01" / f"{code}_SA01_R0{rep}.waist.csv.gz", alignment=ref)
            segs, _, _, _, _ = run_all([frame])
            shown += sum((s.end_ns - s.start_ns) / NS_PER_S for s in segs if s.posture == "lying") >= 1.0
    assert shown >= 8


@needs_data
def test_mobifall_thigh_standing_and_walking() -> None:
    from oefensense.io.body_frames import runtime_body_frame

    for code, want in (("STD", "standing"), ("WAL", "walking")):
        frame, _ = runtime_body_frame(DATA / "mobifall" / "sub3" / f"{code}_acc_3_1.thigh.csv.gz")
        frame = BodyFrame(frame.t_ns[:6000], frame.rate_hz, frame.placements, {k: v[:6000] for k, v in frame.channels.items()})
        segs, _, ps, _, _ = run_all([frame])
        assert ps.config == "thigh"
        sec = segments_per_second(segs, 0, 119)
        assert np.mean(sec == want) >= 0.95, code
