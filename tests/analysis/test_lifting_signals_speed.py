"""LiftSignals' compiled block kernels (``features/_lifting_kernels.py``) give the bits of the
numpy code they replaced (kept below as the reference, verbatim but for names), on a synthetic
stream with every branch (quiet standing that sets and moves the standing reference, bends,
NaN/inf samples, invalid stretches, no gyro, no flexion/lateral) in blocks of 1 to 9000
samples, and on real SisFall trials when ../shared/data is there. Every buffered signal is
compared bit for bit after every block: the lifting stage's results (and ``analyze``'s files)
must not move, and the accuracy figures were measured with the numpy code.
"""

from __future__ import annotations

import numpy as np
import pytest

from oefensense.analysis.lifting import LiftingSettings, LiftingStage
from oefensense.analysis.models import load_model
from oefensense.core.frames import BodyFrame
from oefensense.core.types import NS_PER_S, Placement
from oefensense.core.vec import row_norm
from oefensense.features import lifting_signals as ls
from oefensense.features.lifting_signals import LiftSignals, _channel, _updates, trailing_mean, trailing_std

RATE = 50.0


def ref_updates(quiet, mu, am, st, ref_now):  # noqa: ANN001, ANN201 - _updates at main d3209ac, verbatim
    if quiet.shape[0] <= 4:
        for k in quiet.tolist():
            ref = ref_now()
            if ref is None:
                if am[k] < st.ref_init_deg:
                    yield k
            elif am[k] < st.ref_dev_deg or np.degrees(np.arccos(np.clip(mu[k] @ ref, -1.0, 1.0))) < st.ref_dev_deg:
                yield k
        return
    cos_dev = float(np.cos(np.radians(st.ref_dev_deg))) - 1e-9
    j, n = 0, quiet.shape[0]
    while j < n:
        ref = ref_now()
        rest = quiet[j:]
        if ref is None:
            hit = np.flatnonzero(am[rest] < st.ref_init_deg)
            if not hit.size:
                return
            j += int(hit[0]) + 1
            yield int(rest[hit[0]])
            continue
        w = 64
        while True:
            part = rest[:w]
            cand = np.flatnonzero((am[part] < st.ref_dev_deg) | (mu[part] @ ref > cos_dev))
            if cand.size or w >= rest.shape[0]:
                break
            w *= 2
        if not cand.size:
            return
        k = int(part[cand[0]])
        j += int(cand[0]) + 1
        if am[k] < st.ref_dev_deg or np.degrees(np.arccos(np.clip(mu[k] @ ref, -1.0, 1.0))) < st.ref_dev_deg:
            yield k


class NumpyLiftSignals(LiftSignals):
    """The numpy implementation before the kernels (oefensense 4 Dec 2026, main 304aedd)."""

    def append(self, frame: BodyFrame) -> None:
        """Add one BodyFrame block's samples (same rate as the first)."""
        p = self.placement
        n = len(frame)
        acc = np.asarray(frame[f"{p}_acc_g"], float)
        fl = np.radians(np.asarray(frame[f"{p}_flexion_deg"], float)) if frame.has(f"{p}_flexion_deg") else None
        la = np.radians(np.asarray(frame[f"{p}_lateral_deg"], float)) if frame.has(f"{p}_lateral_deg") else None
        inc = np.asarray(frame[f"{p}_inclination_deg"], float)
        if fl is not None and la is not None:
            # up vector in segment axes: tilt direction from flexion/lateral, size from
            # inclination (stays finite past 90°, unlike tan-based forms)
            h = np.stack([-np.sin(fl), np.sin(la)], axis=1)
            hn = np.linalg.norm(h, axis=1, keepdims=True)
            h = np.divide(h, hn, out=np.zeros_like(h), where=hn > 1e-9)
            ri = np.radians(inc)
            up = np.column_stack([h * np.sin(ri)[:, None], np.cos(ri)])
            av = np.einsum("ij,ij->i", acc, up) - 1.0
        else:  # rotation-invariant fallback: |acc| − 1 ≈ vertical specific force
            av = row_norm(acc) - 1.0
            up = None
        gyr = _channel(frame, f"{p}_gyr_dps")
        gnorm = row_norm(gyr) if gyr is not None else np.full(n, np.nan)
        flex_src = _channel(frame, "trunk_flexion_deg", f"{p}_flexion_deg")
        flex = np.asarray(flex_src, float) if flex_src is not None else inc
        # forward not yet known: the flexion is a guess; the inclination is the same size for a
        # forward bend and needs no forward direction
        prov_src = "trunk" if frame.has("trunk_flexion_deg") else p
        prov = _channel(frame, f"{prov_src}_provisional")
        if prov is not None and flex_src is not None:
            flex = np.where(np.asarray(prov, bool), np.asarray(frame[f"{prov_src}_inclination_deg"], float), flex)
        twist_prov = [frame[f"{q}_provisional"] for q in ("trunk", "pelvis") if frame.has(f"{q}_provisional")]
        valid = _channel(frame, f"{p}_valid", "valid")
        valid = np.ones(n, bool) if valid is None else np.asarray(valid, bool)
        nan = np.full(n, np.nan)
        twist = _channel(frame, "trunk_twist_deg")
        thigh = _channel(frame, "thigh_inclination_deg")
        posture = _channel(frame, "posture_code")
        inc = np.where(valid & np.isfinite(inc), inc, 0.0)
        up = np.where(valid[:, None], up, np.nan) if up is not None else None  # NaN: no reference update
        new = {
            "t_ns": np.asarray(frame.t_ns, np.int64),
            "inc_abs": inc,
            "inc": inc.copy(),  # replaced by the angle to the standing reference (_relative_inclination)
            "av": np.where(valid & np.isfinite(av), av, 0.0),
            "gyr": np.where(valid, gnorm, 0.0),
            "flex": np.where(valid, flex, np.nan),
            "twist": nan if twist is None else np.where(np.any(twist_prov, axis=0), np.nan, twist) if twist_prov else np.asarray(twist, float),
            "thigh": nan if thigh is None else np.asarray(thigh, float),
            "posture": np.full(n, -1, np.int8) if posture is None else np.asarray(posture, np.int8),
            # raw vectors (segment axes) for the rotation about gravity (``lifting_features.episode_gate``)
            "acc": np.where(valid[:, None], acc, np.nan),
            "gyr3": np.full((n, 3), np.nan) if gyr is None else np.where(valid[:, None], np.asarray(gyr, float), np.nan),
        }
        # causal still flag over the last still_window_s: mean |gyro| low and |acc| steady
        # (a pure vertical hip movement barely rotates the pelvis, so gyro alone is not enough)
        w = max(1, int(round(self.settings.still_window_s * self.rate)))
        an = np.where(valid, row_norm(acc), 1.0)  # invalid samples: nothing known, "still"
        if self.buf and w > 1:
            prev_g, prev_a = self.buf["gyr"][-(w - 1):], self.buf["anorm"][-(w - 1):]
        else:
            prev_g = prev_a = np.zeros(0)
        g = np.nan_to_num(np.concatenate([prev_g, new["gyr"]]), nan=1e3)
        a_ = np.concatenate([prev_a, an])
        k = prev_g.shape[0]
        new["anorm"] = an
        new["still"] = (
            (trailing_mean(g, w) < self.settings.still_gyr_dps)
            & (trailing_std(a_, w) < self.settings.still_acc_std_g)
        )[k:]
        if up is not None:  # standing reference and end-vs-start features
            new["up"] = up
        if not self.buf:
            self.buf = new
        else:
            self.buf = {k: np.concatenate([self.buf[k], v]) for k, v in new.items() if k in self.buf}
        if "up" in self.buf and self.settings.relative_to_standing:
            self._relative_inclination(n)

    def _relative_inclination(self, n: int) -> None:
        """Replace the last ``n`` buffered inclinations by the angle (deg) to the standing
        reference. The reference is updated only at the end of each ``ref_window_s`` window of
        the absolute sample grid (chunk-invariant), from a quiet window (low |gyro|, steady
        inclination) within ``ref_dev_deg`` of the reference or of absolute upright; it applies
        from the next sample on. Before the first reference the inclination reads 0 (no lifts
        before the first quiet upright stance of the stream)."""
        st = self.settings
        g = max(1, int(round(st.ref_window_s * self.rate)))
        alpha = min(1.0, st.ref_window_s / max(st.ref_tau_s, 1e-9))
        off = self.off
        end = off + self.buf["t_ns"].shape[0]  # absolute index after the last sample
        i0 = end - n
        up, gyr, absinc = self.buf["up"], self.buf["gyr"], self.buf["inc_abs"]
        # the windows of the absolute grid that end inside this block: their statistics at once
        lasts = np.arange((i0 // g + 1) * g - 1, end, g)
        idx = np.clip(lasts[:, None] - g + 1 - off + np.arange(g), 0, None)  # (windows, g)
        uw, ai = up[idx], absinc[idx]
        quiet = ((lasts - g + 1 >= off) & np.isfinite(uw).all(axis=(1, 2))
                 & (gyr[idx].mean(axis=1) < st.ref_gyr_dps) & (np.ptp(ai, axis=1) < st.ref_steady_deg))
        mu = uw.mean(axis=1)
        mu /= np.maximum(np.linalg.norm(mu, axis=1, keepdims=True), 1e-12)
        am = ai.mean(axis=1)
        # the recursion itself: a few scalar steps per window that updates the reference;
        # refs[k + 1] is in force after window k (refs[0] from the block start), NaN = no
        # reference yet
        ref = self.ref
        refs = np.full((lasts.shape[0] + 1, 3), np.nan)
        if ref is not None:
            refs[0] = ref
        set_at = np.zeros(lasts.shape[0] + 1, bool)
        set_at[0] = True
        for k in ref_updates(np.flatnonzero(quiet), mu, am, st, lambda: ref):
            m = mu[k]
            if ref is None:
                ref = m.copy()
            else:
                r = ref + alpha * (m - ref)
                ref = r / np.linalg.norm(r)
            refs[k + 1] = ref
            set_at[k + 1] = True
        self.ref = ref
        refs = refs[np.maximum.accumulate(np.where(set_at, np.arange(set_at.shape[0]), 0))]  # forward fill
        # per sample: the reference in force (from the sample after a window's end)
        bounds = np.concatenate([[i0], lasts + 1, [end]])
        per = np.repeat(refs, np.diff(bounds), axis=0)
        c = np.clip(np.einsum("ij,ij->i", up[i0 - off :], per), -1.0, 1.0)
        # no reference yet (stream start, filter settling) or an invalid sample: 0, no lifts
        self.buf["inc"][i0 - off :] = np.nan_to_num(np.degrees(np.arccos(c)), nan=0.0)


def _stream(n: int, seed: int, gyro: bool = True, angles: bool = True) -> BodyFrame:
    """Standing with sway (quiet windows), bends and lying, with invalid stretches and
    NaN/inf samples, pelvis + trunk + thigh at 50 Hz."""
    rng = np.random.default_rng(seed)
    t = np.arange(n) / RATE
    bend = np.zeros(n)
    for t0 in rng.uniform(5, t[-1] - 10, max(1, n // 1500)):
        a = (t >= t0) & (t < t0 + rng.uniform(1, 6))
        bend[a] = rng.uniform(20, 95)
    bend[int(0.8 * n):int(0.85 * n)] = 88.0  # lying-like stretch
    lateral = rng.normal(0, 0.3, n)
    flexion = bend + rng.normal(0, 0.2, n)
    inc = np.hypot(flexion, lateral)
    r = np.radians(flexion)
    acc = np.column_stack([-np.sin(r), np.radians(lateral), np.cos(r)]) + rng.normal(0, 0.01, (n, 3))
    gyr = rng.normal(0, 2.0, (n, 3)) + np.gradient(flexion, 1 / RATE)[:, None] * [0, 1, 0]
    valid = np.ones(n, bool)
    for s in rng.integers(0, n - 50, max(1, n // 2000)):
        valid[s:s + rng.integers(1, 40)] = False
    for arr in (acc, gyr):
        arr[rng.integers(0, n, max(1, n // 500))] = np.nan
    acc[rng.integers(0, n, 3)] = np.inf
    gyr[rng.integers(0, n, 3), 1] = -np.inf
    inc[rng.integers(0, n, 5)] = np.nan
    ch = {
        "pelvis_acc_g": acc,
        "pelvis_inclination_deg": inc,
        "pelvis_valid": valid,
        "valid": valid,
        "trunk_flexion_deg": flexion * 1.3,
        "trunk_twist_deg": rng.normal(0, 5, n),
        "trunk_provisional": t < 30.0,
        "trunk_inclination_deg": np.abs(flexion * 1.3),
        "thigh_inclination_deg": rng.uniform(0, 90, n),
        "posture_code": rng.integers(0, 5, n).astype(np.int8),
    }
    if gyro:
        ch["pelvis_gyr_dps"] = gyr
    if angles:
        ch["pelvis_flexion_deg"] = flexion
        ch["pelvis_lateral_deg"] = lateral
    return BodyFrame(np.round(t * NS_PER_S).astype(np.int64), RATE, (Placement.PELVIS, Placement.TRUNK, Placement.THIGH), ch)


def _blocks(frame: BodyFrame, sizes: list[int]) -> list[BodyFrame]:
    out, a, k = [], 0, 0
    while a < len(frame):
        b = min(len(frame), a + sizes[k % len(sizes)])
        out.append(frame.samples(a, b))
        a, k = b, k + 1
    return out


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    """Bit for bit, NaN where NaN (its sign and payload aside: no output keeps them)."""
    if a.shape != b.shape or a.dtype != b.dtype:
        return False
    if a.dtype.kind != "f":
        return bool(np.array_equal(a, b))
    na, nb = np.isnan(a), np.isnan(b)
    return bool(np.array_equal(na, nb)) and a[~na].tobytes() == b[~nb].tobytes()


def _compare(frames: list[BodyFrame], settings: LiftingSettings | None = None, drop_every: int = 0) -> int:
    st = settings or LiftingSettings()
    new, ref = LiftSignals(st, "pelvis", RATE), NumpyLiftSignals(st, "pelvis", RATE)
    for k, f in enumerate(frames):
        new.append(f)
        ref.append(f)
        assert new.off == ref.off and sorted(new.buf) == sorted(ref.buf)
        for key in ref.buf:
            assert _same(new.buf[key], ref.buf[key]), (k, key)
        assert (new.ref is None) == (ref.ref is None)
        if ref.ref is not None:
            assert new.ref.tobytes() == ref.ref.tobytes(), k
        if drop_every and k % drop_every == drop_every - 1:  # as the stage's _trim
            new.drop_before(new.end - 300)
            ref.drop_before(ref.end - 300)
    return 0 if ref.ref is None else 1


@pytest.mark.parametrize("sizes", [[9000], [1, 7, 64, 13], [25], [24, 26, 1000, 3]])
def test_kernels_give_numpys_bits_block_by_block(sizes):
    frame = _stream(12_000 if sizes != [1, 7, 64, 13] else 3_000, seed=len(sizes))
    assert _compare(_blocks(frame, sizes), drop_every=5) == 1  # a standing reference was set


@pytest.mark.parametrize("gyro,angles", [(False, True), (True, False), (False, False)])
def test_without_gyro_or_angles_as_numpy(gyro, angles):
    _compare(_blocks(_stream(6_000, seed=7, gyro=gyro, angles=angles), [900, 1, 333]))


def test_other_windows_and_a_stream_start_mid_window():
    """A still window of one sample (no history) and reference windows of other lengths; a
    stream whose first block is shorter than a reference window."""
    st = LiftingSettings(still_window_s=0.02, ref_window_s=1.3, ref_tau_s=1.0)
    _compare(_blocks(_stream(8_000, seed=3), [5, 4000, 17]), st)


def _same_as_numpy_on(frame: BodyFrame, sizes: list[int]) -> None:
    p = "pelvis" if frame.has("pelvis_acc_g") else "trunk"
    st = LiftingSettings()
    new, ref = LiftSignals(st, p, frame.rate_hz), NumpyLiftSignals(st, p, frame.rate_hz)
    for f in _blocks(frame, sizes):
        new.append(f)
        ref.append(f)
    assert ref.ref is not None  # the reference was set and moved
    for key in ref.buf:
        assert _same(new.buf[key], ref.buf[key]), key


def test_bundled_hapt_recording_same_bits():
    """The recording that ships (4 min, waist) through the runtime path."""
    from pathlib import Path

    from oefensense.io.body_frames import runtime_body_frame

    hapt = Path(ls.__file__).resolve().parents[1] / "data" / "hapt_user01_exp0_0-240s.waist.csv.gz"
    frame, _ = runtime_body_frame(hapt)
    _same_as_numpy_on(frame, [3000])
    _same_as_numpy_on(frame, [1, 63, 500])


def test_real_sisfall_trials_same_bits(shared_data):
    from oefensense.io.body_frames import concat_frames, frames_from_file

    d = shared_data / "sisfall" / "SA05"
    if not d.is_dir():
        pytest.skip("SisFall not available")
    for code in ("D15", "D16", "D07"):
        _same_as_numpy_on(concat_frames(frames_from_file(d / f"{code}_SA05_R01.waist.csv.gz")), [7, 250, 64])


def test_the_stage_gives_the_same_lifts_with_either(monkeypatch):
    """End to end through LiftingStage: the same events with the numpy reference swapped in."""
    frame = _stream(15_000, seed=11)

    def events():
        stage = LiftingStage(model=load_model("lifting"))
        ev = []
        for f in _blocks(frame, [512, 3000]):
            ev += [e.to_json_dict() for e in stage.process(f).events]
        return ev + [e.to_json_dict() for e in stage.finish().events]

    new = events()
    monkeypatch.setattr("oefensense.analysis.lifting.LiftSignals", NumpyLiftSignals)
    assert events() == new


@pytest.mark.parametrize("seed", range(6))
def test_updates_yield_the_references_windows(seed):
    """_updates (a compiled candidate scan since #20's seventeenth round) against the numpy
    form: the same windows update the reference, with mean up-vectors at, just inside and just
    outside ref_dev_deg of it (within 1e-12 of the boundary), NaN windows and long stretches of
    windows far from it (the numpy form's doubling search), with the reference moving as the
    stage moves it."""
    rng = np.random.default_rng(seed)
    st = LiftingSettings()
    m = 3000
    dev = np.radians(st.ref_dev_deg)
    ang = rng.choice([0.0, 1.0, 1.0 - 1e-12, 1.0 + 1e-12, 0.5, 3.0, 20.0], m) * dev  # from the first reference
    ang[rng.integers(0, m, 500)] = np.radians(80.0)  # far stretches
    phi = rng.uniform(0, 2 * np.pi, m)
    mu = np.stack([np.sin(ang) * np.cos(phi), np.sin(ang) * np.sin(phi), np.cos(ang)], axis=1)
    am = np.where(rng.random(m) < 0.05, st.ref_dev_deg * rng.uniform(0.5, 1.5, m), 30.0)
    mu[rng.integers(0, m, 20)] = np.nan
    am[rng.integers(0, m, 20)] = np.nan
    quiet = np.flatnonzero(rng.random(m) < 0.7)
    alpha = 0.3

    def run(fn):  # noqa: ANN001, ANN202
        ref = np.array([0.0, 0.0, 1.0]) if seed % 2 else None
        got = []
        for k in fn(quiet, mu, am, st, lambda: ref):
            got.append(k)
            r = mu[k].copy() if ref is None else ref + alpha * (mu[k] - ref)
            ref = r / np.linalg.norm(r)
        return got

    want = run(ref_updates)
    assert len(want) > 100 and run(_updates) == want


def test_updates_at_the_last_bits_of_the_boundary():
    """Windows whose angle to a fixed reference is ref_dev_deg to the last bits: the exact test
    decides them (its arccos rounds either way), the scan's margin must not drop one."""
    st = LiftingSettings()
    dev = np.radians(st.ref_dev_deg)
    ang = dev + np.arange(-400, 400) * np.spacing(dev)
    phi = np.linspace(0, 2 * np.pi, ang.shape[0])
    mu = np.stack([np.sin(ang) * np.cos(phi), np.sin(ang) * np.sin(phi), np.cos(ang)], axis=1)
    am = np.full(ang.shape[0], 30.0)
    ref = np.array([0.0, 0.0, 1.0])
    quiet = np.arange(ang.shape[0])
    want = list(ref_updates(quiet, mu, am, st, lambda: ref))
    assert 0 < len(want) < ang.shape[0]  # the boundary runs through these windows
    assert list(_updates(quiet, mu, am, st, lambda: ref)) == want
