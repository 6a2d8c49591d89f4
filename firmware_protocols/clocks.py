"""Device time and packet counters: counter-based stamps, wrapping hardware timestamps with
gap/reset detection, wrapping sequence counters. numpy only."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

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


# Longest break in a stream's device time that can be a real gap inside one connection: a BLE
# link is declared lost after its supervision timeout (at most 32 s by the Core spec), and a lost
# link resets the decoder. A confirmed longer jump is a clock reset, never billions of "missing"
# samples.
MAX_GAP_NS = 32 * NS


@dataclass
class Held:
    """A decoded packet whose device time broke the stream, waiting for the next packet."""

    t_first: int  # device ns of its first sample, as the packet says (unwrapped)
    t_last: int
    n: int
    item: Any
    state: str = ""  # "gap" or "reset", once confirmed


class ContinuityGuard:
    """Checks each packet's device time against the stream, one packet late when it must.

    A packet that continues the stream (``continues(last_ns, t_first, t_last, n, skipped)``) is
    accepted at once. One that breaks it (a jump forward or back) is held until the next packet:
    if that one continues the held packet, the break was real ("gap" when forward and no longer
    than :data:`MAX_GAP_NS`, else "reset"); if it continues the old stream, the held packet's
    time was corrupt (a flipped bit): it is dropped and listed in ``rejected``; otherwise the
    held packet is taken as a real break. ``push`` and ``flush`` return ``[(state, Held)]`` in
    stream order, state "first", "ok", "gap", "reset" or "resume" (after a rejected packet: stamp
    from the packet's own time). The caller counts gaps, missing samples and resets.
    """

    def __init__(self, continues: Callable[[int, int, int, int, int], bool]) -> None:
        self.continues = continues
        self.last: int | None = None  # device ns of the last accepted sample
        self.held: Held | None = None
        self.rejected: list[Held] = []

    def push(self, p: Held, confirmed: bool = False) -> list[tuple[str, Held]]:
        """``confirmed``: the protocol itself vouches for a break here (a sequence counter that
        skipped or restarted, a device-overflow flag): no need to wait for the next packet."""
        if self.last is None:
            return [self._accept("first", p)]
        h = self.held
        if h is None:
            if self.continues(self.last, p.t_first, p.t_last, p.n, 0):
                return [self._accept("ok", p)]
            if confirmed:
                return [self._accept(self._break(p), p)]
            self.held = p
            return []
        self.held = None
        if self.continues(h.t_last, p.t_first, p.t_last, p.n, 0):
            return [self._accept(self._break(h), h), self._accept("ok", p)]
        if self.continues(self.last, p.t_first, p.t_last, p.n, h.n):
            self.rejected.append(h)
            return [self._accept("resume", p)]
        return [self._accept(self._break(h), h)] + self.push(p, confirmed)

    def flush(self) -> list[tuple[str, Held]]:
        """The held packet, taken as a real break (end of stream or link lost)."""
        h, self.held = self.held, None
        return [] if h is None else [self._accept(self._break(h), h)]

    def _break(self, h: Held) -> str:
        assert self.last is not None
        return "gap" if self.last < h.t_first <= self.last + MAX_GAP_NS else "reset"

    def _accept(self, state: str, p: Held) -> tuple[str, Held]:
        p.state = state
        self.last = p.t_last
        return state, p


class DeviceClock:
    """Per-sample device time from a wrapping hardware timestamp (u32 ms / µs ...).

    ``push(raw, n, item)`` takes a packet's raw timestamp of its **first** sample and returns the
    packets released so far as ``[(stamps, item, state)]`` (int64 ns stamps at the nominal
    period). Wrap-around of the ``bits``-wide counter is unwrapped (not an error). Against the
    continuation of the previous packet: within ``tol`` (the larger of half a period and 1.5
    timestamp units) it is the same stream, and the stamps follow a slow phase-locked loop
    (removes the timestamp's rounding jitter, follows clock drift). A break (later: a gap; earlier:
    a reset) is held one packet by :class:`ContinuityGuard` and confirmed or refused by the next:
    confirmed gaps count ``stats.sequence_gaps`` / ``stats.missing_samples``, resets
    ``stats.clock_resets``; a packet whose time was corrupt is dropped and kept in ``rejected``
    (the decoder flags it). ``flush()`` releases a held packet at the end of a stream.
    """

    def __init__(self, bits: int, unit_ns: int, rate_hz: float, stats: DecoderStats) -> None:
        self.bits = bits
        self.unit_ns = unit_ns
        self.period = NS / rate_hz
        self.stats = stats
        self.tol = max(0.5 * self.period, 1.5 * unit_ns)
        self.next_expected: int | None = None
        self.state = "first"
        self.guard = ContinuityGuard(self._continues)

    def _continues(self, last: int, t_first: int, t_last: int, n: int, skipped: int) -> bool:
        return abs(t_first - (last + (skipped + 1) * self.period)) <= self.tol + skipped * 0.01 * self.period

    def _unwrap(self, raw: int) -> int:
        """Device ns of ``raw``: the unwrapped value nearest the stream's last accepted time."""
        mod = 1 << self.bits
        ref = self.guard.last if self.guard.held is None else self.guard.held.t_last
        if ref is None:
            return raw * self.unit_ns
        k = round((ref / self.unit_ns - raw) / mod)
        return (raw + max(k, 0) * mod) * self.unit_ns

    def push(self, raw: int, n: int, item: Any = None, confirmed: bool = False) -> list[tuple[np.ndarray, Any, str]]:
        t = self._unwrap(raw)
        return self._release(self.guard.push(Held(t, t + round((n - 1) * self.period), n, item), confirmed))

    def flush(self) -> list[tuple[np.ndarray, Any, str]]:
        return self._release(self.guard.flush())

    def pop_rejected(self) -> list[Held]:
        out, self.guard.rejected = self.guard.rejected, []
        return out

    def _release(self, accepted: list[tuple[str, Held]]) -> list[tuple[np.ndarray, Any, str]]:
        out = []
        for state, p in accepted:
            t0 = p.t_first
            if state == "ok" and self.next_expected is not None:
                t0 = self.next_expected + int(round(0.02 * (p.t_first - self.next_expected)))
            elif state == "gap" and self.next_expected is not None:
                self.stats.sequence_gaps += 1
                self.stats.missing_samples += int(round((p.t_first - self.next_expected) / self.period))
            elif state == "reset":
                self.stats.clock_resets += 1
            self.state = state
            self.next_expected = int(t0 + round(p.n * self.period))
            if p.n == 1:
                stamps = np.array([t0], dtype=np.int64)
            else:
                stamps = t0 + np.rint(np.arange(p.n) * self.period).astype(np.int64)
            out.append((stamps, p.item, state))
        return out
