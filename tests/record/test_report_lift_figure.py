"""The therapist report's lift figure never draws a lift without a trunk angle at 0°."""

from __future__ import annotations

from types import SimpleNamespace

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from oefensense.reports.figures import lifts  # noqa: E402
from oefensense.reports.text import Words  # noqa: E402


def test_a_lift_without_a_trunk_angle_is_left_out_and_said() -> None:
    events = [{"type": "lift", "t_s": 60.0, "technique": "squat", "peak_trunk_flexion_deg": 42.0},
              {"type": "lift", "t_s": 120.0, "technique": "stoop"}]  # no angle (an imported file)
    data = SimpleNamespace(events=events, info=SimpleNamespace(duration_s=600.0))
    fig, ax = plt.subplots()
    assert lifts(ax, data, Words("en"))
    drawn = np.concatenate([c.get_offsets()[:, 1] for c in ax.collections])
    assert 42.0 in drawn and 0.0 not in drawn  # was drawn at 0°
    assert any("1 of the lifts had no trunk angle" in t.get_text() for t in ax.texts)
    plt.close(fig)
