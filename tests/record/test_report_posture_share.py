"""The patient report's posture-share bars name every colour they draw."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from oefensense.reports.figures import posture_share  # noqa: E402
from oefensense.reports.text import Words  # noqa: E402


@pytest.mark.parametrize("language", ["en", "nl"])
def test_a_posture_only_the_previous_session_had_is_in_the_legend(language: str) -> None:
    """A pelvis-only session (walking 0 %) compared with a pelvis-and-thigh one (walking 56 %): the
    previous bar's walking was drawn green with no name in the legend, because the posture was a
    key of the first session's shares (at 0 %)."""
    w = Words(language)
    fig, ax = plt.subplots()
    posture_share(ax, ["now", "last time"], [{"standing": 64.0, "walking": 0.0, "unknown": 36.0},
                                             {"standing": 33.0, "walking": 56.0, "unknown": 11.0}], w)
    names = [t.get_text() for t in ax.get_legend().get_texts()]
    assert names == [w.posture("standing"), w.posture("walking"), w.posture("unknown")]  # in the bars' order
    plt.close(fig)
