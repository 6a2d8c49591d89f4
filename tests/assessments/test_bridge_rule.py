"""One rule for which sensor gaps are bridged: detection (``signals.bridged``, on invalid sample
counts) and the flags and rules (``chair_common.is_bridged``, on a gap's times) must agree. Until
5 Dec 2026 a 25-tick gap at 50 Hz (0.50 s) was too long for ``bridged`` (25 / 50 = 0.5) but
bridged for ``is_bridged`` (its times gave 0.49999999999999645 s < 0.5)."""

from __future__ import annotations

import numpy as np
import pytest

from oefensense.assessments import RunContext, make_test
from oefensense.assessments.chair_common import is_bridged, unbridged_gaps
from oefensense.assessments.signals import BRIDGE_GAP_S, body_placement, bridged, runs, times_s, valid_mask
from oefensense.assessments.transfers import invalid_runs_s
from oefensense.core.types import NS_PER_S
from tests.assessments.test_bridge_gap import _five_sts
from tests.assessments.test_assessments_sim import _with_gap


@pytest.mark.parametrize("rate_hz", [50.0, 100.0])
def test_a_gap_of_bridge_gap_s_gets_one_verdict_from_both_paths(rate_hz: float) -> None:
    """Gaps of the edge length (25 ticks at 50 Hz, 50 at 100 Hz) and one tick either side, at
    every start over 2 s of a grid 20 s in: both paths bridge them alike, and only the shorter."""
    step_ns = round(NS_PER_S / rate_hz)
    t = (np.arange(int(30 * rate_hz)) * step_ns) / NS_PER_S  # as times_s on a frame's grid
    edge = round(BRIDGE_GAP_S * rate_hz)
    for n in (edge - 1, edge, edge + 1):
        for a in range(int(20 * rate_hz), int(22 * rate_hz)):
            valid = np.ones(len(t), bool)
            valid[a:a + n] = False
            detection = bool(bridged(valid, rate_hz)[a:a + n].all())
            flags = is_bridged(float(t[a]), float(t[a + n - 1] + 1.0 / rate_hz), float(t[-1]))
            assert detection == flags == (n < edge), (rate_hz, n, a, detection, flags)


def test_a_25_tick_gap_in_a_5sts_is_not_bridged_for_the_flags_either() -> None:
    """On the simulated 5xSTS (50 Hz) a 0.49-s gap laid 19.755-20.245 s is 25 invalid ticks: not
    bridged for detection, so not for the flags and the 5xSTS's rules either (``unbridged_gaps``,
    the ``sensor_gap`` detail without "bridged")."""
    _, frame = _five_sts()
    gapped = _with_gap(frame, 20.0 - 0.245, 20.0 + 0.245)
    pl = body_placement(gapped)
    valid, t = valid_mask(gapped, pl), times_s(gapped)
    assert [b - a for a, b in runs(~valid) if a > 0] == [25] and gapped.rate_hz == 50.0
    assert not bridged(valid, gapped.rate_hz)[~valid].any()  # detection: not bridged
    (g0, g1), = invalid_runs_s(gapped, pl)
    assert not is_bridged(g0, g1, float(t[-1]))
    assert [(g.start_s, g.end_s) for g in unbridged_gaps(gapped, RunContext(), pl)] == [(g0, g1)]
    res = make_test("five-times-sit-to-stand").analyse(gapped, RunContext())
    details = [f.detail for f in res.flags if f.code in ("sensor_gap", "interrupted")]
    assert details and not any("bridged" in d for d in details), details
