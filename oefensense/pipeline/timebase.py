"""Device clock → session clock, per sensor: anchoring, drift correction, resets and gaps.

A pure step (no clock reads, no I/O): it sees only what was recorded — each decoded batch's
device sample times and the host arrival time of the packet that carried it — so a replayed
session maps to exactly the same session times as it did live.

Model. ``host − device = offset + drift·device + delay`` with ``delay ≥ 0`` (BLE only ever adds
delay). The lower envelope of ``host − device_last`` therefore traces the offset line. Per window
of ``window_s`` device seconds the minimum of ``host − device_last`` is kept; a Theil–Sen line
through the last ``fit_windows`` minima gives drift and offset (two minima give a line only when
at least half a window apart; the fitted drift is clamped to ``max_drift_ppm``). The applied mapping is a
continuous piecewise-linear function of device time: at each window boundary a new piece starts
where the old one ends and slews towards the fitted line at most ``max_slew_ppm``, so mapped
times never jump and stay strictly increasing in device time.

``session_t = device_t + offset(device_t)``, all int64 ns.

Timing version 2 (:func:`settings_for`, recorded per sensor in ``SensorInfo.timing``): no
sample is placed after the arrival of the packet that carried it: a batch whose newest sample would map after its
arrival gets a piece from the newest tick already mapped that ends exactly at the arrival (the
samples between are spread over the time left, as BLE's queue bunched them), and the map goes on
from there at its slope (the first packet's delay anchored the map 18 ms late on a Movesense at
``--speed 5``, and packets arriving faster were placed up to 17 ms after their arrival for the
5-s window). Ticks already mapped keep their session time. Only a batch that arrives (nearly) at
the host time of the one before can end up to ``min_rate`` (10 ppm) of the device time since the
newest tick already mapped after its arrival (< 1 µs for packets < 0.1 s apart): mapped times
must still increase.
Version 1 is kept to replay sessions recorded with it exactly as recorded.

Resets: device time jumping back by more than ``reset_tolerance_s`` (or forward by much more than
the host time that passed) re-anchors on the current packet. Gaps: a batch starting more than
``gap_threshold_s`` after the latest device time seen is a device-time gap, reported by
:meth:`Timebase.pop_gaps` in session ns (the link layer reports connection gaps separately).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..core.types import TIMING_VERSION, TIMING_VERSIONS

NS = 1_000_000_000


def theil_sen_slope(y: np.ndarray, x: np.ndarray) -> float:
    """The Theil–Sen slope: the median of the slopes between every pair of points with distinct
    ``x`` (``scipy.stats.theilslopes(y, x)[0]``, the same floats). Written out because importing
    ``scipy.stats`` for it took ~1.2 s, and when that import ran on the engine thread as the first
    packets came in it held the GIL: the (simulated) radio's packets waited, the first one was
    stamped late and anchored the mapping too late, and every later sample was mapped after its
    own arrival (``record --simulate polar=trunk --speed 5``: latency -1110 ms, corrected at the
    slew limit over the next minute)."""
    dx = x[:, np.newaxis] - x
    dy = y[:, np.newaxis] - y
    pairs = dx > 0
    return float(np.median(dy[pairs] / dx[pairs]))


@dataclass(frozen=True, slots=True)
class TimebaseSettings:
    """Window of the lower envelope (s), minima used in the fit, slew limit (ppm), tolerances (s)."""

    window_s: float = 5.0
    fit_windows: int = 60  # 5 min of window minima: crystal drift is slow, arrival jitter is not
    max_slew_ppm: float = 20_000.0  # 2 %: corrects 100 ms of anchor error per 5 s window
    # A map ahead of the arrivals (samples placed after the packet that carried them: BLE only
    # adds delay) is pulled back faster, 500 ms per window: an anchor ~1 s late (a first packet
    # held up by a stall) read negative latencies for a minute at 2 %
    max_catch_up_ppm: float = 100_000.0
    # A fitted drift beyond this is not a crystal (they are off by < 100 ppm) but arrival noise;
    # clamped, the applied slope stays > -1 with the slew limits, so mapped times keep increasing
    max_drift_ppm: float = 10_000.0
    reset_tolerance_s: float = 2.0
    gap_threshold_s: float = 0.25
    max_pieces: int = 64  # history of mapping pieces kept for late (interleaved) batches
    # timing version 2 (see the module docstring); False = version 1
    cap_at_arrival: bool = True  # no sample after its packet's arrival
    # session ns per device ns at least while a batch is fitted under its arrival: 833 Hz ticks
    # (1.2 ms) stay >= 12 ns apart, so mapped times keep increasing after rounding
    min_rate: float = 1e-5


def settings_for(timing: int) -> TimebaseSettings:
    """The timebase rules of timing version ``timing`` (``SensorInfo.timing``); ValueError for a
    version this OefenSense does not know (a session from a newer one)."""
    if timing not in TIMING_VERSIONS:
        raise ValueError(f"timing version {timing!r} unknown: this OefenSense maps device time by "
                         f"versions {', '.join(map(str, TIMING_VERSIONS))}")
    if timing == 1:
        return TimebaseSettings(cap_at_arrival=False)
    assert timing == TIMING_VERSION
    return TimebaseSettings()


class Timebase:
    """Per-sensor device→session time mapping. Results: ``drift_ppm_``, ``residual_ns_``,
    ``resets_``, ``reanchors_``, ``gap_count_``. Call :meth:`discontinuity` when the link
    reports a gap (the pipeline does, on ``Event(type="gap")`` for the sensor)."""

    def __init__(self, settings: TimebaseSettings | None = None) -> None:
        self.settings = settings or TimebaseSettings()
        self.reset()

    def reset(self) -> None:
        """Forget everything; the next batch anchors afresh."""
        # mapping pieces: start device time, offset at start, slope (offset change per device ns)
        self._p_t = np.empty(0, np.int64)
        self._p_off = np.empty(0, np.float64)
        self._p_slope = np.empty(0, np.float64)
        self._max_dev: int | None = None
        self._last_host: int | None = None
        self._max_out: int | None = None
        self._win_end: int = 0
        self._win_min: tuple[int, int] | None = None  # (device_t, host - device) of the window minimum
        self._minima: list[tuple[int, int]] = []
        self._gaps: list[tuple[int, int]] = []
        self.drift_ppm_ = 0.0
        self.residual_ns_ = 0
        self._last_d: int | None = None  # host - device time of the last batch's newest sample
        self.resets_ = 0
        self.reanchors_ = 0
        self._reanchor = False
        self.gap_count_ = 0

    # ---------------------------------------------------------------- public
    def map(self, device_t_ns: np.ndarray, host_t_ns: int) -> np.ndarray:
        """Session ns (int64) for the device sample times of one batch that arrived at ``host_t_ns``."""
        t = np.asarray(device_t_ns, dtype=np.int64)
        if t.size == 0:
            return t.copy()
        s = self.settings
        first, last = int(t[0]), int(t[-1])
        host = int(host_t_ns)
        gap_from: int | None = None
        if self._max_dev is None:
            self._anchor(first, last, host)
        elif self._reanchor:
            self.reanchors_ += 1
            self._anchor(first, last, host)
        else:
            back = self._max_dev - last
            fwd = first - self._max_dev
            host_gap = host - (self._last_host if self._last_host is not None else host)
            if back > s.reset_tolerance_s * NS or fwd > host_gap + s.reset_tolerance_s * NS:
                self.resets_ += 1
                self._anchor(first, last, host)
            elif fwd > s.gap_threshold_s * NS:
                self.gap_count_ += 1
                gap_from = self._max_dev
        if s.cap_at_arrival and self._max_dev is not None and last > self._max_dev:
            self._cap(self._max_dev, last, host)
        if gap_from is not None:
            self._gaps.append((int(self._eval(gap_from)), int(self._eval(first))))
        self._observe(last, host)
        out = self._eval_array(t)
        self._max_dev = max(self._max_dev if self._max_dev is not None else last, last)
        self._last_host = host if self._last_host is None else max(self._last_host, host)
        self._max_out = int(out[-1]) if self._max_out is None else max(self._max_out, int(out[-1]))
        self.residual_ns_ = int(host - out[-1])
        self._last_d = host - last
        return out

    def at(self, device_t_ns: np.ndarray) -> np.ndarray:
        """Session ns of device times on the current map, learning nothing from them (no arrival):
        for a stream whose times were moved onto this clock. The map must be anchored."""
        t = np.asarray(device_t_ns, dtype=np.int64)
        if self._max_dev is None or t.size == 0:
            raise ValueError("Timebase.at: no map yet (map a batch with its arrival first)")
        return self._eval_array(t)

    def delay_ns(self) -> int | None:
        """The last batch's link delay (ns, >= 0): its arrival minus its newest device time, above
        the fastest such packet of this window and the two before (<= 15 s of device time, too
        short for crystal drift to matter). Not the mapped time: a map still being pulled back
        from a late anchor placed samples after their own arrival, and the dashboard read -211 ms
        for the first ~20 s of a simulated Polar at 5x. None before the first batch."""
        if self._last_d is None:
            return None
        floors = [m[1] for m in self._minima[-2:]] + ([self._win_min[1]] if self._win_min is not None else [])
        return int(self._last_d - min(floors, default=self._last_d))

    def discontinuity(self) -> None:
        """The link was lost and re-established (a source ``gap`` event for this sensor): the next
        batch re-anchors on its arrival time. Needed for counter-timed families (MetaWear), whose
        device time continues across the gap although samples were lost; harmless for
        timestamped ones. The drift fit starts again."""
        self._reanchor = True

    def pop_gaps(self) -> list[tuple[int, int]]:
        """Device-time gaps found since the last call, as (start_ns, end_ns) on the session clock."""
        gaps, self._gaps = self._gaps, []
        return gaps

    # ---------------------------------------------------------------- internals
    def _anchor(self, first: int, last: int, host: int) -> None:
        off = float(host - last)
        if self._max_out is not None:  # after a reset: stay after everything already emitted
            off = max(off, float(self._max_out + 1 - first))
        self._p_t = np.array([first], np.int64)
        self._p_off = np.array([off])
        self._p_slope = np.array([0.0])
        self._max_dev = None
        self._minima = []
        self._win_min = None
        self._win_end = first + int(self.settings.window_s * NS)
        self._reanchor = False

    def _observe(self, dev_last: int, host: int) -> None:
        d = host - dev_last
        if self._win_min is None or d < self._win_min[1]:
            self._win_min = (dev_last, d)
        if dev_last < self._win_end:
            return
        # window closed: keep its minimum, refit, start a new mapping piece at dev_last
        self._minima.append(self._win_min)
        self._minima = self._minima[-self.settings.fit_windows :]
        self._win_min = None
        self._win_end = dev_last + int(self.settings.window_s * NS)
        self._refit(dev_last)

    def _cap(self, t0: int, last: int, host: int) -> None:
        """Keep ``last`` (> ``t0``, the newest device time already mapped) at or before ``host``:
        when the map would place it later, a piece from ``t0`` (its session time unchanged) to
        ``last`` ending at ``host``, then the slope in force before."""
        if self._eval(last) <= host:
            return
        off0 = self._eval_offset(t0)
        keep = float(self._p_slope[-1])
        slope = max((host - last - off0) / (last - t0), self.settings.min_rate - 1.0)
        off_last = off0 + slope * (last - t0)
        if int(self._p_t[-1]) == t0:  # a piece already starts here: replace it
            self._p_t, self._p_off, self._p_slope = self._p_t[:-1], self._p_off[:-1], self._p_slope[:-1]
        m = self.settings.max_pieces
        self._p_t = np.append(self._p_t, np.array([t0, last], np.int64))[-m:]
        self._p_off = np.append(self._p_off, [off0, off_last])[-m:]
        self._p_slope = np.append(self._p_slope, [slope, keep])[-m:]

    def _refit(self, t_now: int) -> None:
        s = self.settings
        tm = np.array([m[0] for m in self._minima], np.float64)
        dm = np.array([m[1] for m in self._minima], np.float64)
        ref = tm[-1]
        if len(tm) >= 3:
            slope = theil_sen_slope(dm, tm - ref)
        elif len(tm) < 2:
            slope = float(self._p_slope[-1])
        elif tm[-1] - tm[0] >= s.window_s * NS / 2:
            slope = (dm[-1] - dm[0]) / (tm[-1] - tm[0])
        else:
            # Two minima a few ms apart say nothing about drift: a window's minimum can be its
            # first batch (the gyro packet that followed the acc packet closing the window before).
            # Over 1.6 ms of device time that read -965 000 ppm and mapped time ran backwards.
            slope = self.drift_ppm_ * 1e-6
        slope = float(np.clip(slope, -s.max_drift_ppm * 1e-6, s.max_drift_ppm * 1e-6))
        target_now = float(np.median(dm - slope * (tm - ref))) + slope * (t_now - ref)
        off_now = self._eval_offset(t_now)
        horizon = s.window_s * NS
        up, down = s.max_slew_ppm * 1e-6, max(s.max_slew_ppm, s.max_catch_up_ppm) * 1e-6
        new_slope = slope + float(np.clip((target_now - off_now) / horizon, -down, up))
        self.drift_ppm_ = slope * 1e6
        self._p_t = np.append(self._p_t, np.int64(t_now))[-s.max_pieces :]
        self._p_off = np.append(self._p_off, off_now)[-s.max_pieces :]
        self._p_slope = np.append(self._p_slope, new_slope)[-s.max_pieces :]

    def _eval_offset(self, t: int) -> float:
        n = self._p_t.shape[0] - 1
        # the usual case (t in the newest piece) without a search: per packet, live
        i = n if t >= self._p_t[n] else max(0, int(np.searchsorted(self._p_t, t, side="right")) - 1)
        return float(self._p_off[i] + self._p_slope[i] * (t - int(self._p_t[i])))

    def _eval(self, t: int) -> int:
        return int(round(t + self._eval_offset(t)))

    def _eval_array(self, t: np.ndarray) -> np.ndarray:
        t_last_piece = int(self._p_t[-1])
        if int(t[0]) >= t_last_piece:  # the usual case: everything in the current piece
            off0, slope = float(self._p_off[-1]), float(self._p_slope[-1])
            if t.shape[0] == 1:
                return t + np.int64(round(off0 + slope * (int(t[0]) - t_last_piece)))
            return t + np.rint(off0 + slope * (t - t_last_piece).astype(np.float64)).astype(np.int64)
        i = np.clip(np.searchsorted(self._p_t, t, side="right") - 1, 0, None)
        dt = (t - self._p_t[i]).astype(np.float64)
        off = self._p_off[i] + self._p_slope[i] * dt
        return t + np.rint(off).astype(np.int64)
