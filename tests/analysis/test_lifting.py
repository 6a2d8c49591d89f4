"""LiftingStage: synthetic lifts with known angles, chunk invariance, latency, real SisFall files."""

from __future__ import annotations

import json

import numpy as np
import pytest

from oefensense.analysis.base import StageOutput
from oefensense.analysis.lifting import LiftingSettings, LiftingStage
from oefensense.features.lifting_features import FEATURE_NAMES
from oefensense.analysis.lifting_model import LiftModel, OnnxLiftModel
from oefensense.analysis.models import ModelPathError, load_model
from oefensense.analysis.registry import build_pipeline, make_stage
from oefensense.core.frames import BodyFrame
from oefensense.core.types import NS_PER_S, Placement

RATE = 50.0
MODEL = load_model("lifting")  # the shipped episode model, as the registry passes it


def _bump(t: np.ndarray, t0: float, down: float, hold: float, up: float) -> np.ndarray:
    """0 → 1 → 0 with smooth (cosine) ramps: down s, hold s, up s, starting at t0."""
    u = np.zeros_like(t)
    a = (t >= t0) & (t < t0 + down)
    u[a] = 0.5 - 0.5 * np.cos(np.pi * (t[a] - t0) / down)
    u[(t >= t0 + down) & (t < t0 + down + hold)] = 1.0
    b = (t >= t0 + down + hold) & (t < t0 + down + hold + up)
    u[b] = 0.5 + 0.5 * np.cos(np.pi * (t[b] - t0 - down - hold) / up)
    return u


def synthetic_frame(lifts: list[tuple[float, float, float, float]], duration_s: float, twist: list[float] | None = None) -> BodyFrame:
    """Pelvis + trunk + thigh channels for lifts (start_s, trunk_deg, pelvis_deg, thigh_deg).

    The pelvis accelerometer sees gravity for its tilt plus a small vertical dip (hips lower);
    the gyro the tilt rate. Enough for the stage's geometry; technique comes from the thigh.
    """
    n = int(duration_s * RATE)
    t = np.arange(n) / RATE
    trunk = np.zeros(n)
    pelvis = np.zeros(n)
    thigh = np.zeros(n)
    tw = np.zeros(n)
    for k, (t0, tr, pe, th) in enumerate(lifts):
        u = _bump(t, t0, 1.2, 1.0, 1.2)
        trunk += tr * u
        pelvis += pe * u
        thigh += th * u
        if twist:
            tw += twist[k] * u
    th_r = np.radians(pelvis)
    acc = np.column_stack([-np.sin(th_r), np.zeros(n), np.cos(th_r)])
    gyr = np.column_stack([np.zeros(n), np.gradient(pelvis, 1 / RATE), np.zeros(n)])
    ch = {
        "pelvis_acc_g": acc,
        "pelvis_gyr_dps": gyr,
        "pelvis_flexion_deg": pelvis,
        "pelvis_lateral_deg": np.zeros(n),
        "pelvis_inclination_deg": np.abs(pelvis),
        "pelvis_valid": np.ones(n, bool),
        "trunk_flexion_deg": trunk,
        "trunk_twist_deg": tw,
        "thigh_inclination_deg": thigh,
        "valid": np.ones(n, bool),
    }
    t_ns = np.round(t * NS_PER_S).astype(np.int64)
    return BodyFrame(t_ns, RATE, (Placement.PELVIS, Placement.TRUNK, Placement.THIGH), ch)


def split(frame: BodyFrame, cuts: list[int]) -> list[BodyFrame]:
    edges = [0, *cuts, len(frame)]
    return [
        BodyFrame(frame.t_ns[a:b], frame.rate_hz, frame.placements, {k: v[a:b] for k, v in frame.channels.items()})
        for a, b in zip(edges[:-1], edges[1:])
        if b > a
    ]


def run(frames: list[BodyFrame], stage: LiftingStage | None = None) -> list:
    st = stage or LiftingStage(model=MODEL)
    ev = []
    for f in frames:
        out = st.process(f)
        assert isinstance(out, StageOutput)
        ev += out.events
    return ev + st.finish().events


LIFTS = [(3.0, 40.0, 22.0, 85.0), (10.0, 60.0, 35.0, 45.0), (17.0, 80.0, 50.0, 10.0)]  # squat, semi, stoop


def test_thigh_sensor_gives_peak_flexion_index_order_and_technique():
    frame = synthetic_frame(LIFTS, 25.0, twist=[0.0, 25.0, 5.0])
    ev = run([frame])
    assert [e.type for e in ev] == ["lift"] * 3
    peaks = [e.fields["peak_trunk_flexion_deg"] for e in ev]
    assert peaks == pytest.approx([40.0, 60.0, 80.0], abs=0.2)
    idx = [e.fields["stoop_squat_index"] for e in ev]
    assert idx[0] < idx[1] < idx[2]
    assert idx[0] == pytest.approx(100 * 40 / 125, abs=0.2)
    assert [e.fields["technique"] for e in ev] == ["squat", "mixed", "stoop"]
    assert all(e.fields["index_source"] == "thigh" for e in ev)
    # twist counted only while flexed (≥ 20°); a 25° twist at the bottom of the 2nd lift
    assert ev[1].fields["peak_twist_deg"] == pytest.approx(25.0, abs=0.5)
    for e, (t0, *_rest) in zip(ev, LIFTS):
        d = e.to_json_dict()
        assert d["t_s"] <= t0 + 0.3 and d["end_s"] >= t0 + 3.2 - 0.3
        assert d["duration_s"] == pytest.approx(d["end_s"] - d["t_s"], abs=0.02)
    assert LiftingStage(model=MODEL).summary()["lifts"]["count"] == 0


def test_summary_counts_and_reset():
    st = LiftingStage(model=MODEL)
    run([synthetic_frame(LIFTS, 25.0)], st)
    assert st.summary() == {"lifts": {"count": 3, "squat": 1, "stoop": 1, "mixed": 1, "undetermined": 0}}
    st.reset()
    assert st.summary()["lifts"]["count"] == 0


@pytest.mark.parametrize("seed", [0, 1])
def test_chunk_invariant(seed):
    frame = synthetic_frame(LIFTS, 25.0, twist=[10.0, 30.0, 0.0])
    whole = [e.to_json_dict() for e in run([frame])]
    rng = np.random.default_rng(seed)
    cuts = sorted(set(rng.integers(1, len(frame) - 1, size=40).tolist()))
    chunked = [e.to_json_dict() for e in run(split(frame, cuts))]
    assert whole == chunked and len(whole) == 3


class _CountingModel:
    """The shipped model, counting its calls and the rows of each."""

    def __init__(self, model) -> None:
        self.model, self.calls = model, []
        self.features, self.classes, self.mean = model.features, model.classes, model.mean

    def proba(self, x):
        self.calls.append(len(x))
        return self.model.proba(x)


def test_one_model_call_per_block_with_the_same_results_as_one_per_episode():
    frame = synthetic_frame(LIFTS, 25.0, twist=[10.0, 30.0, 0.0])
    batched = LiftingStage(model=_CountingModel(MODEL))
    whole = [e.to_json_dict() for e in run([frame], batched)]
    assert batched.model.calls == [3]  # three episodes, one call
    # 25 one-second blocks: an episode is rated in the block it ends in, alone there
    single = LiftingStage(model=_CountingModel(MODEL))
    pieces = [e.to_json_dict() for e in run(split(frame, list(range(50, len(frame), 50))), single)]
    assert single.model.calls == [1, 1, 1]
    assert whole == pieces and len(whole) == 3
    assert [c["p_lift"] for c in batched.candidates] == [c["p_lift"] for c in single.candidates]


def test_event_final_within_one_second_of_lift_end():
    frame = synthetic_frame(LIFTS[:1], 12.0)
    st = LiftingStage(model=MODEL)
    seen_at = None
    for i, f in enumerate(split(frame, list(range(1, len(frame))))):  # one sample per block
        ev = st.process(f).events
        if ev:
            seen_at = int(f.t_ns[0])
            end_ns = ev[0].end_ns
            break
    assert seen_at is not None, "no lift became final while streaming"
    assert 0 <= seen_at - end_ns <= 1.0 * NS_PER_S
    truth_end_s = 3.0 + 3.4
    assert seen_at / NS_PER_S - truth_end_s <= 1.0


def test_no_lift_while_upright_and_invalid_samples_do_not_crash():
    frame = synthetic_frame([], 20.0)
    ch = dict(frame.channels)
    ch["pelvis_valid"] = ch["pelvis_valid"].copy()
    ch["pelvis_valid"][100:200] = False
    ch["pelvis_inclination_deg"] = ch["pelvis_inclination_deg"].copy()
    ch["pelvis_inclination_deg"][100:200] = np.nan
    assert run([BodyFrame(frame.t_ns, RATE, frame.placements, ch)]) == []


def test_without_pelvis_or_trunk_sensor_there_are_no_lifts():
    # a thigh-only recording (common for sitting studies) runs through the whole pipeline
    n = 10
    t = np.arange(n, dtype=np.int64) * int(1e9 / RATE)
    f = BodyFrame(t, RATE, (Placement.THIGH,), {"thigh_inclination_deg": np.linspace(0, 90, n)})
    stage = LiftingStage(model=MODEL)
    assert stage.process(f).events == [] and stage.finish().events == []
    assert stage.summary()["lifts"]["count"] == 0


def test_shipped_model_loads_and_covers_the_features():
    model = load_model("lifting")
    assert isinstance(model, OnnxLiftModel)  # gradient-boosted trees run by onnxruntime
    assert model.features == FEATURE_NAMES and model.classes == ("none", "squat", "stoop")
    p = model.proba(np.vstack([model.mean, model.mean + 1.0]))
    assert p.shape == (2, 3) and p.sum(axis=1) == pytest.approx([1.0, 1.0])
    assert model.meta["subjects"] == 23 and "HistGradientBoostingClassifier" in model.meta["model"]
    assert load_model("lifting") is model  # one onnxruntime session per file


def test_logistic_json_model_still_loads(tmp_path):
    """A JSON (logistic) model, loaded by the caller and passed in, is used instead of the shipped
    trees; as a ``model_path`` setting it is refused (settings name bundled models only)."""
    k = len(FEATURE_NAMES)
    coef = np.zeros((3, k))
    m = LiftModel(FEATURE_NAMES, np.zeros(k), np.ones(k), coef, np.array([0.0, 5.0, 0.0]))
    path = tmp_path / "lr.json"
    path.write_text(json.dumps(m.to_dict()))
    stage = LiftingStage(model=LiftModel.load(path))
    assert isinstance(stage.model, LiftModel)
    assert stage.model.proba(np.zeros((1, k)))[0].argmax() == 1
    with pytest.raises(ModelPathError, match="not a model bundled"):
        make_stage("lifting", {"model_path": str(path)})


def test_settings_are_a_dataclass_round_trip():
    from oefensense.core.step import settings_from_dict, settings_to_dict

    s = LiftingSettings(enter_deg=15.0)
    assert settings_from_dict(LiftingSettings, settings_to_dict(s)) == s


# ---------------------------------------------------------------- real recordings (SisFall)
@pytest.fixture(scope="module")
def sa05(shared_data):
    from oefensense.io.body_frames import concat_frames, frames_from_file

    d = shared_data / "sisfall" / "SA05"
    if not d.is_dir():
        pytest.skip("SisFall not available")
    return {code: concat_frames(frames_from_file(d / f"{code}_SA05_R01.waist.csv.gz")) for code in ("D15", "D16")}


def test_real_sisfall_sa05_stoop_and_squat(sa05):
    """The issue's done-criterion at stage level: D16 → one stoop lift, D15 → one squat lift."""
    for code, want in (("D16", "stoop"), ("D15", "squat")):
        ev = run([sa05[code]])
        assert len(ev) == 1, (code, [e.to_json_dict() for e in ev])
        assert ev[0].fields["technique"] == want
        assert ev[0].fields["peak_twist_deg"] is None  # one sensor: twist unknown
        assert ev[0].fields["index_source"] == "waist_model"
    assert run([sa05["D16"]])[0].fields["stoop_squat_index"] > run([sa05["D15"]])[0].fields["stoop_squat_index"]


def test_real_sisfall_chunk_invariant(sa05):
    frame = sa05["D16"]
    whole = [e.to_json_dict() for e in run([frame])]
    chunked = [e.to_json_dict() for e in run(split(frame, list(range(7, len(frame), 7))))]
    assert whole == chunked


def test_real_file_through_the_pipeline_gives_events_alerts_and_summary(shared_data):
    """LiftingStage + ExposureStage + FeedbackStage in the project's Pipeline on SA05 D16."""
    from oefensense.io.csv_import import read_csv
    from oefensense.pipeline.pipeline import PipelineSettings

    path = shared_data / "sisfall" / "SA05" / "D16_SA05_R01.waist.csv.gz"
    if not path.exists():
        pytest.skip("SisFall not available")
    rec = read_csv(path)
    pipe = build_pipeline(PipelineSettings(stages=("lifting", "exposure", "feedback")))
    out = pipe.feed(rec.info)
    out.extend(pipe.feed(rec.block))
    out.extend(pipe.finish())
    lifts = [e for e in out.events if e.type == "lift"]
    assert len(lifts) == 1 and lifts[0].fields["technique"] == "stoop"
    alerts = [e for e in out.events if e.type == "technique_alert"]
    if lifts[0].fields["peak_trunk_flexion_deg"] > 60:
        assert [a.fields["rule"] for a in alerts] == ["stoop_over_60"]
    s = pipe.summary()
    assert s["lifts"] == {"count": 1, "squat": 0, "stoop": 1, "mixed": 0, "undetermined": 0}
    assert set(s["trunk_zones_s"]) == {"0-20", "20-60", ">60"}
    assert sum(s["trunk_zones_s"].values()) == pytest.approx(12.0, abs=0.1)
    assert s["trunk_zones_s"][">60"] > 0


def test_long_bend_or_lying_is_not_a_lift():
    """An excursion longer than max_excursion_s (20 s: lying, sustained bending) is dropped, and
    the stage does not re-trigger until the segment is upright again; a later lift still counts."""
    n = int(60 * RATE)
    t = np.arange(n) / RATE
    long_bend = 80.0 * _bump(t, 2.0, 1.5, 30.0, 1.5)
    frame = synthetic_frame([(45.0, 80.0, 50.0, 10.0)], 60.0)
    ch = dict(frame.channels)
    for k in ("pelvis_flexion_deg", "pelvis_inclination_deg", "trunk_flexion_deg"):
        ch[k] = ch[k] + long_bend
    ev = run([BodyFrame(frame.t_ns, RATE, frame.placements, ch)])
    assert len(ev) == 1 and ev[0].t_ns / NS_PER_S > 40.0


def test_use_posture_rejects_episodes_the_posture_stage_calls_lying():
    frame = synthetic_frame(LIFTS, 25.0)
    ch = dict(frame.channels)
    code = np.full(len(frame), 2, np.int8)  # standing
    code[int(17.5 * RATE) : int(19.5 * RATE)] = 0  # "lying" during the third (stoop) lift
    ch["posture_code"] = code
    f = BodyFrame(frame.t_ns, RATE, frame.placements, ch)
    assert len(run([f], LiftingStage(LiftingSettings(use_posture=False), model=MODEL))) == 3
    assert len(run([f])) == 3  # default: only lying for more than 3 s drops a lift; this is 2 s
    ev = run([f], LiftingStage(LiftingSettings(posture_lying_s=0.0), model=MODEL))
    assert [e.fields["technique"] for e in ev] == ["squat", "mixed"]


def test_posture_lying_seconds_threshold():
    """``posture_lying_s``: a lift with 2 s of "lying" is kept when the threshold is 3 s, dropped at 1 s."""
    frame = synthetic_frame(LIFTS, 25.0)
    ch = dict(frame.channels)
    code = np.full(len(frame), 2, np.int8)
    code[int(17.5 * RATE) : int(19.5 * RATE)] = 0
    ch["posture_code"] = code
    f = BodyFrame(frame.t_ns, RATE, frame.placements, ch)
    keep = run([f], LiftingStage(LiftingSettings(use_posture=True, posture_lying_s=3.0), model=MODEL))
    drop = run([f], LiftingStage(LiftingSettings(use_posture=True, posture_lying_s=1.0), model=MODEL))
    assert len(keep) == 3 and len(drop) == 2
    code[int(14.0 * RATE) : int(24.0 * RATE)] = 0  # lying through the whole ~3.4 s episode: dropped
    assert len(run([BodyFrame(frame.t_ns, RATE, frame.placements, {**ch, "posture_code": code})])) == 2


def test_posture_sitting_rule_drops_two_part_episodes_sat_in_the_low_phase():
    """Optional sitting rule: a two-part episode whose low phase the posture stage calls sitting."""
    n = int(20 * RATE)
    t = np.arange(n) / RATE
    # the hips come to rest on the seat (≥ zupt_min_s still) before the pelvis tilts back
    down, up = _bump(t, 3.0, 1.2, 0.8, 1.2), _bump(t, 8.0, 1.2, 0.0, 1.2)
    frames = {}
    for sit in (False, True):
        f = _hip_drop_frame(0.2)
        pelvis = 25.0 * (down + up)
        # hips 0.4 m down with the first tilt (3-4.2 s), back up with the second (8-9.2 s)
        h = -0.4 * _bump(t, 3.0, 1.2, 3.8, 1.2)
        hdd = np.gradient(np.gradient(h, 1 / RATE), 1 / RATE) / 9.80665
        r = np.radians(pelvis)
        upv = np.column_stack([-np.sin(r), np.zeros(n), np.cos(r)])
        code = np.full(n, 2, np.int8)
        if sit:
            code[int(5.5 * RATE) : int(8.0 * RATE)] = 1
        frames[sit] = BodyFrame(np.round(t * NS_PER_S).astype(np.int64), RATE, f.placements, {
            "pelvis_acc_g": upv * (1.0 + hdd)[:, None],
            "pelvis_gyr_dps": np.column_stack([np.zeros(n), np.gradient(pelvis, 1 / RATE), np.zeros(n)]),
            "pelvis_flexion_deg": pelvis, "pelvis_lateral_deg": np.zeros(n), "pelvis_inclination_deg": pelvis,
            "valid": np.ones(n, bool), "posture_code": code})
    rule = LiftingSettings(posture_guard_sitting=True)
    for sit in (False, True):
        st = LiftingStage(rule, model=None)
        ev = run([frames[sit]], st)
        two = [c for c in st.candidates if c["features"]["two_part"] == 1.0]
        assert len(two) == 1, st.candidates
        assert two[0]["sat"] is sit
        assert len(ev) == (0 if sit else 1)


def _hip_drop_frame(hold_s: float) -> BodyFrame:
    """Pelvis only: tilt 25° and hips 0.4 m lower for ``hold_s`` (a squat turns round, a sit rests)."""
    n = int(16 * RATE)
    t = np.arange(n) / RATE
    u = _bump(t, 3.0, 1.0, hold_s, 1.0)
    pelvis = 25.0 * u
    hdd = np.gradient(np.gradient(-0.4 * u, 1 / RATE), 1 / RATE) / 9.80665  # vertical acc (g)
    r = np.radians(pelvis)
    up = np.column_stack([-np.sin(r), np.zeros(n), np.cos(r)])
    ch = {
        "pelvis_acc_g": up * (1.0 + hdd)[:, None],
        "pelvis_gyr_dps": np.column_stack([np.zeros(n), np.gradient(pelvis, 1 / RATE), np.zeros(n)]),
        "pelvis_flexion_deg": pelvis,
        "pelvis_lateral_deg": np.zeros(n),
        "pelvis_inclination_deg": pelvis,
        "valid": np.ones(n, bool),
    }
    return BodyFrame(np.round(t * NS_PER_S).astype(np.int64), RATE, (Placement.PELVIS,), ch)


def test_low_plateau_feature_measures_how_long_the_hips_stay_low():
    feats = {}
    for hold in (0.2, 4.0):
        st = LiftingStage(model=MODEL)
        run([_hip_drop_frame(hold)], st)
        assert len(st.candidates) == 1
        feats[hold] = st.candidates[0]["features"]
    assert feats[0.2]["low_plateau_s"] < 1.5
    assert feats[4.0]["low_plateau_s"] - feats[0.2]["low_plateau_s"] == pytest.approx(3.8, abs=0.5)
    assert min(feats[4.0][f"shape_disp_{k:02d}"] for k in range(12)) == pytest.approx(-0.4, abs=0.08)


def _pelvis_frame(pelvis_deg: np.ndarray, hip_m: np.ndarray, gyr_dps: np.ndarray | None = None,
                  misalign_deg: float = 0.0) -> BodyFrame:
    """Pelvis only: forward tilt (deg) and hip height (m) per sample; ``misalign_deg`` rotates the
    segment's up-vector sideways (a chain alignment that is off), ``gyr_dps`` the gyro y-axis."""
    n = pelvis_deg.shape[0]
    t = np.arange(n) / RATE
    r = np.radians(pelvis_deg)
    up = np.column_stack([-np.sin(r), np.zeros(n), np.cos(r)])
    m = np.radians(misalign_deg)
    up = up @ np.array([[1, 0, 0], [0, np.cos(m), -np.sin(m)], [0, np.sin(m), np.cos(m)]]).T
    hdd = np.gradient(np.gradient(hip_m, 1 / RATE), 1 / RATE) / 9.80665
    gyr = np.gradient(pelvis_deg, 1 / RATE) if gyr_dps is None else gyr_dps
    return BodyFrame(np.round(t * NS_PER_S).astype(np.int64), RATE, (Placement.PELVIS,), {
        "pelvis_acc_g": up * (1.0 + hdd)[:, None],
        "pelvis_gyr_dps": np.column_stack([np.zeros(n), gyr, np.zeros(n)]),
        "pelvis_flexion_deg": np.degrees(np.arctan2(-up[:, 0], up[:, 2])),
        "pelvis_lateral_deg": np.degrees(np.arcsin(up[:, 1])),
        "pelvis_inclination_deg": np.degrees(np.arccos(up[:, 2])),
        "valid": np.ones(n, bool),
    })


def test_standing_reference_measures_the_bend_from_the_subjects_own_stance():
    """A chain alignment 12° off (standing reads as 12° of sideways tilt): the bends are still
    measured from standing; the absolute inclination would read them wrong."""
    t = np.arange(int(30 * RATE)) / RATE
    pelvis = sum(pk * _bump(t, t0, 1.2, 1.0, 1.2) for t0, pk in ((4.0, 30.0), (12.0, 50.0), (20.0, 70.0)))
    frame = _pelvis_frame(pelvis, np.zeros_like(t), misalign_deg=12.0)
    peaks = {}
    for rel in (True, False):
        st = LiftingStage(LiftingSettings(relative_to_standing=rel), model=None)
        run([frame], st)
        peaks[rel] = [c["features"]["peak_inc_deg"] for c in st.candidates]
    assert peaks[True] == pytest.approx([30.0, 50.0, 70.0], abs=1.0)
    # absolute: standing itself reads 12° (> enter_deg), so the stream looks like one long bend
    assert len(peaks[False]) < 3


def test_no_lift_before_the_first_quiet_upright_stance():
    """An orientation filter settling at the start of a file (inclination decays from 60° while
    the sensor does not rotate) is not a bend; the real lift after standing still is found."""
    t = np.arange(int(16 * RATE)) / RATE
    settle = 60.0 * np.exp(-t / 0.8)
    lift = 40.0 * _bump(t, 8.0, 1.2, 1.0, 1.2)
    gyr = np.gradient(lift, 1 / RATE)  # the settling has no rotation behind it
    frame = _pelvis_frame(settle + lift, np.zeros_like(t), gyr_dps=gyr)
    counts = {}
    for rel in (True, False):
        st = LiftingStage(LiftingSettings(relative_to_standing=rel), model=None)
        ev = run([frame], st)
        counts[rel] = len(ev)
        if rel:
            assert len(ev) == 1 and 7.5 < ev[0].t_ns / NS_PER_S < 8.5
    assert counts[False] == 2  # the absolute inclination also takes the settling for a bend


def test_zupt_ignores_a_brief_pause_mid_rise():
    """Getting up at constant speed: acceleration and rotation pause for 0.4 s while the hips
    move at 0.56 m/s. Zero velocity there would cut the measured rise; ``zupt_min_s`` does not."""
    t = np.arange(int(9 * RATE)) / RATE
    acc = np.zeros_like(t)  # hip vertical acceleration (m/s²): down by a cosine, up in 3 phases
    a = 0.45 / 0.32
    acc[(t >= 4.7) & (t < 5.1)] = a
    acc[(t >= 5.5) & (t < 5.9)] = -a
    v = np.cumsum(acc) / RATE
    hip = -0.45 * _bump(t, 2.0, 1.2, 10.0, 1.0) + np.cumsum(v) / RATE
    tilt = 25.0 * _bump(t, 2.0, 0.6, 0.0, 0.6) + 8.0 * _bump(t, 4.7, 0.4, 0.4, 0.4)
    frame = _pelvis_frame(tilt, hip)
    disp = {}
    for z in (0.3, 0.0):
        st = LiftingStage(LiftingSettings(zupt_min_s=z), model=MODEL)
        st.process(frame)
        disp[z] = st._sig.displacement(int(1.0 * RATE), int(8.5 * RATE))
    assert disp[0.3].min() == pytest.approx(-0.45, abs=0.05)
    assert disp[0.3][-1] == pytest.approx(0.0, abs=0.05)  # down and back up
    assert disp[0.0][-1] < -0.1  # the pause mid-rise was taken as rest


def test_end_vs_start_features_tell_a_return_to_stance_from_ending_tilted_back():
    """A lift starts and ends standing (end-vs-start angle ≈ 0); an episode that ends with the
    pelvis tilted back (as when seated) shows that tilt. Also the derived |net| / log features."""
    t = np.arange(int(14 * RATE)) / RATE
    feats = {}
    for end_deg in (0.0, -5.0):
        u = _bump(t, 3.0, 1.5, 1.0, 1.5)
        pelvis = 40.0 * u + end_deg * (t >= 5.5) * (1 - u)  # up to 40°, back to end_deg
        st = LiftingStage(model=None)
        run([_pelvis_frame(pelvis, np.zeros_like(t))], st)
        assert len(st.candidates) == 1
        feats[end_deg] = st.candidates[0]["features"]
    # the ends are the still moments the excursion was widened to, a few degrees up the ramps
    assert feats[0.0]["end_start_tilt_deg"] < 4.0
    assert feats[-5.0]["end_start_tilt_deg"] - feats[0.0]["end_start_tilt_deg"] == pytest.approx(5.0, abs=0.5)
    assert feats[-5.0]["end_start_flex_deg"] - feats[0.0]["end_start_flex_deg"] == pytest.approx(-5.0, abs=0.5)
    f = feats[0.0]
    assert f["abs_net_m"] == pytest.approx(abs(f["total_net_m"]))
    assert f["log_quiet_gyr"] == pytest.approx(np.log(max(f["quiet_gyr_dps"], 0.1)))
