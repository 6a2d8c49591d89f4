"""Transition stage on hand-made posture channels (no model): events typed by the movement the
posture stage saw (``posture_move``), revisions without movement, round trips, end of data."""

from __future__ import annotations

import numpy as np
import pytest

from oefensense.analysis.posture import MOVES, POSTURES
from oefensense.analysis.transitions import TransitionSettings, TransitionStage
from oefensense.core.frames import BodyFrame
from oefensense.core.types import NS_PER_S, Placement

RATE = 10.0
MOVE = {f"{a}>{b}": i for i, (a, b) in enumerate(MOVES)}


def code_frame(plan: list[tuple[str, float, str | None]], moves: bool = True) -> BodyFrame:
    """``plan`` = [(posture, seconds, directed move "from>to" shown while in it or None)]."""
    codes, since, mv, mv_since, t0 = [], [], [], [], 0.0
    for name, dur, move in plan:
        n = int(round(dur * RATE))
        start = int(round(t0 * NS_PER_S))
        codes.append(np.full(n, POSTURES.index(name), np.int8))
        since.append(np.full(n, start, np.int64))
        mv.append(np.full(n, -1 if move is None else MOVE[move], np.int8))
        mv_since.append(np.full(n, start, np.int64))
        t0 += dur
    c = np.concatenate(codes)
    t_ns = np.round(np.arange(len(c)) / RATE * NS_PER_S).astype(np.int64)
    ch = {"posture_code": c, "posture_since_ns": np.concatenate(since)}
    if moves:
        ch["posture_move"] = np.concatenate(mv)
        ch["posture_move_since_ns"] = np.concatenate(mv_since)
    return BodyFrame(t_ns, RATE, (Placement.PELVIS,), ch)


def chunks(frame: BodyFrame, step: int) -> list[BodyFrame]:
    return [BodyFrame(frame.t_ns[a:a + step], frame.rate_hz, frame.placements, {k: v[a:a + step] for k, v in frame.channels.items()})
            for a in range(0, len(frame), step)]  # fmt: skip


def run(frames, settings=None):
    st = TransitionStage(settings)
    evs = [e for f in frames for e in st.process(f).events] + st.finish().events
    return [(e.type, round(e.t_ns / NS_PER_S, 1), round(e.end_ns / NS_PER_S, 1)) for e in evs], evs


def test_change_without_movement_is_a_revision_not_an_event() -> None:
    # the waist filter flips standing -> sitting -> standing without seeing any movement
    plan = [("standing", 10, None), ("sitting", 4, None), ("standing", 10, None)]
    assert run([code_frame(plan)])[0] == []
    # the same stream from a source without directed transitions (thigh rules): events as before
    assert [k for k, _, _ in run([code_frame(plan, moves=False)])[0]] == ["stand_to_sit", "sit_to_stand"]


def test_event_typed_by_the_movement() -> None:
    plan = [("standing", 10, None), ("transition", 2, "standing>sitting"), ("sitting", 10, None),
            ("transition", 3, "sitting>standing"), ("standing", 5, None)]  # fmt: skip
    assert run([code_frame(plan)])[0] == [("stand_to_sit", 10.0, 12.0), ("sit_to_stand", 22.0, 25.0)]
    # a posture the filter only guessed (the first one) gives way to the movement's start...
    plan = [("sitting", 10, None), ("transition", 2, "standing>sitting"), ("sitting", 10, None)]
    assert run([code_frame(plan)])[0] == [("stand_to_sit", 10.0, 12.0)]
    # ...one reached by an observed movement does not (no second sit_to_stand in a row)
    plan = [("sitting", 10, None), ("transition", 2, "sitting>standing"), ("standing", 3, None),
            ("transition", 1, "sitting>standing"), ("standing", 5, None)]  # fmt: skip
    assert [k for k, _, _ in run([code_frame(plan)])[0]] == ["sit_to_stand"]


def test_round_trip_and_end_of_data() -> None:
    plan = [("standing", 5, None), ("transition", 4, "standing>sitting"), ("standing", 5, None)]
    got = run([code_frame(plan)], TransitionSettings(round_trip_s=3.0))[0]
    assert got == [("stand_to_sit", 5.0, 7.0), ("sit_to_stand", 7.0, 9.0)]
    assert run([code_frame(plan)], TransitionSettings(round_trip_s=0.0))[0] == []
    # the data ends during the stand-up: reported at finish with end_of_data
    plan = [("standing", 5, None), ("transition", 2, "standing>sitting"), ("sitting", 3, None),
            ("transition", 2, "sitting>standing")]  # fmt: skip
    got, evs = run([code_frame(plan)])
    assert [k for k, _, _ in got] == ["stand_to_sit", "sit_to_stand"]
    assert evs[-1].fields.get("end_of_data") is True and "end_of_data" not in evs[0].fields


@pytest.mark.parametrize("step", [1, 7, 33])
def test_chunk_invariant(step: int) -> None:
    plan = [("standing", 10, None), ("transition", 2, "standing>sitting"), ("sitting", 3, None),
            ("standing", 3, None), ("transition", 4, "standing>lying"), ("lying", 20, None),
            ("transition", 1.5, "lying>sitting"), ("transition", 1.5, "sitting>standing"), ("walking", 5, None)]  # fmt: skip
    whole = run([code_frame(plan)])
    parts = run(chunks(code_frame(plan), step))
    assert whole[0] == parts[0]
    assert [e.to_json_dict() for e in whole[1]] == [e.to_json_dict() for e in parts[1]]
    assert [k for k, _, _ in whole[0]] == ["stand_to_sit", "stand_to_lie", "lie_to_stand"]


def pelvis_chair_frame() -> BodyFrame:
    """A 50 Hz pelvis recording of sitting down and standing up (physics, from test_sit_stand) with
    posture channels in which the filter only flips standing -> sitting -> standing, never deciding
    a movement (the SisFall quick sit-down case)."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("_sit_stand_synth", Path(__file__).with_name("test_sit_stand.py"))
    assert spec is not None and spec.loader is not None
    synth = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(synth)
    f = synth.chair_frame(synth.SIT_AND_STAND)
    t = f.t_ns / NS_PER_S
    sitting = (t >= 5.5) & (t < 9.0)
    code = np.where(sitting, POSTURES.index("sitting"), POSTURES.index("standing")).astype(np.int8)
    since = np.where(sitting, int(5.5 * NS_PER_S), np.where(t < 5.5, 0, int(9.0 * NS_PER_S))).astype(np.int64)
    ch = dict(f.channels, posture_code=code, posture_since_ns=since,
              posture_move=np.full(len(f), -1, np.int8), posture_move_since_ns=since)  # fmt: skip
    return BodyFrame(f.t_ns, f.rate_hz, f.placements, ch)


@pytest.mark.parametrize("step", [1, 7, 50])
def test_sit_stand_events_come_from_the_detector(step: int) -> None:
    frame = pelvis_chair_frame()
    kinds, evs = run([frame])
    assert [k for k, _, _ in kinds] == ["stand_to_sit", "sit_to_stand"]
    assert all(e.fields["source"] == "sit_stand" for e in evs)
    assert evs[0].fields["rise_m"] < 0 < evs[1].fields["rise_m"]
    assert evs[0].fields["from"] == "standing" and evs[1].fields["to"] == "standing"
    parts = run(chunks(frame, step))
    assert [e.to_json_dict() for e in parts[1]] == [e.to_json_dict() for e in evs]
    # without the detector the same flips are revisions: no event
    assert run([frame], TransitionSettings(sit_stand=False))[0] == []


def test_a_walk_cut_off_by_the_end_of_the_data_is_no_sit_to_stand(tmp_path) -> None:
    """The bundled HAPT recording ends 1 s into a walk after a 1-s stop: the sit-to-stand
    detector's open movement was reported at the end as a second sit-to-stand ("from sitting"),
    from standing. The person stood up from a chair once (44 s)."""
    import json

    from oefensense.api import run_items
    from oefensense.sources import recording_items
    from oefensense.sources.simulated import bundled_recording

    summary = run_items(recording_items([bundled_recording()]), tmp_path)
    ups = [e for e in map(json.loads, (tmp_path / "events.jsonl").read_text().splitlines()) if e["type"] == "sit_to_stand"]
    assert summary["sit_to_stand_count"] == 1 and len(ups) == 1 and 43.0 < ups[0]["t_s"] < 46.0
