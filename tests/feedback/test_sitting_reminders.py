"""Prolonged-sitting reminders (``SittingSettings.repeat_s``, set by a feedback plan)."""

from __future__ import annotations

import pytest

from oefensense.analysis.sitting import SittingSettings
from oefensense.core.types import NS_PER_S
from tests.analysis.test_sitting import chunks, code_frame, run

PLAN = [("standing", 10), ("sitting", 100), ("standing", 1.0), ("sitting", 50), ("walking", 20), ("sitting", 40)]


@pytest.mark.parametrize("step", [1, 13, 10_000])
def test_reminders_every_repeat_s_while_the_bout_goes_on(step: int) -> None:
    evs, st = run(chunks(code_frame(PLAN), step), SittingSettings(prolonged_s=60, repeat_s=30))
    alerts = [(e.t_ns / NS_PER_S, e.end_ns / NS_PER_S, e.fields["duration_s"]) for e in evs if e.type == "prolonged_sitting"]
    # bout 1: 10-161 s (the 1-s stand does not break it): 70, 100, 130, 160 s; bout 2: 181-221 s: none
    assert alerts == [(10.0, 70.0, 60.0), (10.0, 100.0, 90.0), (10.0, 130.0, 120.0), (10.0, 160.0, 150.0)]
    assert st.summary()["sitting_bouts"]["prolonged_count"] == 1  # bouts, not reminders


def test_without_repeat_one_alert_per_bout() -> None:
    evs, _ = run([code_frame(PLAN)], SittingSettings(prolonged_s=60))
    assert [e.end_ns / NS_PER_S for e in evs if e.type == "prolonged_sitting"] == [70.0]


def test_negative_repeat_is_refused() -> None:
    with pytest.raises(ValueError):
        SittingSettings(repeat_s=-1)
