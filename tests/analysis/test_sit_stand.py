"""Sit-to-stand / stand-to-sit detector (oefensense.analysis.sit_stand): synthetic physics with a
known vertical displacement, chunk invariance, guards, and real recordings (skipped without
../shared/data)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import oefensense.analysis.sit_stand as ss
from oefensense.analysis.sit_stand import (
    KINDS,
    SitStandDetector,
    SitStandMove,
    SitStandSettings,
    _median,
    _row_norm,
    detect_sit_stand,
    rise_settled_index,
    step_impacts,
    vertical_acc_g,
    vertical_rise_m,
)
from oefensense.core.frames import BodyFrame
from oefensense.core.types import NS_PER_S, Placement

RATE = 50.0
DATA = Path(__file__).resolve().parents[3] / "shared" / "data"


def smooth_step(n: int) -> np.ndarray:
    """0 -> 1 with zero velocity and acceleration at both ends (minimum-jerk profile)."""
    u = np.linspace(0.0, 1.0, n)
    return 10 * u**3 - 15 * u**4 + 6 * u**5


def chair_frame(plan: list[tuple[float, float, float]], incline_deg: float = 5.0, seed: int = 0) -> BodyFrame:
    """``plan``: (duration s, vertical displacement m, forward lean peak deg) pieces; a piece with
    displacement 0 and lean 0 is still. Pelvis acceleration in segment axes (tilted by the lean),
    gyro = lean rate about y, plus sensor noise."""
    rng = np.random.default_rng(seed)
    z, lean = [np.zeros(0)], [np.zeros(0)]
    z0 = 0.0
    for dur, dz, peak in plan:
        n = int(dur * RATE)
        z.append(z0 + dz * smooth_step(n))
        lean.append(peak * np.sin(np.pi * np.linspace(0, 1, n)) ** 2)
        z0 += dz
    zz, th = np.concatenate(z), np.concatenate(lean) + incline_deg
    n = len(zz)
    a_vert = np.gradient(np.gradient(zz, 1 / RATE), 1 / RATE) / 9.80665 + 1.0  # g, world vertical
    f = np.radians(th)
    # segment leaning forward by f: world up in segment axes = (-sin f, 0, cos f)
    acc = np.stack([-np.sin(f) * a_vert, np.zeros(n), np.cos(f) * a_vert], axis=1) + rng.normal(0, 0.004, (n, 3))
    gyr = np.stack([np.zeros(n), np.gradient(th, 1 / RATE), np.zeros(n)], axis=1) + rng.normal(0, 0.5, (n, 3))
    t = (np.arange(n) * NS_PER_S / RATE).astype(np.int64)
    ch = {
        "pelvis_acc_g": acc,
        "pelvis_gyr_dps": gyr,
        "pelvis_flexion_deg": th,
        "pelvis_lateral_deg": np.zeros(n),
        "pelvis_inclination_deg": np.abs(th),
        "valid": np.ones(n, bool),
    }
    return BodyFrame(t, RATE, (Placement.PELVIS,), ch)


def pieces(frame: BodyFrame, step: int) -> list[BodyFrame]:
    return [
        BodyFrame(frame.t_ns[a : a + step], frame.rate_hz, frame.placements, {k: v[a : a + step] for k, v in frame.channels.items()})
        for a in range(0, len(frame), step)
    ]


SIT_AND_STAND = [(3.0, 0, 0), (2.0, -0.4, 30), (3.0, 0, 0), (1.5, 0.4, 35), (3.0, 0, 0)]


def test_rise_of_a_known_displacement() -> None:
    n = int(2 * RATE)
    z = 0.35 * smooth_step(n)
    a = np.gradient(np.gradient(z, 1 / RATE), 1 / RATE) / 9.80665 + 1.02  # with a 0.02 g bias
    assert vertical_rise_m(a, RATE, 1.02, 1.02) == pytest.approx(0.35, abs=0.03)
    assert vertical_rise_m(-a + 2.04, RATE, 1.02, 1.02) == pytest.approx(-0.35, abs=0.03)


def test_vertical_acc_removes_the_tilt() -> None:
    f = np.array([0.0, 30.0, 60.0])
    acc = np.stack([-np.sin(np.radians(f)), np.zeros(3), np.cos(np.radians(f))], axis=1)
    assert np.allclose(vertical_acc_g(acc, f, np.zeros(3), f), 1.0, atol=1e-9)


def test_sit_down_and_stand_up_detected_with_direction_and_timing() -> None:
    frame = chair_frame(SIT_AND_STAND)
    moves = detect_sit_stand(frame)
    assert [m.kind for m in moves] == ["stand_to_sit", "sit_to_stand"]
    # by default the integration starts where the stillness test trips, after the movement's
    # gentle onset: the rise is underestimated (thresholds were chosen on HAPT that way) ...
    assert -0.45 < moves[0].rise_m < -0.25 and 0.25 < moves[1].rise_m < 0.45
    # ... integrating from the still samples before it recovers the true 0.4 m
    full = detect_sit_stand(frame, SitStandSettings(integrate_lead_in=True))
    assert [m.rise_m for m in full] == [pytest.approx(-0.4, abs=0.05), pytest.approx(0.4, abs=0.05)]
    # the sit-down is 3-5 s, the stand-up 8-9.5 s; a move ends where 90 % of its fall or rise is
    # done (end_at_settled), before the body is still again; decided soon after it is still
    s0, e0 = moves[0].start_ns / NS_PER_S, moves[0].end_ns / NS_PER_S
    assert 2.5 <= s0 <= 3.5 and 4.2 <= e0 <= 5.0
    assert 7.5 <= moves[1].start_ns / NS_PER_S <= 8.5 and 9.0 <= moves[1].end_ns / NS_PER_S <= 9.5
    assert all(0 < (m.decided_ns - m.end_ns) / NS_PER_S <= 2.0 for m in moves)
    at_still = detect_sit_stand(frame, SitStandSettings(end_at_settled=None))
    assert all(a.end_ns > b.end_ns for a, b in zip(at_still, moves))  # ended where the stillness test trips


@pytest.mark.parametrize("step", [1, 7, 18, 50, 333])
def test_chunk_invariant(step: int) -> None:
    frame = chair_frame(SIT_AND_STAND, seed=3)
    whole = detect_sit_stand(frame)
    det = SitStandDetector()
    parts = [m for p in pieces(frame, step) for m in det.process(p)] + det.finish()
    assert parts == whole and len(whole) == 2


def test_bend_without_rise_and_lying_are_not_chair_transfers() -> None:
    bend = chair_frame([(3.0, 0, 0), (2.0, 0.0, 60), (3.0, 0, 0)])
    assert detect_sit_stand(bend) == []
    lying = chair_frame(SIT_AND_STAND, incline_deg=80.0)
    assert detect_sit_stand(lying) == []
    # a threshold above the rise: nothing
    assert detect_sit_stand(chair_frame(SIT_AND_STAND), SitStandSettings(min_rise_m=0.6)) == []


def test_open_movement_at_end_of_data_and_missing_gyro() -> None:
    frame = chair_frame([(3.0, 0, 0), (2.0, -0.4, 30), (3.0, 0, 0), (1.5, 0.4, 35)])
    moves = detect_sit_stand(frame)
    assert [m.kind for m in moves] == ["stand_to_sit", "sit_to_stand"] and moves[1].end_of_data
    no_gyro = BodyFrame(frame.t_ns, RATE, frame.placements, {k: v for k, v in frame.channels.items() if k != "pelvis_gyr_dps"})
    with pytest.raises(ValueError, match="pelvis_gyr_dps"):
        detect_sit_stand(no_gyro)


@pytest.mark.skipif(not DATA.is_dir(), reason="shared data absent")
def test_real_sisfall_chair_trials_give_one_sit_down_and_one_stand_up() -> None:
    """A few SisFall trials (unseen data; every trial is in benchmarks/bench_posture)."""
    from oefensense.io.body_frames import alignment_from_file, runtime_body_frame

    ref = alignment_from_file(DATA / "sisfall" / "SA02" / "D01_SA02_R01.waist.csv.gz")
    for code in ("D07", "D08", "D10"):
        frame, _ = runtime_body_frame(DATA / "sisfall" / "SA02" / f"{code}_SA02_R01.waist.csv.gz", alignment=ref)
        kinds = [m.kind for m in detect_sit_stand(frame)]
        assert kinds == ["stand_to_sit", "sit_to_stand"], code


def _numpy_still(norm: np.ndarray, gyr: np.ndarray, w: int, sd_max: float, g_max: float) -> np.ndarray:
    """The detector's original numpy stillness test (reference for the compiled kernel)."""
    from numpy.lib.stride_tricks import sliding_window_view

    nw = sliding_window_view(norm, w)
    mean = nw.mean(axis=1)
    sd = np.sqrt(np.maximum((nw * nw).mean(axis=1) - mean * mean, 0.0))
    gmean = sliding_window_view(gyr, w).mean(axis=1)
    with np.errstate(invalid="ignore"):
        return np.isfinite(sd) & np.isfinite(gmean) & (sd < sd_max) & (gmean < g_max)


@pytest.mark.parametrize("w", [1, 7, 25, 100, 129, 300])
def test_compiled_stillness_equals_numpy(w: int) -> None:
    """The compiled kernel gives numpy's flags bit for bit, including at the thresholds (values
    chosen so many windows sit right at them) and with NaN gaps."""
    from oefensense.analysis.sit_stand import _still_flags

    rng = np.random.default_rng(w)
    n = 5000
    norm = 1.0 + rng.normal(0, 0.02, n) * (rng.random(n) < 0.5)
    gyr = np.abs(rng.normal(10.0, 0.5, n))
    norm[rng.integers(0, n, 20)] = np.nan
    gyr[rng.integers(0, n, 20)] = np.nan
    out = np.empty(n - w + 1, np.bool_)
    _still_flags(norm, norm * norm, gyr, w, 0.02, 10.0, out)
    ref = _numpy_still(norm, gyr, w, 0.02, 10.0)
    assert 0 < ref.sum() < len(ref)  # the data straddles the thresholds
    np.testing.assert_array_equal(out, ref)


def test_row_norm_is_numpys_norm_bit_for_bit() -> None:
    from oefensense.analysis.sit_stand import _row_norm

    v = np.random.default_rng(3).normal(0, 2, (4000, 3))
    v[5] = np.nan
    np.testing.assert_array_equal(_row_norm(v), np.linalg.norm(v, axis=1))


@pytest.mark.parametrize("seed", range(6))
def test_stillness_shortcut_at_the_exact_thresholds(seed: int) -> None:
    """The running-sum shortcut of the kernel decides only windows its error bound keeps clear of
    a threshold: with the thresholds set to windows' own SD and mean |gyro| (so those windows sit
    exactly on them), at a block's size with turning bursts of hundreds of deg/s and NaN, the
    flags are still numpy's, bit for bit."""
    from numpy.lib.stride_tricks import sliding_window_view

    from oefensense.analysis.sit_stand import _still_flags

    rng = np.random.default_rng(100 + seed)
    n, w = 9024, 25
    norm = 1.0 + rng.normal(0, 0.015, n)
    gyr = np.abs(rng.normal(6.0, 3.0, n))
    burst = rng.integers(0, n - 200, 8)
    for b in burst:
        gyr[b:b + 150] = np.abs(rng.normal(300.0, 100.0, 150))
        norm[b:b + 150] += rng.normal(0, 0.3, 150)
    norm[rng.integers(0, n, 5)] = np.nan
    gyr[rng.integers(0, n, 5)] = np.inf
    nw = sliding_window_view(norm, w)
    mean = nw.mean(axis=1)
    sd = np.sqrt(np.maximum((nw * nw).mean(axis=1) - mean * mean, 0.0))
    gmean = sliding_window_view(gyr, w).mean(axis=1)
    ok = np.isfinite(sd) & np.isfinite(gmean) & (gmean < 50)
    picks = rng.choice(np.flatnonzero(ok), 4, replace=False)
    for sd_max, g_max in [(float(sd[picks[0]]), float(gmean[picks[1]])), (float(sd[picks[2]]), 10.0),
                          (0.02, float(gmean[picks[3]]))]:
        out = np.empty(n - w + 1, np.bool_)
        _still_flags(norm, norm * norm, gyr, w, sd_max, g_max, out)
        ref = _numpy_still(norm, gyr, w, sd_max, g_max)
        assert 0 < ref.sum() < len(ref)
        np.testing.assert_array_equal(out, ref)


def test_stillness_on_constant_windows_at_the_thresholds() -> None:
    """Constant |gyro| equal to the threshold is not still (mean not below it); |a| alternating
    +-0.02 g about 1 g has an SD at the 0.02 g threshold up to rounding: numpy's flags, whichever
    way its rounding falls."""
    from oefensense.analysis.sit_stand import _still_flags

    n, w = 4000, 24
    norm = np.where(np.arange(n) % 2 == 0, 1.02, 0.98)
    for gyr_value in (10.0, np.nextafter(10.0, 0.0), 0.0):
        gyr = np.full(n, gyr_value)
        out = np.empty(n - w + 1, np.bool_)
        _still_flags(norm, norm * norm, gyr, w, 0.02, 10.0, out)
        np.testing.assert_array_equal(out, _numpy_still(norm, gyr, w, 0.02, 10.0))
    for sd_max in (0.02, np.nextafter(0.02, 1.0), np.nextafter(0.02, 0.0)):
        gyr = np.zeros(n)
        out = np.empty(n - w + 1, np.bool_)
        _still_flags(norm, norm * norm, gyr, w, sd_max, 10.0, out)
        np.testing.assert_array_equal(out, _numpy_still(norm, gyr, w, sd_max, 10.0))


# -- the sit-stand detector's runs (#20's thirteenth round: array slices instead of tuple lists) --

class _ListDetector(SitStandDetector):
    """The detector's stream methods as they were before #20's thirteenth round (Python lists of
    (vertical acc, inclination) tuples), kept as the reference the array form must equal."""

    def reset(self) -> None:
        super().reset()
        self._rest, self._move_n, self._move_rest, self._after = [], [], [], []

    def process(self, frame: BodyFrame) -> list[SitStandMove]:
        if len(frame) == 0:
            return []
        if not (frame.has("pelvis_acc_g") and frame.has("pelvis_gyr_dps")):
            raise ValueError("SitStandDetector needs pelvis_acc_g and pelvis_gyr_dps")
        self._rate = float(frame.rate_hz)
        acc = np.asarray(frame["pelvis_acc_g"], float)
        norm = _row_norm(acc)
        gyr = _row_norm(np.asarray(frame["pelvis_gyr_dps"], float))
        inc = np.asarray(frame["pelvis_inclination_deg"], float) if frame.has("pelvis_inclination_deg") else np.zeros(len(norm))
        vert = norm
        if self.settings.fused_vertical and frame.has("pelvis_flexion_deg") and frame.has("pelvis_lateral_deg"):
            vert = vertical_acc_g(acc, frame["pelvis_flexion_deg"], frame["pelvis_lateral_deg"], inc)
        still = self._still(norm, gyr)
        out: list[SitStandMove] = []
        t = frame.t_ns
        # Work per run of equal still state (a few per frame), not per sample.
        edges = np.flatnonzero(np.diff(still.astype(np.int8))) + 1
        bounds = np.concatenate([[0], edges, [len(still)]])
        pairs = np.stack([vert, inc], axis=1)
        for a, b in zip(bounds[:-1], bounds[1:]):
            self._run(bool(still[a]), pairs[a:b], t[a:b], out)
        self._last_t = int(t[-1])
        return out

    def _run(self, still: bool, vals: np.ndarray, t: np.ndarray, out: list[SitStandMove]) -> None:
        """One run of samples with the same still state: ``vals`` (n, 2) = (vertical acc g,
        inclination deg), ``t`` their times (ns)."""
        s = self.settings
        assert self._rate is not None
        nb = max(int(round(s.baseline_s * self._rate)), 1)
        if still:
            if self._move_start is not None:  # a movement just ended
                rest0 = self._move_rest or [(float(vals[0, 0]), float(vals[0, 1]))]
                dur = (int(t[0]) - self._move_start) / NS_PER_S
                # a movement too short or too long can raise nothing: no after-baseline needed
                ok = bool(self._move_n) and s.min_move_s <= dur <= s.max_move_s
                ok &= bool(self._move_rest) or not self.mid_stream
                self._pending = (self._move_start, int(t[0]), self._move_n, rest0) if ok else None
                self._after = []
                self._move_start, self._move_n = None, []
            if self._pending is not None:
                need = nb - len(self._after)
                self._after.extend(map(tuple, vals[:need].tolist()))
                if len(self._after) >= nb:
                    self._decide(int(t[need - 1]), out)
            self._rest = (self._rest + list(map(tuple, vals[-nb:].tolist())))[-nb:]
            return
        if self._pending is not None:  # moving again before the after-baseline was complete
            if self._after:
                self._decide(int(t[0]), out)
            else:
                self._pending = None
        if self._move_start is None:
            self._move_start = int(t[0])
            self._move_rest = self._rest  # still samples before it (medians only when decided)
            self._too_long = False
            if self.settings.integrate_lead_in:
                # the trailing stillness test trips only once the movement is under way: its
                # onset is in the still samples just before, so integrate from there
                self._move_n = [v for v, _ in self._rest]
            self._rest = []
        if not self._too_long:
            self._move_n.extend(vals[:, 0].tolist())
            if len(self._move_n) > s.max_move_s * self._rate:
                self._too_long, self._move_n = True, []

    def _decide(self, now: int, out: list[SitStandMove], end_of_data: bool = False) -> None:
        assert self._pending is not None and self._rate is not None
        start, end, ns, rest_samples = self._pending
        after, self._pending, self._after = self._after, None, []
        s = self.settings
        dur = (end - start) / NS_PER_S
        if not ns or dur < s.min_move_s or dur > s.max_move_s:
            return
        rest0 = _old_median_rest(rest_samples)
        assert rest0 is not None
        rest1 = _old_median_rest(after) or rest0
        if max(rest0[1], rest1[1]) >= s.lying_deg:
            return
        vert = np.asarray(ns)
        rise = ss.vertical_rise_m(vert, self._rate, rest0[0], rest1[0])
        if abs(rise) >= s.min_rise_m:
            steps = step_impacts(vert - rest0[0], s.step_g)
            if s.end_at_settled is not None:
                k = rise_settled_index(vert, self._rate, rest0[0], rest1[0], s.end_at_settled)
                end = min(end, start + int(round(max(k, 1) * NS_PER_S / self._rate)))
            out.append(SitStandMove(KINDS[0] if rise > 0 else KINDS[1], start, end, round(rise, 3), now, end_of_data, steps))

    def finish(self) -> list[SitStandMove]:
        """Decide what the end of the data leaves open (a movement with no still period after)."""
        out: list[SitStandMove] = []
        if self._last_t is None:
            return out
        if self._pending is not None:
            self._decide(self._last_t, out)
        if self._move_start is not None and not self._too_long and self._move_n and (self._move_rest or not self.mid_stream):
            samples = self._move_rest or [(self._move_n[0], 0.0)]
            self._pending = (self._move_start, self._last_t, self._move_n, samples)
            self._after = [(self._move_n[-1], _median(([i for _, i in samples])))]
            self._decide(self._last_t, out, end_of_data=True)
        self._move_start, self._move_n = None, []
        return out


def _old_median_rest(samples: list) -> tuple[float, float] | None:
    if not samples:
        return None
    return _median([v for v, _ in samples]), _median([i for _, i in samples])


def _rises(monkeypatch: pytest.MonkeyPatch, det: SitStandDetector, frames: list) -> tuple[list, list]:
    """(moves, every call of vertical_rise_m as (input bytes, rest before, rest after, result))."""
    calls: list = []
    real = vertical_rise_m  # the module's own (imported before any patch)

    def recorded(norm_g, rate_hz, rest_before_g, rest_after_g):  # noqa: ANN001, ANN202
        out = real(norm_g, rate_hz, rest_before_g, rest_after_g)
        calls.append((np.asarray(norm_g, float).tobytes(), rest_before_g, rest_after_g, out))
        return out

    monkeypatch.setattr(ss, "vertical_rise_m", recorded)
    moves = [m for f in frames for m in det.process(f)] + det.finish()
    return moves, calls


PLANS = [
    SIT_AND_STAND,
    [(2.0, 0, 0), (1.2, 0.35, 30), (0.3, 0, 0), (1.0, -0.3, 25), (2.5, 0, 0), (9.0, 0.2, 10), (2.0, 0, 0)],
    [(0.2, 0, 0), (1.5, -0.4, 40), (0.4, 0, 0), (1.5, 0.4, 30), (0.1, 0, 0)],  # short still runs, ends moving
    [(1.0, 0.3, 20), (2.0, 0, 0), (1.5, -0.3, 70), (3.0, 0, 70), (1.5, 0.3, 20), (1.0, 0, 0)],  # lying lean
]


@pytest.mark.parametrize("plan", range(len(PLANS)))
@pytest.mark.parametrize("step", [1, 13, 50, 10_000])
@pytest.mark.parametrize("variant", ["default", "lead_in", "mid_stream"])
def test_array_runs_equal_the_tuple_lists(monkeypatch: pytest.MonkeyPatch, plan: int, step: int, variant: str) -> None:
    """The detector's moves and every rise it integrated (the vertical acceleration passed, bit
    for bit, and both resting medians) are those of the list-based detector it replaced, for
    chunkings from one sample to the whole stream, with the lead-in integration and mid-stream."""
    settings = SitStandSettings(integrate_lead_in=variant == "lead_in")
    frames = pieces(chair_frame(PLANS[plan], seed=plan), step)
    mid = variant == "mid_stream"
    got = _rises(monkeypatch, SitStandDetector(settings, mid_stream=mid), frames)
    ref = _rises(monkeypatch, _ListDetector(settings, mid_stream=mid), frames)
    assert got[1] == ref[1] and got[0] == ref[0]
    if variant == "default":
        assert ref[1]  # movements were integrated: the comparison had something to compare
