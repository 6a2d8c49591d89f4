"""Compiled orientation filter: a Mahony-style complementary filter with a still-period
gyroscope-bias estimator, run as one numba loop over a block (about 20 M samples/s).

Why our own filter and not imufusion: imufusion has no batch API (about 1 M samples/s from a
Python loop, see ``benchmarks/bench_orientation.py``); the offline target is ≥ 5 M samples/s per
sensor. The algorithm follows the choices measured in ``reference/signal_anchors.md`` §1:
proportional gravity feedback with **no acceleration rejection** (rejection hurts trunk sensors
while walking) and a gyro-bias estimator fed by still periods (an uncompensated bias of b deg/s
leaves a static tilt error of about b/gain).

State lives in a small float64 array so a stream can be cut anywhere (chunk-invariant): the
same samples give the same output whatever the block sizes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numba import njit

# state layout (float64)
S_Q = 0  # 4: quaternion w, x, y, z (sensor → world)
S_B = 4  # 3: gyro bias deg/s
S_STILL = 7  # seconds continuously still
S_INIT = 8  # seconds since (re)initialisation (for the start-up gain ramp)
S_LASTT = 9  # last sample time, seconds relative to S_T0
S_HAVE = 10  # 1 when at least one sample was processed
S_GLP = 11  # 3: low-passed gyro deg/s (stillness test)
S_ALP = 14  # 3: low-passed acc g (stillness test)
S_VAR = 17  # 2: low-passed squared deviation of gyro (deg/s)² and acc g²
S_TOT = 19  # total still seconds seen (the bias estimate's confidence)
STATE_SIZE = 20

DEG = np.pi / 180.0


@dataclass(frozen=True)
class FilterSettings:
    """Gains and thresholds of :func:`run_filter` (units in the names)."""

    gain: float = 0.5  # proportional gravity feedback, 1/s (imufusion's default)
    startup_gain: float = 10.0  # gain right after (re)initialisation, ramps down to ``gain``
    startup_s: float = 2.0
    bias_still_gyr_dps: float = 2.0  # RMS of ω around its 0.5 s mean below this counts as still
    bias_still_acc_g: float = 0.02  # RMS of a around its 0.5 s mean below this counts as still
    bias_max_dps: float = 10.0  # |ω − b| must stay below this too (a slow steady turn is not still)
    integral_gain: float = 0.02  # Mahony integral feedback on gravity error, 1/s² (bias of the tilt axes)
    bias_still_min_s: float = 1.0  # still this long before the bias estimator learns
    bias_tau_s: float = 5.0  # time constant of the bias estimator while still
    max_gap_s: float = 0.25  # a larger step between samples is a gap: no gyro integration, re-converge


def new_state() -> np.ndarray:
    s = np.zeros(STATE_SIZE)
    s[S_Q] = 1.0
    return s


def settings_array(fs: FilterSettings, rate_hz: float) -> np.ndarray:
    return np.array(
        [
            fs.gain,
            fs.startup_gain,
            fs.startup_s,
            fs.bias_still_gyr_dps,
            fs.bias_still_acc_g,
            fs.bias_still_min_s,
            fs.bias_tau_s,
            fs.max_gap_s,
            1.0 / rate_hz if rate_hz > 0 else 0.01,
            fs.bias_max_dps,
            0.5,  # time constant of the stillness low-passes, s
            fs.integral_gain,
        ]
    )


@njit(cache=True, fastmath=False, nogil=True)
def _run(t_s, acc, gyr, has_gyr, state, p, out_q, out_bias, out_ramp):
    gain, g0, t_start, still_gyr, still_acc, still_min, tau, max_gap, dt_nom = (
        p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8],
    )
    bias_max, tau_lp, ki = p[9], p[10], p[11]
    glx, gly, glz = state[11], state[12], state[13]
    alx, aly, alz = state[14], state[15], state[16]
    vg, va = state[17], state[18]
    tot = state[19]
    qw, qx, qy, qz = state[0], state[1], state[2], state[3]
    bx, by, bz = state[4], state[5], state[6]
    still_s = state[7]
    init_s = state[8]
    last_t = state[9]
    have = state[10]
    n = t_s.shape[0]
    for i in range(n):
        ax, ay, az = acc[i, 0], acc[i, 1], acc[i, 2]
        na = np.sqrt(ax * ax + ay * ay + az * az)
        if have == 0.0:
            # initialise tilt from the first accelerometer sample (heading 0)
            if na > 0.0:
                ux, uy, uz = ax / na, ay / na, az / na
                # quaternion rotating sensor up-vector u onto world z: axis u × z, half-angle trick
                w = 1.0 + uz
                if w < 1e-9:
                    qw, qx, qy, qz = 0.0, 1.0, 0.0, 0.0
                else:
                    qw, qx, qy, qz = w, uy, -ux, 0.0
                    nq = np.sqrt(qw * qw + qx * qx + qy * qy + qz * qz)
                    qw, qx, qy, qz = qw / nq, qx / nq, qy / nq, qz / nq
            dt = 0.0
            have = 1.0
            init_s = 0.0
            gap = False
            alx, aly, alz = ax, ay, az
            if has_gyr:
                glx, gly, glz = gyr[i, 0], gyr[i, 1], gyr[i, 2]
        else:
            dt = t_s[i] - last_t
            gap = dt <= 0.0 or dt > max_gap
            if gap:
                dt = 0.0
                init_s = 0.0  # re-converge quickly after a gap
        last_t = t_s[i]
        if has_gyr:
            gx, gy, gz = gyr[i, 0], gyr[i, 1], gyr[i, 2]
        else:
            gx, gy, gz = bx, by, bz
        # --- still-period bias estimator (all three axes, including the vertical one). Still =
        # gyro and acc steady around their 0.5 s means (works whatever the bias) and slow.
        klp = dt / tau_lp
        if klp > 1.0:
            klp = 1.0
        glx += klp * (gx - glx)
        gly += klp * (gy - gly)
        glz += klp * (gz - glz)
        alx += klp * (ax - alx)
        aly += klp * (ay - aly)
        alz += klp * (az - alz)
        dgx, dgy, dgz = gx - glx, gy - gly, gz - glz
        dax, day, daz = ax - alx, ay - aly, az - alz
        vg += klp * (dgx * dgx + dgy * dgy + dgz * dgz - vg)
        va += klp * (dax * dax + day * day + daz * daz - va)
        steady = (
            vg < still_gyr * still_gyr
            and va < still_acc * still_acc
            and abs(gx - bx) < bias_max and abs(gy - by) < bias_max and abs(gz - bz) < bias_max
            and abs(na - 1.0) < 0.15
        )
        if has_gyr and steady:
            still_s += dt
        else:
            still_s = 0.0
        if still_s >= still_min and tau > 0.0:
            # running mean while little still time has been seen, then a τ-limited average that
            # follows bias drift
            tot += dt
            k = dt / min(tau, max(tot, still_min))
            if k > 1.0:
                k = 1.0
            bx += k * (gx - bx)
            by += k * (gy - by)
            bz += k * (gz - bz)
        wx, wy, wz = (gx - bx) * DEG, (gy - by) * DEG, (gz - bz) * DEG
        # --- gravity feedback: estimated up in sensor frame = Rᵀ e_z
        vx = 2.0 * (qx * qz - qw * qy)
        vy = 2.0 * (qw * qx + qy * qz)
        vz = qw * qw - qx * qx - qy * qy + qz * qz
        if init_s < t_start:
            k = g0 + (gain - g0) * init_s / t_start
        else:
            k = gain
        if not has_gyr:
            k = g0 if init_s < t_start else max(gain, 2.0)
        if na > 0.0:
            mx, my, mz = ax / na, ay / na, az / na
            ex = my * vz - mz * vy
            ey = mz * vx - mx * vz
            ez = mx * vy - my * vx
            wx += k * ex
            wy += k * ey
            wz += k * ez
            if has_gyr and ki > 0.0 and init_s >= t_start:
                # integral feedback: the part of the gravity error that persists is gyro bias
                bx -= ki * ex * dt / DEG
                by -= ki * ey * dt / DEG
                bz -= ki * ez * dt / DEG
                bx = min(max(bx, -bias_max), bias_max)
                by = min(max(by, -bias_max), bias_max)
                bz = min(max(bz, -bias_max), bias_max)
        init_s += dt
        # after a gap, take one nominal step so gravity feedback still acts
        dtu = dt_nom if gap else dt
        # --- integrate q̇ = ½ q ⊗ (0, ω)
        hx, hy, hz = 0.5 * wx * dtu, 0.5 * wy * dtu, 0.5 * wz * dtu
        nw = qw - qx * hx - qy * hy - qz * hz
        nx = qx + qw * hx + qy * hz - qz * hy
        ny = qy + qw * hy - qx * hz + qz * hx
        nz = qz + qw * hz + qx * hy - qy * hx
        nq = np.sqrt(nw * nw + nx * nx + ny * ny + nz * nz)
        qw, qx, qy, qz = nw / nq, nx / nq, ny / nq, nz / nq
        out_q[i, 0] = qw
        out_q[i, 1] = qx
        out_q[i, 2] = qy
        out_q[i, 3] = qz
        out_bias[i, 0] = bx
        out_bias[i, 1] = by
        out_bias[i, 2] = bz
        out_ramp[i] = init_s
    state[0], state[1], state[2], state[3] = qw, qx, qy, qz
    state[4], state[5], state[6] = bx, by, bz
    state[7] = still_s
    state[8] = init_s
    state[9] = last_t
    state[10] = have
    state[11], state[12], state[13] = glx, gly, glz
    state[14], state[15], state[16] = alx, aly, alz
    state[17], state[18] = vg, va
    state[19] = tot


def run_filter(
    t_s: np.ndarray,
    acc_g: np.ndarray,
    gyr_dps: np.ndarray | None,
    state: np.ndarray,
    params: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Advance the filter over one block. ``t_s`` float64 seconds (any origin, consistent across
    calls), ``acc_g`` (n,3) g, ``gyr_dps`` (n,3) deg/s or None (accelerometer only: the filter
    then just low-passes gravity). ``state`` is updated in place. Returns quaternions (n,4)
    sensor→world, the bias estimate (n,3) deg/s after each sample, and the seconds since the last
    (re)initialisation (n,) (start-up ramp; small values mean "still converging")."""
    n = len(t_s)
    out_q = np.empty((n, 4))
    out_b = np.empty((n, 3))
    out_r = np.empty(n)
    acc = np.ascontiguousarray(acc_g, dtype=np.float64)
    has = gyr_dps is not None
    gyr = np.ascontiguousarray(gyr_dps, dtype=np.float64) if has else np.zeros((1, 3))
    _run(np.ascontiguousarray(t_s, dtype=np.float64), acc, gyr, has, state, params, out_q, out_b, out_r)
    return out_q, out_b, out_r


@njit(cache=True, nogil=True, fastmath=False)
def _finite3(x: float, y: float, z: float) -> bool:
    """All three finite; compiled without fast-math so the test survives inlining into a fast-math
    caller (inside ``_outputs`` the gyroscope's ``isfinite(gyr - bias)`` was folded away: a NaN or
    infinite rate came out valid)."""
    return np.isfinite(x) and np.isfinite(y) and np.isfinite(z)


# fast-math without the no-NaN/no-Inf assumptions; the finiteness tests are in _finite3
@njit(cache=True, nogil=True, fastmath={"nsz", "arcp", "contract", "afn", "reassoc"})
def _outputs(q, bias, ramp, acc, gyr, has_gyr, a, thigh, startup_s, sat_g,
             out_f, out_l, out_i, out_h, out_up, out_acc, out_gyr, out_valid):
    rad2deg = 180.0 / np.pi
    for i in range(q.shape[0]):
        w, x, y, z = q[i, 0], q[i, 1], q[i, 2], q[i, 3]
        # rows of R (sensor → world)
        r00 = 1 - 2 * (y * y + z * z)
        r01 = 2 * (x * y - w * z)
        r02 = 2 * (x * z + w * y)
        r10 = 2 * (x * y + w * z)
        r11 = 1 - 2 * (x * x + z * z)
        r12 = 2 * (y * z - w * x)
        r20 = 2 * (x * z - w * y)
        r21 = 2 * (y * z + w * x)
        r22 = 1 - 2 * (x * x + y * y)
        out_up[i, 0], out_up[i, 1], out_up[i, 2] = r20, r21, r22
        # world up in segment axes = A @ (world up in sensor axes)
        ux = a[0, 0] * r20 + a[0, 1] * r21 + a[0, 2] * r22
        uy = a[1, 0] * r20 + a[1, 1] * r21 + a[1, 2] * r22
        uz = a[2, 0] * r20 + a[2, 1] * r21 + a[2, 2] * r22
        f = np.arctan2(-ux, uz) * rad2deg
        out_f[i] = -f if thigh else f
        out_l[i] = np.arcsin(min(1.0, max(-1.0, uy))) * rad2deg
        out_i[i] = np.arccos(min(1.0, max(-1.0, uz))) * rad2deg
        ok = ramp[i] >= startup_s
        ax, ay, az = acc[i, 0], acc[i, 1], acc[i, 2]
        if not _finite3(ax, ay, az):
            ok = False
        if sat_g > 0.0 and (abs(ax) >= sat_g or abs(ay) >= sat_g or abs(az) >= sat_g):
            ok = False
        for k in range(3):
            out_acc[i, k] = a[k, 0] * ax + a[k, 1] * ay + a[k, 2] * az
        if has_gyr:
            # segment y axis in world = R @ (A row 1) → heading
            yx = r00 * a[1, 0] + r01 * a[1, 1] + r02 * a[1, 2]
            yy = r10 * a[1, 0] + r11 * a[1, 1] + r12 * a[1, 2]
            out_h[i] = np.arctan2(-yx, yy) * rad2deg
            gx, gy, gz = gyr[i, 0] - bias[i, 0], gyr[i, 1] - bias[i, 1], gyr[i, 2] - bias[i, 2]
            if not _finite3(gx, gy, gz):
                ok = False
            for k in range(3):
                out_gyr[i, k] = a[k, 0] * gx + a[k, 1] * gy + a[k, 2] * gz
        else:
            out_h[i] = np.nan
        out_valid[i] = ok


def segment_outputs(q, bias, ramp, acc_g, gyr_dps, alignment, thigh: bool, startup_s: float, sat_g: float):
    """Everything a SegmentBlock needs from the filter output, in one compiled pass: flexion,
    lateral, inclination, heading (deg; thigh flexion + = knee forward), acc and bias-corrected
    gyro in segment axes, validity (converged, finite, not saturated: |a| < sat_g when
    sat_g > 0), and the world-up direction in sensor axes (n,3)."""
    n = q.shape[0]
    f, l, i, h = np.empty(n), np.empty(n), np.empty(n), np.empty(n)
    up, acc_seg = np.empty((n, 3)), np.empty((n, 3))
    has = gyr_dps is not None
    gyr_seg = np.empty((n, 3)) if has else np.empty((1, 3))
    valid = np.empty(n, dtype=np.bool_)
    _outputs(
        q, bias, ramp, np.ascontiguousarray(acc_g, dtype=np.float64),
        np.ascontiguousarray(gyr_dps, dtype=np.float64) if has else np.zeros((1, 3)), has,
        np.ascontiguousarray(alignment, dtype=np.float64), thigh, startup_s, sat_g,
        f, l, i, h, up, acc_seg, gyr_seg, valid,
    )
    return f, l, i, h, up, acc_seg, (gyr_seg if has else None), valid
