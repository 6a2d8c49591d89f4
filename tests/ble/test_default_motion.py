"""What simulated sensors measure when they play no CSV: one body for all of them. A waist sensor
alone plays the bundled real recording; other placements are one simulated body doing a working
day with sitting bouts long enough for a short feedback plan's prolonged-sitting cue."""

from __future__ import annotations

import numpy as np

from oefensense.ble.live import default_motions
from oefensense.core.types import NS_PER_S, Placement
from oefensense.sim.script import Sit, working_day_script


def test_a_waist_sensor_alone_plays_the_bundled_real_recording() -> None:
    m = default_motions([Placement.PELVIS])
    t, acc, gyr = m["pelvis"]
    assert list(m) == ["pelvis"] and t[0] == 0 and gyr is not None
    assert 239 < t[-1] / NS_PER_S < 241  # the 240-s HAPT excerpt


def test_other_placements_are_one_body_that_sits() -> None:
    m = default_motions([Placement.TRUNK, Placement.THIGH, Placement.PELVIS])
    assert sorted(m) == ["pelvis", "thigh", "trunk"]
    lengths = {len(v[0]) for v in m.values()}
    assert len(lengths) == 1  # one body: every sensor the same timeline
    t, acc, _ = m["thigh"]
    ts = t / NS_PER_S
    # the first sitting bout (after stand 4 s, walk 12 s, stand 3 s and the 1.25-s sit-down):
    # the thigh is horizontal, so gravity leaves its long (z) axis; standing, it is along it
    sitting = (ts > 25) & (ts < 60)
    standing = ts < 3.5
    assert np.median(np.abs(acc[sitting, 2])) < 0.2
    assert np.median(np.abs(acc[standing, 2])) > 0.9
    sits = [a.duration_s for a in working_day_script() if isinstance(a, Sit)]
    assert min(sits) >= 45  # a 15-s plan cues in every bout, the dashboard's 30-s prompt too


def test_a_scripted_motion_not_looped_holds_its_last_sample(tmp_path) -> None:
    """The guided tests' simulated wearables (``assess --simulate``) play the script once: past
    its end the person stays as they were (seated still). Looped, the script started again with
    its walk, a jump the TUG read as a sit-down (a 33.6-s TUG of 22.1 s at --speed 20, seed 4)."""
    from oefensense.ble.live import simulated_source

    t = np.arange(200) / 100.0
    acc = np.zeros((200, 3))
    acc[:, 2] = np.where(t < 1.0, 1.0, 0.0)  # "standing" first, then lying: the end differs from the start
    acc[t >= 1.0, 0] = 1.0
    path = tmp_path / "m.pelvis.csv"
    np.savetxt(path, np.column_stack([t, acc, np.zeros((200, 3))]), delimiter=",", fmt="%.6f",
               header="time_s,acc_x_g,acc_y_g,acc_z_g,gyr_x_dps,gyr_y_dps,gyr_z_dps", comments="")
    for loop, expect in ((True, [0.0, 0.0, 1.0]), (False, [1.0, 0.0, 0.0])):
        _, devices = simulated_source([f"polar:{path}=pelvis"], duration_s=5.0, loop=loop)
        got, _, _ = devices[0].firmware.source.at(np.array([2.5e9]), 100.0)  # 0.5 s past the end
        assert np.allclose(got[0], expect, atol=0.05), (loop, got)
