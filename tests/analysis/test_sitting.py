"""Sitting stage on a hand-made posture_code stream (no posture model involved)."""

from __future__ import annotations

import numpy as np
import pytest

from oefensense.analysis.posture import POSTURES
from oefensense.analysis.sitting import SittingSettings, SittingStage
from oefensense.core.frames import BodyFrame
from oefensense.core.types import NS_PER_S, Placement

RATE = 10.0


def code_frame(plan: list[tuple[str, float]]) -> BodyFrame:
    codes, since, t0 = [], [], 0.0
    for name, dur in plan:
        n = int(round(dur * RATE))
        codes.append(np.full(n, POSTURES.index(name), np.int8))
        since.append(np.full(n, int(round(t0 * NS_PER_S)), np.int64))
        t0 += dur
    c = np.concatenate(codes)
    t_ns = np.round(np.arange(len(c)) / RATE * NS_PER_S).astype(np.int64)
    return BodyFrame(t_ns, RATE, (Placement.THIGH,), {"posture_code": c, "posture_since_ns": np.concatenate(since)})


def chunks(frame: BodyFrame, step: int) -> list[BodyFrame]:
    return [BodyFrame(frame.t_ns[a:a + step], RATE, frame.placements, {k: v[a:a + step] for k, v in frame.channels.items()})
            for a in range(0, len(frame), step)]  # fmt: skip


def run(frames, settings=None):
    st = SittingStage(settings)
    evs = [e for f in frames for e in st.process(f).events] + st.finish().events
    return evs, st


PLAN = [("standing", 10), ("sitting", 100), ("standing", 1.0), ("sitting", 50), ("walking", 20),
        ("transition", 2), ("sitting", 4), ("standing", 10), ("sitting", 40)]  # fmt: skip


def test_bouts_breaks_and_bridging() -> None:
    evs, st = run([code_frame(PLAN)], SittingSettings(prolonged_s=120))
    bouts = [e for e in evs if e.type == "sitting_bout"]
    # 100 s + 1 s bridged stand + 50 s = one 151 s bout; the 4 s sit is below min_bout; 40 s at the end
    assert [b.fields["duration_s"] for b in bouts] == [151.0, 40.0]
    assert [b.fields["sitting_s"] for b in bouts] == [150.0, 40.0]  # the bridged 1 s stand is no sitting
    assert [b.fields["ended_by"] for b in bouts] == ["break", "end_of_data"]
    assert bouts[0].t_ns == 10 * NS_PER_S and bouts[0].fields["end_s"] == 161.0
    prolonged = [e for e in evs if e.type == "prolonged_sitting"]
    assert len(prolonged) == 1 and prolonged[0].end_ns == 130 * NS_PER_S and prolonged[0].fields["threshold_s"] == 120
    s = st.summary()["sitting_bouts"]
    assert s == {"count": 2, "longest_s": 151.0, "prolonged_count": 1, "total_s": 190.0, "outside_bouts_s": 4.0,
                 "breaks": 1, "prolonged_threshold_s": 120}  # fmt: skip


def test_a_bout_ends_with_its_last_sitting_segment_and_non_wear_is_no_break() -> None:
    plan = [("standing", 5), ("sitting", 30), ("transition", 3), ("standing", 10), ("sitting", 20),
            ("non_wear", 60), ("sitting", 12), ("transition", 2)]  # fmt: skip
    evs, st = run([code_frame(plan)])
    bouts = [(b.t_ns / NS_PER_S, b.end_ns / NS_PER_S, b.fields["ended_by"]) for b in evs if b.type == "sitting_bout"]
    assert bouts == [(5.0, 35.0, "break"), (48.0, 68.0, "non_wear"), (128.0, 140.0, "end_of_data")]
    s = st.summary()["sitting_bouts"]
    assert s["total_s"] == 62.0 and s["outside_bouts_s"] == 0.0 and s["breaks"] == 1


def test_prolonged_alert_is_live_not_at_finish() -> None:
    frames = chunks(code_frame([("standing", 5), ("sitting", 60)]), 7)
    st = SittingStage(SittingSettings(prolonged_s=30))
    when = [f.t_ns[-1] / NS_PER_S for f in frames if any(e.type == "prolonged_sitting" for e in st.process(f).events)]
    assert len(when) == 1 and 35.0 <= when[0] < 35.8


@pytest.mark.parametrize("step", [1, 13, 250])
def test_chunk_invariant(step: int) -> None:
    whole, _ = run([code_frame(PLAN)], SittingSettings(prolonged_s=60))
    parts, _ = run(chunks(code_frame(PLAN), step), SittingSettings(prolonged_s=60))
    assert [e.to_json_dict() for e in whole] == [e.to_json_dict() for e in parts]


def test_needs_posture_channel_and_valid_settings() -> None:
    with pytest.raises(ValueError, match="PostureStage"):
        SittingStage().process(BodyFrame(np.arange(3, dtype=np.int64), RATE, (Placement.THIGH,), {}))
    with pytest.raises(ValueError):
        SittingSettings(prolonged_s=0)
