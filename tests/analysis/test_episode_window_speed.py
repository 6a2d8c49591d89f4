"""#20's fourteenth round against the code it replaced (kept below, verbatim but for names), bit
for bit: the lifting stage's ZUPT velocity kernel (``_lifting_kernels.zupt_velocity``, was a
Python loop over every pair of still samples with ``np.cumsum``/``np.linspace``), its episode
features without ``np.nan_to_num`` copies of all-finite signals, its first-crossing searches by
``argmax`` instead of ``flatnonzero``, and the non-wear stage judging a whole window's epochs from
arrays instead of lists of pieces. Every candidate episode (features, gate values, P(lift),
index), every lift, every non-wear event and flag must have the old code's bits."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from scipy.ndimage import uniform_filter1d

from oefensense.analysis import lifting as stage_module
from oefensense.analysis import non_wear as nw
from oefensense.analysis.lifting import LiftingSettings, LiftingStage
from oefensense.analysis.models import load_model
from oefensense.core.frames import BodyFrame
from oefensense.core.types import NS_PER_S, Placement
from oefensense.features import _lifting_kernels as _k
from oefensense.features import lifting_features as lf
from oefensense.features.lifting_signals import G_MS2, LiftSignals

from .test_lifting_features_speed import _bits
from .test_lifting_signals_speed import _blocks, _stream


# ---- the reference: the code as it was (main 906cd05) ---------------------------------------
def ref_zupt_velocity(a: np.ndarray, still: np.ndarray, dt: float) -> np.ndarray:
    v = np.zeros_like(a)
    idx = np.flatnonzero(still)
    for k0, k1 in zip(idx[:-1], idx[1:]):
        if k1 - k0 > 1:
            seg = np.cumsum(a[k0 + 1 : k1 + 1]) * dt
            seg -= np.linspace(seg[0] / (k1 - k0), seg[-1], seg.shape[0])
            v[k0 + 1 : k1 + 1] = seg
    return v


def ref_displacement(self, s, e):  # noqa: ANN001, ANN201
    r = self.rest_before(s)
    a = self.seg("av", r, e) * G_MS2
    still = self.seg("still", r, e).copy()
    rest = self._rest(r, e)
    m = int(round(self.settings.zupt_min_s * self.rate))
    if still.any():
        edges = np.flatnonzero(np.diff(np.concatenate([[0], still.astype(np.int8), [0]])))
        for r0, r1 in zip(edges[::2], edges[1::2]):
            if m > 1 and r1 - r0 < m:
                still[r0:r1] = False
                continue
            at_rest = np.flatnonzero(rest[r0:r1])
            if at_rest.size:
                still[r0 : r0 + at_rest[0]] = False
                still[r0 + at_rest[-1] + 1 : r1] = False
    still[0] = still[-1] = True
    v = ref_zupt_velocity(a, still, 1.0 / self.rate)
    return (np.cumsum(v) * (1.0 / self.rate))[s - r :]


def ref_low_plateau(sig, s, e, plateau_m):  # noqa: ANN001, ANN201
    disp = sig.displacement(s, e)
    low = disp <= disp.min() + plateau_m
    g = np.nan_to_num(sig.seg("gyr", s, e), nan=0.0)
    xi = np.interp(*lf._shape_grid(disp.shape[0]), disp)
    inc = sig.seg("inc", s, e)
    flex = np.nan_to_num(sig.seg("flex", s, e), nan=0.0)
    av = sig.seg("av", s, e)
    k = int(np.argmin(disp))
    return {"low_plateau_s": float(np.count_nonzero(low)) / sig.rate,
            "low_plateau_gyr_dps": float(np.mean(g[low])),
            "low_inc_deg": float(np.mean(inc[low])),
            "low_max_inc_deg": float(np.max(inc[low])),
            "low_flex_deg": float(np.mean(flex[low])),
            "low_min_flex_deg": float(np.min(flex[low])),
            "down_max_av_g": float(np.max(av[: k + 1])),
            "up_max_av_g": float(np.max(av[k:])),
            "down_min_av_g": float(np.min(av[: k + 1])),
            "up_min_av_g": float(np.min(av[k:])),
            "low_min_m": float(disp[k]),
            "rise_m": float(disp[-1] - disp[k]),
            "t_low_frac": k / max(1, disp.shape[0] - 1),
            **dict(zip(lf._SHAPE_NAMES["disp"], xi.tolist()))}


def ref_shape(sig, s, e):  # noqa: ANN001, ANN201
    out = {}
    grid = lf._shape_grid(e - s + 1)
    for name in lf.SHAPE_SIGNALS:
        x = np.nan_to_num(sig.seg(name, s, e))
        out.update(zip(lf._SHAPE_NAMES[name], np.interp(*grid, x).tolist()))
    return out


def ref_quiet(sig, s, e):  # noqa: ANN001, ANN201
    w = int(sig.rate)
    g = sig.seg("gyr", s, e)
    n = g.shape[0]
    if n < w + 2:
        return {"quiet_gyr_dps": float(np.nanmean(g)), "quiet_acc_std_g": float(np.std(sig.seg("anorm", s, e))),
                "quiet_inc_deg": float(np.mean(sig.seg("inc", s, e))),
                "quiet_flex_deg": lf.finite_mean(sig.seg("flex", s, e))}
    gm = np.convolve(np.nan_to_num(g, nan=1e3), np.ones(w) / w, mode="valid")
    a = sig.seg("anorm", s, e)
    am = np.convolve(a, np.ones(w) / w, mode="valid")
    a2 = np.convolve(a * a, np.ones(w) / w, mode="valid")
    astd = np.sqrt(np.maximum(a2 - am * am, 0.0))
    k = int(np.argmin(gm))
    return {"quiet_gyr_dps": float(gm[k]), "quiet_acc_std_g": float(astd.min()),
            "quiet_inc_deg": float(np.mean(sig.seg("inc", s + k, s + k + w - 1))),
            "quiet_flex_deg": lf.finite_mean(sig.seg("flex", s + k, s + k + w - 1))}


def ref_episode_gate(sig, s, e, end_state_s):  # noqa: ANN001, ANN201
    k = max(1, int(round(end_state_s * sig.rate)))
    inc = sig.seg("inc", s, e)
    k = min(k, max(1, inc.shape[0] // 3))
    out = {"start_tilt_deg": float(np.mean(inc[:k])), "end_tilt_deg": float(np.mean(inc[-k:]))}
    acc, gyr = sig.seg("acc", s, e), sig.seg("gyr3", s, e)
    g = uniform_filter1d(np.nan_to_num(acc), size=max(1, int(round(0.5 * sig.rate))), axis=0, mode="nearest")
    g /= np.maximum(np.linalg.norm(g, axis=1, keepdims=True), 1e-9)
    yaw = np.abs(np.nan_to_num(np.einsum("ij,ij->i", gyr, g)))
    out["turn_deg"] = float(np.sum(yaw) / sig.rate)
    out["offplane_deg"] = lf.offplane_deg(acc)
    out["peak_tilt_deg"] = float(np.max(inc))
    up = sig.buf.get("up")
    if up is not None:
        lat = np.degrees(np.arcsin(np.clip(np.nan_to_num(sig.seg("up", s, e)[:, 1]), -1.0, 1.0)))
        out["lateral_deg"] = float(np.max(np.abs(lat - np.mean(lat[:k]))))
    else:
        out["lateral_deg"] = float("nan")
    still = sig.seg("still", s, e)
    for d in lf.HORIZONTAL_DEGS:
        hz = inc >= d
        out[f"horizontal_s_{d:g}"] = float(np.count_nonzero(hz)) / sig.rate
        out[f"horizontal_still_s_{d:g}"] = lf._longest_run(hz & still) / sig.rate
    return out


def ref_first(x, level, below, window=256):  # noqa: ANN001, ANN201
    a, n = 0, x.shape[0]
    while a < n:
        part = x[a : a + window]
        hit = np.flatnonzero(part < level if below else part > level)
        if hit.size:
            return a + int(hit[0])
        a += window
        window *= 2
    return n


def ref_first_true(x):  # noqa: ANN001, ANN201
    hit = np.flatnonzero(x)
    return int(hit[0]) if hit.size else x.shape[0]


# ---- the ZUPT kernel ------------------------------------------------------------------------
def _zupt_cases() -> list[tuple[np.ndarray, np.ndarray]]:
    rng = np.random.default_rng(14)
    out = []
    for n in (2, 3, 5, 40, 400, 3000):
        for kind in range(6):
            a = rng.normal(0.0, 3.0, n)
            still = rng.random(n) < (0.05, 0.3, 0.7, 0.95, 0.5, 0.5)[kind]
            if kind == 4:  # runs, as the still flag makes them
                still = np.repeat(rng.random(n // 10 + 1) < 0.5, 10)[:n]
            if kind == 5 and n > 3:  # NaN and inf in the movement
                a[rng.integers(0, n, 2)] = np.nan
                a[rng.integers(0, n)] = np.inf
            still[0] = still[-1] = True
            out.append((a, still))
    # subnormal values: the step (stop - start) / (m - 1) underflows to 0 (linspace's other branch)
    for n in (7, 50):
        a = rng.integers(-3, 4, n) * 5e-324
        still = np.zeros(n, bool)
        still[[0, n // 3, n - 1]] = True
        out.append((a, still))
    # a run whose end value equals its start value / m exactly: step 0 with normal numbers
    a = np.array([0.0, 4.0, -3.0, 0.0, 0.0, 0.0])
    out.append((a, np.array([True, False, False, False, True, True])))
    out.append((np.full(30, -0.0), np.r_[True, np.zeros(28, bool), True]))  # signed zeros
    return out


@pytest.mark.parametrize("case", range(len(_zupt_cases())))
@pytest.mark.parametrize("dt", [0.02, 0.005, 1.0 / 3.0])
def test_zupt_velocity_is_the_loops_bits(case: int, dt: float) -> None:
    a, still = _zupt_cases()[case]
    v = np.zeros_like(a)
    with np.errstate(all="ignore"):
        ref = ref_zupt_velocity(a, still, dt)
    _k.zupt_velocity(a, still, dt, v)
    np.testing.assert_array_equal(v.view(np.int64)[~np.isnan(ref)], ref.view(np.int64)[~np.isnan(ref)])
    assert np.array_equal(np.isnan(v), np.isnan(ref))


def test_displacement_over_every_stretch_as_before() -> None:
    """``LiftSignals.displacement`` over many stretches of a stream with bends, lying, invalid
    and NaN samples, and with the stricter rest (zupt_rest_*, zupt_back_s) on."""
    for st in (LiftingSettings(), LiftingSettings(zupt_rest_gyr_dps=20.0, zupt_back_s=1.0)):
        sig = LiftSignals(st, "pelvis", 50.0)
        for f in _blocks(_stream(12_000, seed=3), [3000]):
            sig.append(f)
        rng = np.random.default_rng(1)
        for _ in range(300):
            s = int(rng.integers(sig.off, sig.end - 2))
            e = int(rng.integers(s + 1, min(sig.end, s + 1500)))
            assert sig.displacement(s, e).tobytes() == ref_displacement(sig, s, e).tobytes(), (s, e)


def test_first_crossing_searches_as_before() -> None:
    rng = np.random.default_rng(2)
    for n in (0, 1, 2, 255, 256, 257, 3000):
        x = rng.normal(0.0, 10.0, n)
        if n > 3:
            x[rng.integers(0, n, 2)] = np.nan
        for level in (-30.0, 0.0, 6.0, 10.0, 40.0):
            for below in (True, False):
                assert stage_module._first(x, level, below) == ref_first(x, level, below)
        for p in (0.0, 0.001, 0.5, 1.0):
            b = rng.random(n) < p
            assert stage_module._first_true(b) == ref_first_true(b)


# ---- every lifting candidate ----------------------------------------------------------------
def _candidates(frames: list[BodyFrame], reference: bool, monkeypatch: pytest.MonkeyPatch) -> list:
    if reference:
        monkeypatch.setattr(LiftSignals, "displacement", ref_displacement)
        monkeypatch.setattr(lf, "_low_plateau", ref_low_plateau)
        monkeypatch.setattr(lf, "_shape", ref_shape)
        monkeypatch.setattr(lf, "_quiet", ref_quiet)
        monkeypatch.setattr(stage_module, "episode_gate", ref_episode_gate)
        monkeypatch.setattr(stage_module, "_first", ref_first)
        monkeypatch.setattr(stage_module, "_first_true", ref_first_true)
    monkeypatch.setattr(stage_module, "MAX_CANDIDATES", 1_000_000)
    stage = LiftingStage(model=load_model("lifting"))
    events = []
    for f in frames:
        events += [e.to_json_dict() for e in stage.process(f).events]
    events += [e.to_json_dict() for e in stage.finish().events]

    def bits(d: dict) -> dict:
        return {k: _bits(v) if isinstance(v, float) else v for k, v in d.items()}

    return [(c["t_ns"], c["end_ns"], bits(c["features"]), bits(c["gate"]), _bits(c["p_lift"]), _bits(c["index"]))
            for c in stage.candidates] + events


def _same_lifts(frames: list[BodyFrame], monkeypatch: pytest.MonkeyPatch, least: int) -> None:
    with monkeypatch.context() as m:
        new = _candidates(frames, False, m)
    with monkeypatch.context() as m:
        ref = _candidates(frames, True, m)
    assert len([c for c in ref if isinstance(c, tuple)]) >= least  # episodes were rated
    assert new == ref


@pytest.mark.parametrize("sizes", [[9000], [1, 7, 640, 13], [24, 26, 1000, 3]])
def test_every_lifting_candidate_as_before(sizes, monkeypatch):
    frame = _stream(30_000 if sizes != [1, 7, 640, 13] else 8_000, seed=len(sizes) + 40)
    _same_lifts(_blocks(frame, sizes), monkeypatch, least=3)


def test_lifting_on_the_bundled_hapt_recording_as_before(monkeypatch):
    from oefensense.io.body_frames import runtime_body_frame

    hapt = Path(lf.__file__).resolve().parents[1] / "data" / "hapt_user01_exp0_0-240s.waist.csv.gz"
    frame, _ = runtime_body_frame(hapt)
    _same_lifts(_blocks(frame, [3000]), monkeypatch, least=1)


def test_lifting_on_sisfall_lifts_as_before(shared_data, monkeypatch):
    from oefensense.io.body_frames import concat_frames, frames_from_file

    d = shared_data / "sisfall" / "SA03"
    if not d.is_dir():
        pytest.skip("SisFall not available")
    for code in ("D15", "D16"):
        frame = concat_frames(frames_from_file(d / f"{code}_SA03_R02.waist.csv.gz"))
        _same_lifts(_blocks(frame, [250, 64]), monkeypatch, least=1)


# ---- the non-wear stage ---------------------------------------------------------------------
class RefNonWear(nw.NonWearStage):
    """The stage with its window code as it was: every window's epochs collected in lists."""

    def _close_epochs(self, p, sensor, idx, sums, sumsq, counts, samples, bad, out):  # noqa: ANN001, ANN202
        if not len(idx):
            return
        expected = self._rate * self.settings.epoch_s
        ok = ~bad & (counts >= 0.9 * expected) & (samples >= 2)
        n = np.maximum(samples, 1)[:, None]
        mean = sums / n
        var = np.maximum(sumsq / n - mean * mean, 0.0)
        quiet = ok & (np.sqrt(var.max(axis=1)) <= self.settings.max_sd_g)
        win = idx // self._per_window
        cut = np.flatnonzero(np.r_[True, win[1:] != win[:-1], True])
        for a, b in zip(cut[:-1].tolist(), cut[1:].tolist()):
            w = int(win[a])
            if sensor.window is not None and w != sensor.window:
                self._judge_window(p, sensor, out)
            if sensor.window is None:
                sensor.window, sensor.means, sensor.variances, sensor.counts = w, [], [], []
                sensor.moving_from = None
            keep = ok[a:b]
            sensor.means.append(mean[a:b][keep])
            sensor.variances.append(var[a:b][keep])
            sensor.counts.append(samples[a:b][keep])
            moved = np.flatnonzero(~quiet[a:b])
            if len(moved) and sensor.moving_from is None:
                sensor.moving_from = int(idx[a + moved[0]])
            if int(idx[b - 1]) % self._per_window == self._per_window - 1:
                self._judge_window(p, sensor, out)

    def _judge_window(self, p, sensor, out, final=False, parts=None):  # noqa: ANN001, ANN202
        assert parts is None
        return super()._judge_window(p, sensor, out, final)


def _desk_and_wear(n: int, seed: int, slow: bool) -> BodyFrame:
    """50-Hz ticks: worn (sway, movement), a desk (white noise at device level) long enough to
    be non-wear, a still person (sway), a moved desk, NaN stretches; ``slow``: a 25-Hz sensor
    (every other tick repeats a sample: ``acc_sensor_new`` False)."""
    rng = np.random.default_rng(seed)
    t = np.arange(n) / 50.0
    acc = np.tile([0.02, -0.05, 0.99], (n, 1)) + rng.normal(0.0, 0.003, (n, 3))
    worn = np.ones(n, bool)
    worn[int(0.2 * n):int(0.6 * n)] = False  # on a desk
    worn[int(0.45 * n):int(0.46 * n)] = True  # picked up and put down again
    sway = 0.01 * np.sin(2 * np.pi * 0.25 * t)[:, None] + rng.normal(0.0, 0.002, (n, 3)).cumsum(axis=0) * 0.01
    acc[worn] += sway[worn]
    move = (rng.random(n) < 0.002) & worn  # the desk lies still
    acc[(np.flatnonzero(move)[:, None] + np.arange(50)[None, :]) % n] += 0.3
    acc[rng.integers(0, n, 6)] = np.nan
    acc[int(0.7 * n):int(0.7 * n) + 120] = np.nan
    new = np.ones(n, bool)
    if slow:
        new[1::2] = False
        acc[1::2] = acc[0::2][: n // 2]
    ch = {"pelvis_acc_sensor_g": acc, "pelvis_acc_sensor_new": new}
    t_ns = np.round(t * NS_PER_S).astype(np.int64) + 3 * NS_PER_S // 7
    return BodyFrame(t_ns, 50.0, (Placement.PELVIS,), ch)


def _non_wear_run(stage: nw.NonWearStage, frames: list[BodyFrame]) -> list:
    got = []
    for f in frames:
        out = stage.process(f)
        got += [(e.t_ns, e.end_ns, e.fields) for e in out.events]
        got += [(int(r.t_ns[0]) if len(r) else None, r["non_wear"].tobytes()) for r in out.frames]
    out = stage.finish()
    got += [(e.t_ns, e.end_ns, e.fields) for e in out.events]
    got += [(int(r.t_ns[0]) if len(r) else None, r["non_wear"].tobytes()) for r in out.frames]
    return got + [stage.summary()]


@pytest.mark.parametrize("slow", [False, True])
@pytest.mark.parametrize("sizes", [[9000], [800], [1, 7, 640, 13], [799, 801, 1600, 3]])
def test_non_wear_as_before(sizes, slow):
    frame = _desk_and_wear(60_000, seed=len(sizes) + slow, slow=slow)
    settings = nw.NonWearSettings(min_s=120.0)  # a 20-min recording: runs that end as non-wear
    new = _non_wear_run(nw.NonWearStage(settings), _blocks(frame, sizes))
    ref = _non_wear_run(RefNonWear(settings), _blocks(frame, sizes))
    assert any(isinstance(x, tuple) and len(x) == 3 for x in ref), "no non-wear period: the test would see nothing"
    assert new == ref
