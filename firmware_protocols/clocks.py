"""Device time and packet counters: counter-based stamps, wrapping hardware timestamps with
gap/reset detection, wrapping sequence counters. numpy only."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .base import DecoderStats
from .util import NS

@dataclass
class CounterClock:
    """Per-sample timestamps for protocols without a timestamp: sample count × period.

    Gaps cannot be seen from bytes alone on such protocols; the timebase uses arrival times.
    """

    rate_hz: float
    count: int = 0

    def stamps(self, n: int) -> np.ndarray:
        c = self.count
        self.count += n
        if n == 1:  # the common single-sample packet: no arange
            return np.array([round(c * NS / self.rate_hz)], dtype=np.int64)
        k = np.arange(c, c + n, dtype=np.float64)
        return np.rint(k * (NS / self.rate_hz)).astype(np.int64)


@dataclass
class SequenceTracker:
    """Checks a wrapping packet counter of ``bits`` bits (e.g. u16 → 65536).

    ``check(seq)``: "first", "ok", "gap" (n packets skipped, counted in ``stats.sequence_gaps``),
    "duplicate" (same counter again) or "reset" (counter far behind: device restarted).
    Wrap-around (65535 → 0) is "ok".
    """

    bits: int
    stats: DecoderStats
    last: int | None = None
    missing: int = 0

    def check(self, seq: int) -> str:
        mod = 1 << self.bits
        if self.last is None:
            self.last = seq
            return "first"
        d = (seq - self.last) % mod
        self.last = seq
        if d == 1:
            return "ok"
        if d == 0:
            self.stats.errors["duplicate packet"] = self.stats.errors.get("duplicate packet", 0) + 1
            return "duplicate"
        if d > mod // 2:  # far behind: the device restarted its counter
            self.stats.clock_resets += 1
            return "reset"
        self.stats.sequence_gaps += 1
        self.missing += d - 1
        return "gap"


class DeviceClock:
    """Per-sample device time from a wrapping hardware timestamp (u32 ms / µs ...).

    ``stamps(raw, n)`` takes the packet's raw timestamp of its **first** sample and returns n
    int64 ns stamps at the nominal period. Wrap-around of the ``bits``-wide counter is unwrapped
    (not an error). Against the continuation of the previous packet: within ``tol`` (the larger
    of half a period and 1.5 timestamp units) it is the same stream, and the stamps follow a slow
    phase-locked loop (removes the timestamp's rounding jitter, follows clock drift); later than
    that is a gap (``stats.sequence_gaps``, ``stats.missing_samples``); earlier is a clock
    reset (``stats.clock_resets``), and the stream re-anchors on the new time.
    """

    def __init__(self, bits: int, unit_ns: int, rate_hz: float, stats: DecoderStats) -> None:
        self.bits = bits
        self.unit_ns = unit_ns
        self.period = NS / rate_hz
        self.stats = stats
        self.tol = max(0.5 * self.period, 1.5 * unit_ns)
        self.last_raw: int | None = None
        self.wraps = 0
        self.next_expected: int | None = None
        self.state = "first"

    def stamps(self, raw: int, n: int) -> np.ndarray:
        mod = 1 << self.bits
        if self.last_raw is not None and raw < self.last_raw and self.last_raw - raw > mod // 2:
            self.wraps += 1
        self.last_raw = raw
        t = (raw + self.wraps * mod) * self.unit_ns
        t0 = t
        self.state = "first"
        if self.next_expected is not None:
            d = t - self.next_expected
            if abs(d) <= self.tol:
                t0 = self.next_expected + int(round(0.02 * d))
                self.state = "ok"
            elif d > 0:
                self.stats.sequence_gaps += 1
                self.stats.missing_samples += int(round(d / self.period))
                self.state = "gap"
            else:
                self.stats.clock_resets += 1
                self.wraps = 0
                t0 = raw * self.unit_ns
                self.state = "reset"
        self.next_expected = int(t0 + round(n * self.period))
        if n == 1:
            return np.array([t0], dtype=np.int64)
        return t0 + np.rint(np.arange(n) * self.period).astype(np.int64)
