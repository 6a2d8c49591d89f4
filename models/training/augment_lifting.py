"""Slower and shallower copies of real SisFall trials, for training the waist lift model only
(issue #16: older adults squat and stoop more slowly and less deeply than SisFall's young adults).

A copy is made from a trial's BodyFrame as the SensorChain + Synchroniser gave it (50 Hz,
segment axes), so it is the same person's movement played ``slow`` times slower and, for lift
trials, ``depth`` times as deep:

* *time*: every channel is resampled at t / ``slow`` on the same 50 Hz grid (linear
  interpolation; booleans and codes: nearest earlier sample), so the copy lasts ``slow`` times
  as long;
* *angles* (``P_flexion_deg``, ``P_lateral_deg``, ``P_inclination_deg``): scaled by ``depth``
  about the trial's first second (its standing pose);
* *gyro* (deg/s): angle rate, so × ``depth`` / ``slow``;
* *accelerometer* (g, segment axes) = gravity + linear acceleration. Gravity is the up-vector
  from the (scaled) angles, as the lifting stage computes it, so it is kept exactly; the linear
  part (accelerometer − up-vector) scales as displacement / time²: × ``depth`` / ``slow``²;
* *sensor noise*: scaling shrinks the recording's own noise, so white noise is added back to the
  gyro and accelerometer to the recording's level at rest (the quietest second's
  high-frequency residual), which keeps the stage's still flag as strict as on a real slow
  movement.

Channels the lifting stage does not read (sensor-axes acceleration, posture codes) are dropped;
the stage runs on the copy exactly as on a real recording. The copies carry their subject, so
the leave-subject-out folds exclude them with the real trials; they are never scored
(``train_lifting.Trial.augmented``).
"""

from __future__ import annotations

import zlib

import numpy as np

from oefensense.core.frames import BodyFrame

#: per-placement channels rebuilt with physics; the rest are resampled as they are
_ANGLES = ("flexion_deg", "lateral_deg", "inclination_deg")
_DROP_SUFFIXES = ("_acc_sensor_g",)
_DROP = ("posture_code", "posture_p", "transition_code", "sitting")


def up_vector(flexion_deg: np.ndarray, lateral_deg: np.ndarray, inclination_deg: np.ndarray) -> np.ndarray:
    """World vertical in segment axes (n, 3) from the chain's angles (deg), as
    ``LiftSignals.append`` builds it: tilt direction from flexion/lateral, size from inclination."""
    fl, la, ri = np.radians(flexion_deg), np.radians(lateral_deg), np.radians(inclination_deg)
    h = np.stack([-np.sin(fl), np.sin(la)], axis=1)
    hn = np.linalg.norm(h, axis=1, keepdims=True)
    h = np.divide(h, hn, out=np.zeros_like(h), where=hn > 1e-9)
    return np.column_stack([h * np.sin(ri)[:, None], np.cos(ri)])


def _resample(x: np.ndarray, u: np.ndarray) -> np.ndarray:
    """``x`` (n, ...) at fractional sample positions ``u`` (linear; bool/int: nearest earlier)."""
    n = x.shape[0]
    i0 = np.clip(np.floor(u).astype(int), 0, n - 1)
    if x.dtype.kind in "biu":
        return x[i0]
    i1 = np.minimum(i0 + 1, n - 1)
    w = (u - i0).reshape((-1,) + (1,) * (x.ndim - 1))
    a, b = x[i0].astype(float), x[i1].astype(float)
    out = a + w * (b - a)
    return np.where(np.isfinite(a) & np.isfinite(b), out, np.where(w < 0.5, a, b))


def rest_noise(x: np.ndarray, rate_hz: float) -> float:
    """Sensor noise (same unit as ``x``, (n, 3)): the std of the high-frequency residual (x minus
    its 0.1 s moving average) in the quietest whole second of the recording."""
    x = np.nan_to_num(np.asarray(x, float))
    k = max(2, int(round(0.1 * rate_hz)))
    kern = np.ones(k) / k
    res = x - np.column_stack([np.convolve(x[:, j], kern, mode="same") for j in range(x.shape[1])])
    w = int(round(rate_hz))
    if res.shape[0] < 2 * w:
        return float(np.std(res))
    stds = [np.std(res[a : a + w], axis=0).mean() for a in range(k, res.shape[0] - w - k, w // 2)]
    return float(min(stds)) if stds else float(np.std(res))


def stretch_frame(frame: BodyFrame, slow: float, depth: float = 1.0, seed: int | str = 0) -> BodyFrame:
    """The trial ``slow`` (≥ 1) times slower and ``depth`` (0..1] times as deep (module doc).
    ``seed``: the added noise's seed (an int or a name, e.g. the file name and variant)."""
    if slow < 1.0 or not 0.0 < depth <= 1.0:
        raise ValueError(f"slow must be >= 1 and depth in (0, 1], got {slow}, {depth}")
    rate = frame.rate_hz
    n = len(frame)
    m = int(np.floor((n - 1) * slow)) + 1
    u = np.arange(m) / slow
    rng = np.random.default_rng(zlib.crc32(str(seed).encode()) if isinstance(seed, str) else seed)
    t_ns = frame.t_ns[0] + np.round(np.arange(m) * 1e9 / rate).astype(np.int64)
    ch: dict[str, np.ndarray] = {}
    w0 = max(1, int(round(rate)))  # the first second: the standing pose the depth scales about
    for name, x in frame.channels.items():
        if name in _DROP or name.endswith(_DROP_SUFFIXES):
            continue
        x = np.asarray(x)
        if name.endswith("_heading_deg") or name.endswith("_twist_deg"):
            ch[name] = (_resample(np.unwrap(np.nan_to_num(x), period=360.0), u) + 180.0) % 360.0 - 180.0
        elif name.endswith("_acc_g") or name.endswith("_gyr_dps"):
            continue  # below, with the angles
        else:
            ch[name] = _resample(x, u)
    for p in frame.placements:
        p = str(getattr(p, "value", p))
        names = [f"{p}_{a}" for a in _ANGLES]
        if not all(frame.has(k) for k in names):
            continue
        ang = {a: np.asarray(frame[f"{p}_{a}"], float) for a in _ANGLES}
        up_old = up_vector(ang["flexion_deg"], ang["lateral_deg"], ang["inclination_deg"])
        new = {}
        for a, x in ang.items():
            x0 = float(np.nanmedian(x[:w0])) if np.isfinite(x[:w0]).any() else 0.0
            new[a] = _resample(x0 + depth * (x - x0), u)
            ch[f"{p}_{a}"] = new[a]
        if frame.has(f"{p}_acc_g"):
            acc = np.asarray(frame[f"{p}_acc_g"], float)
            sigma = rest_noise(acc, rate)
            up_new = up_vector(new["flexion_deg"], new["lateral_deg"], new["inclination_deg"])
            scale = depth / slow**2
            lin = _resample(acc - up_old, u) * scale
            ch[f"{p}_acc_g"] = up_new + lin + rng.normal(0.0, sigma * np.sqrt(max(0.0, 1.0 - scale**2)), (m, 3))
        if frame.has(f"{p}_gyr_dps"):
            gyr = np.asarray(frame[f"{p}_gyr_dps"], float)
            sigma = rest_noise(gyr, rate)
            scale = depth / slow
            ch[f"{p}_gyr_dps"] = _resample(gyr, u) * scale + rng.normal(0.0, sigma * np.sqrt(max(0.0, 1.0 - scale**2)), (m, 3))
    return BodyFrame(t_ns, rate, frame.placements, ch)
