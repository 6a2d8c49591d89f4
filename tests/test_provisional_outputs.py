"""Angles whose forward direction is not yet known (issue #16) are marked in angles.csv and
the live overview, and the report draws them apart (grey), as the zones and lifts leave them out."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from oefensense.core.frames import provisional_angle_mask
from oefensense.engine import Engine
from oefensense.io.outputs import AnalysisWriter
from oefensense.live import LiveSettings
from oefensense.live.sink import SnapshotSink
from oefensense.record.results import read_angles
from oefensense.sources import recording_items
from oefensense.sources.simulated import bundled_recording


def test_angles_csv_flags_the_provisional_start_of_the_bundled_recording(tmp_path: Path) -> None:
    writer = AnalysisWriter(tmp_path, angles=True)
    Engine(sinks=[writer]).run(recording_items([bundled_recording()]))
    header = (tmp_path / "angles.csv").read_text().splitlines()[0].split(",")
    assert header == ["time_s", "pelvis_tilt_deg", "pelvis_provisional"]
    angles = read_angles(tmp_path)
    flag = angles["pelvis_provisional"]
    assert set(np.unique(flag)) == {0.0, 1.0}
    # the recording stands first (no walk, no bend): provisional from the first row, then known for good
    first_known = int(np.argmax(flag == 0))
    assert first_known > 0 and flag[:first_known].all() and not flag[first_known:].any()
    assert 5.0 < angles["time_s"][first_known] < 60.0
    mask = provisional_angle_mask(angles, "pelvis_tilt_deg", len(flag))
    assert mask.sum() == first_known
    assert not provisional_angle_mask(angles, "thigh_inclination_deg", len(flag)).any()  # needs only "up"


def test_twist_is_provisional_while_either_sensor_is() -> None:
    cols = {"trunk_provisional": np.array([1, 0, 0, 0]), "pelvis_provisional": np.array([0, 0, 1, 0])}
    assert provisional_angle_mask(cols, "trunk_twist_deg", 4).tolist() == [True, False, True, False]
    assert provisional_angle_mask(cols, "trunk_flexion_deg", 4).tolist() == [True, False, False, False]
    assert provisional_angle_mask({}, "trunk_flexion_deg", 4).tolist() == [False] * 4


def test_the_live_overview_marks_provisional_bins() -> None:
    sink = SnapshotSink(LiveSettings())
    Engine(sinks=[sink]).run(recording_items([bundled_recording()], chunk_s=5.0))
    snap = sink.snapshot()
    ov = snap.overview
    assert ov is not None and snap.provisional == ()
    t_rel = ov.t_s - snap.start_ns / 1e9
    # the first ~30 s (standing, forward unknown) are marked provisional bin by bin, the rest not
    guess = ov.provisional > 0.5
    assert guess[t_rel < 20.0].all() and not guess[t_rel > 40.0].any() and t_rel[0] < 5.0


def test_body_frame_concat_keeps_a_provisional_flag_that_starts_in_a_later_frame() -> None:
    """A sensor can lose its forward direction mid-stream: the flag channel appears in a later
    frame. Joining the frames (as `assess` does) must keep it, False before (it was dropped)."""
    from oefensense.core.frames import TRUNK_FLEXION, BodyFrame
    from oefensense.core.types import Placement

    def frame(t0: int, flags: bool) -> BodyFrame:
        ch = {"valid": np.ones(3, bool), TRUNK_FLEXION: np.full(3, 10.0)}
        if flags:
            ch["trunk_provisional"] = np.ones(3, bool)
        return BodyFrame(np.arange(t0, t0 + 3, dtype=np.int64), 50.0, (Placement.TRUNK,), ch)

    joined = BodyFrame.concat([frame(0, False), frame(3, True), frame(6, True)])
    assert joined["trunk_provisional"].tolist() == [False] * 3 + [True] * 6
    assert provisional_angle_mask(joined, TRUNK_FLEXION, 9).sum() == 6
    # a number channel that starts later is NaN before it
    late = BodyFrame(np.arange(9, 12, dtype=np.int64), 50.0, (Placement.TRUNK,),
                     {"valid": np.ones(3, bool), TRUNK_FLEXION: np.ones(3), "trunk_twist_deg": np.ones(3)})
    twist = BodyFrame.concat([frame(0, False), late])["trunk_twist_deg"]
    assert np.isnan(twist[:3]).all() and (twist[3:] == 1).all()
