"""The exposure stage's compiled block pass (#20) against the numpy form it replaced, kept here
as the reference: the same zone channel, bend starts, counts, hysteresis state and static holds,
value for value, on random blocks with posture codes, non-wear, gaps, a late trunk, ±inf and
every chunking."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from oefensense.analysis.base import StageOutput
from oefensense.analysis.exposure import ExposureSettings, ExposureStage
from oefensense.analysis.posture import POSTURES
from oefensense.core.frames import BodyFrame
from oefensense.core.types import NS_PER_S, Event, Placement

RATE = 50.0


def _toggles(hi: np.ndarray, lo: np.ndarray, state: bool) -> tuple[list[tuple[int, bool]], bool]:
    on_idx, off_idx = np.flatnonzero(hi), np.flatnonzero(lo)
    out: list[tuple[int, bool]] = []
    pos = 0
    while True:
        arr = off_idx if state else on_idx
        k = int(np.searchsorted(arr, pos))
        if k >= arr.shape[0]:
            return out, state
        pos = int(arr[k])
        state = not state
        out.append((pos, state))


class NumpyExposure(ExposureStage):
    """``ExposureStage.process`` as it was before the compiled pass (main 906cd05)."""

    def process(self, frame: BodyFrame) -> StageOutput:
        n = len(frame)
        if n == 0:
            return StageOutput([], [])
        if self._rate is None:
            self._rate = float(frame.rate_hz)
            self._first_t = int(frame.t_ns[0])
        st = self.settings
        x, from_pelvis = self._angle(frame)
        seated = np.zeros(n, bool)
        if frame.has("posture_code"):
            code = np.asarray(frame["posture_code"])
            lying = code == POSTURES.index("lying")
            x[lying] = np.nan
            if from_pelvis.any():
                seated = from_pelvis & ((code == POSTURES.index("sitting")) | (code == POSTURES.index("transition")))
                x[seated] = np.nan
        else:
            lying = np.zeros(n, bool)
        if frame.has("non_wear"):
            non_wear = np.asarray(frame["non_wear"], bool)
            self._non_wear_n += int(non_wear.sum())
            lying &= ~non_wear
            seated &= ~non_wear
            x[non_wear] = np.nan
        else:
            non_wear = np.zeros(n, bool)
        self._lying_n += int(lying.sum())
        self._seated_n += int(seated.sum())
        ok = np.isfinite(x)
        self._unknown_n += int(n - ok.sum() - lying.sum() - seated.sum() - non_wear.sum())
        self._valid_n += int(ok.sum())
        lo, hi = st.zone_limits_deg
        zone = np.full(n, -1, np.int8)
        zone[ok & (x < lo)] = 0
        zone[ok & (x >= lo) & (x <= hi)] = 1
        zone[ok & (x > hi)] = 2
        self._zone_n += np.bincount(zone[ok], minlength=3)[:3]
        self._ext_n += int((x[ok] < st.extension_deg).sum())
        xf = np.where(ok, x, -np.inf)
        tg, self._bend_on = _toggles(xf > st.bend_deg, xf < st.bend_deg - st.bend_hysteresis_deg, self._bend_on)
        self._bends += sum(1 for _, on in tg if on)
        bend = np.zeros(n, bool)
        bend[[i for i, on in tg if on]] = True
        frame.channels["trunk_zone"] = zone
        frame.channels["trunk_bend"] = bend
        tg, self._over60_on = _toggles(xf > hi, xf < hi - st.bend_hysteresis_deg, self._over60_on)
        self._over60 += sum(1 for _, on in tg if on)
        above = xf > st.hold_min_deg
        edges = np.flatnonzero(np.diff(np.concatenate([[self._hold is not None], above]).astype(np.int8)))
        events = self._holds_in(frame.t_ns, xf, edges)
        self._last_t = int(frame.t_ns[-1])
        return StageOutput([], events)


def _recording(seed: int, n: int, trunk_from: int | None, with_code: bool, with_nw: bool) -> BodyFrame:
    """A pelvis angle (and a trunk angle from ``trunk_from``) wandering through every zone, with
    holds, NaN gaps, ±inf, invalid and provisional samples."""
    rng = np.random.default_rng(seed)
    steps = rng.choice([-8.0, -2.0, 0.0, 2.0, 8.0, 30.0, -30.0], size=n, p=[.05, .3, .3, .3, .03, .01, .01])
    pelvis = np.clip(np.cumsum(steps) % 140 - 30, -40, 100)
    at = rng.random(n) < 0.05  # exactly on a limit of either settings
    pelvis[at] = rng.choice([-5.0, 10.0, 15.0, 20.0, 35.0, 45.0, 55.0, 60.0], size=int(at.sum()))
    for a in rng.integers(0, n - 600, size=6):  # holds of 4-12 s at 25-80 deg
        k = int(rng.integers(200, 600))
        pelvis[a : a + k] = rng.uniform(25, 80) + rng.normal(0, 1, k)
    pelvis[rng.random(n) < 0.001] = np.nan
    pelvis[rng.random(n) < 0.002] = np.inf
    pelvis[rng.random(n) < 0.002] = -np.inf
    t = np.round(np.arange(n) / RATE * NS_PER_S).astype(np.int64)
    ch: dict[str, Any] = {"pelvis_flexion_deg": pelvis, "pelvis_valid": rng.random(n) > 0.001, "valid": np.ones(n, bool)}
    ch["pelvis_provisional"] = np.zeros(n, bool)
    ch["pelvis_provisional"][: n // 20] = True
    placements = [Placement("pelvis")]
    if trunk_from is not None:
        trunk = pelvis * 1.2 + rng.normal(0, 3, n)
        trunk[:trunk_from] = np.nan
        ch["trunk_flexion_deg"] = trunk
        ch["trunk_valid"] = np.isfinite(trunk)
        placements.append(Placement("trunk"))
    if with_code:  # posture runs of random length, every code
        runs = rng.integers(1, 400, size=n // 20)
        ch["posture_code"] = np.repeat(rng.integers(0, len(POSTURES), size=len(runs)), runs)[:n].astype(np.int8)
        ch["posture_code"] = np.pad(ch["posture_code"], (0, n - len(ch["posture_code"])), constant_values=2)
    if with_nw:
        nw = np.zeros(n, bool)
        for a in rng.integers(0, n, size=4):
            nw[a : a + int(rng.integers(1, 800))] = True
        ch["non_wear"] = nw
    return BodyFrame(t, RATE, tuple(placements), ch)


def _run(cls: type[ExposureStage], rec: BodyFrame, cuts: list[int], settings: ExposureSettings) -> tuple:
    st = cls(settings)
    events: list[Event] = []
    zone, bend = [], []
    for a, b in zip(cuts[:-1], cuts[1:]):
        part = rec.samples(a, b)
        events += st.process(part).events
        zone.append(part.channels["trunk_zone"])
        bend.append(part.channels["trunk_bend"])
    events += st.finish().events
    return st.summary(), events, np.concatenate(zone), np.concatenate(bend), (st._bend_on, st._over60_on)


SETTINGS = [ExposureSettings(), ExposureSettings(zone_limits_deg=(15.0, 45.0), bend_deg=35.0, bend_hysteresis_deg=0.0,
                                                  hold_min_deg=10.0, hold_min_s=1.0, long_bend_s=3.0)]


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("settings", SETTINGS)
def test_compiled_pass_equals_numpy_form(seed: int, settings: ExposureSettings) -> None:
    n = 20_000
    rec = _recording(seed, n, trunk_from=[None, 7_000, 0][seed % 3], with_code=seed % 2 == 0, with_nw=seed < 4)
    rng = np.random.default_rng(100 + seed)
    for cuts in ([0, n], [0, *sorted(rng.choice(np.arange(1, n), 40, replace=False).tolist()), n],
                 list(range(0, n, 1_337)) + [n]):
        new, old = _run(ExposureStage, rec, cuts, settings), _run(NumpyExposure, rec, cuts, settings)
        assert new[0] == old[0]  # the summary
        assert [(e.type, e.t_ns, e.end_ns, e.fields) for e in new[1]] == [(e.type, e.t_ns, e.end_ns, e.fields) for e in old[1]]
        np.testing.assert_array_equal(new[2], old[2])
        np.testing.assert_array_equal(new[3], old[3])
        assert new[4] == old[4]
    assert old[0]["trunk_exposure"]["bends"] > 10 and len(old[1]) > 0  # the data exercise the paths
