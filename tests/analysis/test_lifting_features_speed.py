"""The lifting stage's episode features with fewer numpy calls (#20) give the bits of the code they
replaced (kept below as the reference, verbatim but for names): ``percentile_linear`` against
``np.percentile`` on random arrays (ties, NaN, every size from 1), and every candidate episode's
features, gate values, P(lift) and events through the real ``LiftingStage`` with the reference
functions swapped in, on a synthetic stream with bends, lying, NaN/inf and invalid stretches, on
the bundled HAPT recording and on SisFall lift and sit trials when ../shared/data is there. The
accuracy figures were measured with the reference code: no feature may move by one bit.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from oefensense.analysis import lifting as stage_module
from oefensense.analysis.lifting import LiftingStage
from oefensense.analysis.models import load_model
from oefensense.core.frames import BodyFrame
from oefensense.features import lifting_features as lf
from oefensense.features.lifting_features import SHAPE_POINTS, SHAPE_SIGNALS, percentile_linear

from .test_lifting_signals_speed import _blocks, _stream


# ---- the reference: the functions as they were (main 13be3b1) ------------------------------
def ref_low_plateau(sig, s, e, plateau_m):  # noqa: ANN001, ANN201
    disp = sig.displacement(s, e)
    low = disp <= disp.min() + plateau_m
    g = np.nan_to_num(sig.seg("gyr", s, e), nan=0.0)
    xi = np.interp(np.linspace(0, disp.shape[0] - 1, SHAPE_POINTS), np.arange(disp.shape[0]), disp)
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
            **{f"shape_disp_{k:02d}": float(v) for k, v in enumerate(xi)}}


def ref_shape(sig, s, e):  # noqa: ANN001, ANN201
    out = {}
    for name in SHAPE_SIGNALS:
        x = np.nan_to_num(sig.seg(name, s, e))
        xi = np.interp(np.linspace(0, x.shape[0] - 1, SHAPE_POINTS), np.arange(x.shape[0]), x)
        out.update({f"shape_{name}_{k:02d}": float(v) for k, v in enumerate(xi)})
    return out


def ref_end_vs_start(sig, s, e, end_state_s):  # noqa: ANN001, ANN201
    k = max(1, int(round(end_state_s * sig.rate)))
    k = min(k, max(1, (e - s + 1) // 3))
    flex = sig.seg("flex", s, e)
    d_flex = lf.finite_mean(flex[-k:]) - lf.finite_mean(flex[:k])
    tilt = float("nan")
    if "up" in sig.buf:
        up = sig.seg("up", s, e)
        a, b = np.nanmean(up[:k], axis=0), np.nanmean(up[-k:], axis=0)
        na, nb = np.linalg.norm(a), np.linalg.norm(b)
        if np.isfinite(na) and np.isfinite(nb) and na > 1e-9 and nb > 1e-9:
            tilt = float(np.degrees(np.arccos(np.clip(a @ b / (na * nb), -1.0, 1.0))))
    return {"end_start_tilt_deg": tilt, "end_start_flex_deg": d_flex}


def ref_offplane_deg(acc, q=90.0):  # noqa: ANN001, ANN201
    a = acc[np.isfinite(acc).all(axis=1)]
    n = np.linalg.norm(a, axis=1)
    a = a[n > 1e-6] / n[n > 1e-6, None]
    if a.shape[0] < 3:
        return float("nan")
    normal = np.linalg.eigh(a.T @ a)[1][:, 0]
    return float(np.percentile(np.degrees(np.arcsin(np.clip(np.abs(a @ normal), 0.0, 1.0))), q))


def ref_held_max(x, n):  # noqa: ANN001, ANN201 - main d3209ac
    if n < 1 or x.shape[0] < n or not np.all(np.isfinite(x)):
        return None
    windows = np.lib.stride_tricks.sliding_window_view(x, n)
    return float(windows.min(axis=1).max())


def ref_finite_mean(x):  # noqa: ANN001, ANN201 - main d3209ac
    f = x[np.isfinite(x)]
    return float(f.mean()) if f.size else 0.0


def ref_mean1(x):  # noqa: ANN001, ANN201 - the np.mean calls mean1 replaced (#20, seventeenth round)
    return float(np.mean(x))


def ref_shape_grid(n):  # noqa: ANN001, ANN201 - main d3209ac, made anew for each call
    return np.linspace(0, n - 1, SHAPE_POINTS), np.arange(n)


REFERENCE = {"_low_plateau": ref_low_plateau, "_shape": ref_shape, "_end_vs_start": ref_end_vs_start,
             "offplane_deg": ref_offplane_deg, "held_max": ref_held_max, "finite_mean": ref_finite_mean,
             "mean1": ref_mean1, "_shape_grid": ref_shape_grid}


# ---- tests ----------------------------------------------------------------------------------
def _bits(v: float) -> bytes:
    return np.float64(v).tobytes() if not np.isnan(v) else b"nan"


def test_percentile_linear_is_numpys():
    rng = np.random.default_rng(0)
    checked = 0
    for n in list(range(1, 60)) + [127, 128, 129, 1000, 4097]:
        for kind in range(4):
            x = rng.normal(0, 10, n)
            if kind == 1:
                x = np.round(x)  # ties
            elif kind == 2:
                x = np.abs(x) * 1e-9
            elif kind == 3 and n > 2:
                x[rng.integers(0, n)] = np.nan
            for q in (90.0, 50.0, 0.0, 100.0, 12.5, 99.9, 33.3):
                assert _bits(percentile_linear(x.copy(), q)) == _bits(float(np.percentile(x, q))), (n, kind, q)
                checked += 1
    assert checked == 64 * 4 * 7


def test_percentile_linear_leaves_its_input_alone():
    x = np.arange(10.0)[::-1].copy()
    percentile_linear(x, 90.0)
    assert np.array_equal(x, np.arange(10.0)[::-1])


def _candidates(frames: list[BodyFrame], monkeypatch: pytest.MonkeyPatch | None) -> list[tuple]:
    """Every candidate episode (features, gate, P(lift), index) and every event of a stage run."""
    if monkeypatch is not None:
        for name, fn in REFERENCE.items():
            monkeypatch.setattr(lf, name, fn)
        monkeypatch.setattr(stage_module, "held_max", ref_held_max)  # the stage's own import of it
    monkeypatch_len = stage_module.MAX_CANDIDATES
    stage_module.MAX_CANDIDATES = 1_000_000
    try:
        stage = LiftingStage(model=load_model("lifting"))
    finally:
        stage_module.MAX_CANDIDATES = monkeypatch_len
    events = []
    for f in frames:
        events += [e.to_json_dict() for e in stage.process(f).events]
    events += [e.to_json_dict() for e in stage.finish().events]

    def bits(d: dict) -> dict:
        return {k: _bits(v) if isinstance(v, float) else v for k, v in d.items()}

    cands = [(c["t_ns"], c["end_ns"], bits(c["features"]), bits(c["gate"]), _bits(c["p_lift"]), _bits(c["index"]))
             for c in stage.candidates]
    return cands + events


def _same_with_the_reference(frames: list[BodyFrame], monkeypatch: pytest.MonkeyPatch, least: int) -> None:
    new = _candidates(frames, None)
    with monkeypatch.context() as m:
        ref = _candidates(frames, m)
    assert len([c for c in ref if isinstance(c, tuple)]) >= least  # episodes were rated
    assert new == ref


@pytest.mark.parametrize("sizes", [[9000], [1, 7, 640, 13], [24, 26, 1000, 3]])
def test_every_candidate_has_the_references_bits(sizes, monkeypatch):
    frame = _stream(30_000 if sizes != [1, 7, 640, 13] else 8_000, seed=len(sizes) + 20)
    _same_with_the_reference(_blocks(frame, sizes), monkeypatch, least=3)


def test_offplane_with_nonfinite_and_tiny_rows_as_the_reference():
    rng = np.random.default_rng(5)
    for n in (2, 3, 4, 50, 300):
        for _ in range(20):
            acc = rng.normal(0, 1, (n, 3))
            acc[rng.integers(0, n)] = np.nan
            if n > 3:
                acc[rng.integers(0, n), 1] = np.inf
                acc[rng.integers(0, n)] = 0.0  # |acc| below 1e-6: skipped
            assert _bits(lf.offplane_deg(acc)) == _bits(ref_offplane_deg(acc))
            clean = rng.normal(0, 1, (n, 3))
            assert _bits(lf.offplane_deg(clean)) == _bits(ref_offplane_deg(clean))


def test_bundled_hapt_recording_same_candidates(monkeypatch):
    from oefensense.io.body_frames import runtime_body_frame

    hapt = Path(lf.__file__).resolve().parents[1] / "data" / "hapt_user01_exp0_0-240s.waist.csv.gz"
    frame, _ = runtime_body_frame(hapt)
    _same_with_the_reference(_blocks(frame, [3000]), monkeypatch, least=1)


def test_real_sisfall_trials_same_candidates(shared_data, monkeypatch):
    from oefensense.io.body_frames import concat_frames, frames_from_file

    d = shared_data / "sisfall" / "SA05"
    if not d.is_dir():
        pytest.skip("SisFall not available")
    for code in ("D15", "D16", "D07"):
        frame = concat_frames(frames_from_file(d / f"{code}_SA05_R01.waist.csv.gz"))
        _same_with_the_reference(_blocks(frame, [250, 64]), monkeypatch, least=1)


def test_mean1_is_np_means_bits():
    """mean1 against float(np.mean(x)): every length 1-600 and some long ones, special values,
    strided and boolean-indexed arrays."""
    rng = np.random.default_rng(11)
    checked = 0
    for n in list(range(1, 601)) + [1023, 1024, 1025, 4096, 9001]:
        x = rng.normal(0, 10, n) * 10.0 ** rng.integers(-300, 300)
        if n % 7 == 0:
            x[rng.integers(0, n)] = [np.nan, np.inf, -np.inf, -0.0, 5e-324][n % 5]
        if n % 11 == 0:
            x[:] = -0.0
        for v in (x, x[::3], x[x > np.nanmedian(x)], x[1:]):
            if v.shape[0]:
                assert _bits(lf.mean1(v)) == _bits(float(np.mean(v))), (n, v.shape)
                checked += 1
    assert checked > 2000
    with pytest.warns(RuntimeWarning):  # empty: numpy's own (NaN and its warning)
        assert np.isnan(lf.mean1(np.zeros(0)))


def test_held_max_is_the_sliding_windows():
    """held_max (compiled for finite non-zero values) against the sliding-window form, every
    window length, with ties, negative values, zeros (numpy's path) and non-finite values."""
    rng = np.random.default_rng(12)
    checked = 0
    for m in list(range(1, 40)) + [99, 250, 1000]:
        for kind in range(4):
            x = rng.normal(20, 30, m)
            if kind == 1:
                x = np.round(x / 10) * 10 + 0.5  # ties, no zeros
            elif kind == 2:
                x[rng.integers(0, m)] = 0.0
                x[rng.integers(0, m)] = -0.0
            elif kind == 3:
                x[rng.integers(0, m)] = [np.nan, np.inf, -np.inf][m % 3]
            for n in sorted({1, 2, 3, m // 2, m - 1, m, m + 1, 50}):
                got, want = lf.held_max(x, n), ref_held_max(x, n)
                assert (got is None and want is None) or _bits(got) == _bits(want), (m, kind, n)
                checked += 1
    assert checked > 1000


def test_flexed_mask_is_nan_to_nums():
    """The stage's flexed samples (peak twist) as ``nan_to_num(flex, nan=-inf) >= threshold``
    for thresholds at and around every special value."""
    from oefensense.analysis.lifting import flexed_mask

    big = np.finfo(np.float64).max
    flex = np.array([np.nan, np.inf, -np.inf, big, -big, 0.0, -0.0, 20.0, np.nextafter(20.0, 0), 5e-324, -20.0])
    for thr in (20.0, 0.0, -0.0, -20.0, big, -big, np.nextafter(-big, 0), np.inf, -np.inf, np.nan, 5e-324):
        want = np.nan_to_num(flex, nan=-np.inf) >= thr
        assert np.array_equal(flexed_mask(flex, thr), want), thr
