"""A week-long recording in the reports: the therapist's page of trunk zones stays above the
footer, and the patient's report names the recording's dates and shares as they are (care audit
of 4 Dec 2026, a generated week of wear)."""

from __future__ import annotations

from types import SimpleNamespace

import matplotlib
import numpy as np

matplotlib.use("Agg")

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402

from oefensense.record import parse_start  # noqa: E402
from oefensense.reports import layout  # noqa: E402
from oefensense.reports.text import Words  # noqa: E402

WEEK_S = 7 * 86400.0


def _week_session() -> SimpleNamespace:
    t = np.arange(0.0, WEEK_S, 300.0)
    timeline = SimpleNamespace(start_s=t, end_s=t + 300.0,
                               posture=np.where((t // 3600) % 24 < 8, "lying", "sitting"))
    info = SimpleNamespace(id=1, start=parse_start("2026-03-23T00:00+01:00"), duration_s=WEEK_S,
                           days=[object()] * 8, summary={"trunk_zones_s": {"0-20": 61740.0, "20-60": 186.0}})
    return SimpleNamespace(info=info, timeline=timeline, angle_t_s=t, angle_deg=np.full(len(t), 10.0),
                           angle_provisional=None, angle_name="trunk_flexion_deg", events=[])


def test_the_trunk_zones_of_a_week_stay_above_the_footer() -> None:
    from oefensense.reports.therapist import posture_pages

    figs = posture_pages(SimpleNamespace(code="W001"), _week_session(), Words("nl"))
    texts = [t.get_text() for f in figs for t in f.texts]
    assert "Tijd per rompzone" in texts
    for fig in figs:
        renderer = FigureCanvasAgg(fig).get_renderer()
        height = fig.bbox.height
        for ax in fig.axes:  # the axes with their tick labels and axis label
            assert ax.get_tightbbox(renderer).y0 / height >= layout.BOTTOM, ax.get_ylabel()
