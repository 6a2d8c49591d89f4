"""``session_info``: what a session holds, computed in one streaming pass (bounded memory).

Per sensor, from the recorded decoded samples' timestamps (session clock, never the wall clock):

* ``samples``: count; ``effective_rate_hz`` = (n − 1) / (t_last − t_first);
* ``loss_pct`` = 100 × (expected − n) / expected with expected = (t_last − t_first) / period + 1
  and period = 1 / nominal rate (the median interval when the nominal rate is unknown); t_last
  is the end of a recorded gap after the last sample when there is one (a sensor that never came back);
  clamped at 0 (a device clock running fast gives "more" samples, not negative loss);
* ``gaps``: inter-sample intervals longer than ``gap_min_periods`` periods AND at least
  ``gap_min_s``, as ``{start_s, end_s}`` = the last sample before and the first after the gap,
  merged with the recorded ``gap`` events of that sensor.

Times in the result are seconds on the session clock, rounded to 1 ms.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow.compute as pc

from ..core.limits import GAP_PERIODS, Range, check_ranges
from ..core.types import NS_PER_S
from .reader import SessionReader

_RATE_PROBE = 10_000  # intervals used to estimate the period when the nominal rate is unknown


@dataclass(frozen=True)
class InfoSettings:
    """Gap rule: an interval is a gap when > ``gap_min_periods`` sample periods and >= ``gap_min_s`` s."""

    gap_min_periods: float = 3.0
    gap_min_s: float = 0.1

    def __post_init__(self) -> None:
        check_ranges("info", self, {"gap_min_periods": GAP_PERIODS, "gap_min_s": Range("s", low=0)})


class _SensorStats:
    """Streaming count, first/last time, gaps of one sensor's sample timestamps (int64 ns)."""

    def __init__(self, nominal_rate_hz: float, settings: InfoSettings) -> None:
        self.settings = settings
        self.period_ns: float | None = NS_PER_S / nominal_rate_hz if nominal_rate_hz > 0 else None
        self.n = 0
        self.first = 0  # meaningful once n > 0
        self.last = 0
        self.gaps: list[tuple[int, int]] = []
        self._pending: list[np.ndarray] = []
        self._n_pending = 0

    def feed(self, t: np.ndarray) -> None:
        if len(t) == 0:
            return
        if self.period_ns is None:
            self._pending.append(t)
            self._n_pending += len(t)
            if self._n_pending > _RATE_PROBE:
                self._settle_period()
            return
        self._process(t)

    def _settle_period(self) -> None:
        t = np.concatenate(self._pending)
        self._pending, self._n_pending = [], 0
        d = np.diff(t)
        d = d[d > 0]
        self.period_ns = float(np.median(d)) if len(d) else float("nan")
        self._process(t)

    def _process(self, t: np.ndarray) -> None:
        if self.n == 0:
            self.first = int(t[0])
        tt = t if self.n == 0 else np.concatenate(([self.last], t))
        period = self.period_ns
        if len(tt) > 1 and period is not None and not np.isnan(period):
            limit = max(self.settings.gap_min_periods * period, self.settings.gap_min_s * NS_PER_S)
            idx = np.flatnonzero(np.diff(tt) > limit)
            self.gaps.extend((int(tt[i]), int(tt[i + 1])) for i in idx)
        self.n += len(t)
        self.last = int(t[-1])

    def finish(self) -> None:
        if self._pending:
            self._settle_period()

    def loss_pct(self, until_ns: int | None = None) -> float | None:
        """``until_ns``: the end of a recorded gap after the last sample (a sensor that dropped
        out and never came back): the samples missing up to there count as lost."""
        period = self.period_ns
        if self.n < 2 or not period or np.isnan(period):
            return None
        last = max(self.last, until_ns) if until_ns is not None else self.last
        expected = (last - self.first) / period + 1.0
        return max(0.0, 100.0 * (expected - self.n) / expected)

    def effective_rate_hz(self) -> float:
        if self.n < 2 or self.last == self.first:
            return 0.0
        return (self.n - 1) * NS_PER_S / (self.last - self.first)


def _merge(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(intervals):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _s(t_ns: int | None) -> float | None:
    return None if t_ns is None else round(t_ns / NS_PER_S, 3)


def _integrity(r: SessionReader) -> str:
    """"damaged" (data lost, not yet repaired), "repaired" (losses recorded and flagged as gaps),
    "verified" (every checksum matched) or "unverified" (written before checksums existed)."""
    if r.damaged:
        return "damaged"
    if r.repaired:
        return "repaired"
    return "verified" if r.checksums else "unverified"


def session_info(path: str | os.PathLike[str], settings: InfoSettings | None = None) -> dict[str, Any]:
    """The ``oefensense info`` content of one session (JSON-safe dict).

    Keys: ``path``, ``format_version``, ``created_utc``, ``closed``, ``compacted``,
    ``recovered``, ``live`` (still being recorded), ``integrity`` (see :func:`_integrity`),
    ``losses`` (stored data that failed its checksum or is missing: ``Loss`` dicts),
    ``repaired_losses`` (what ``repair`` could not keep), ``csv_import`` (file name ->
    ``ImportReport`` dict of the CSVs a simulated sensor played back), ``warnings``, ``start_s``, ``end_s``,
    ``duration_s``, ``packets``, ``events``, ``markers``, ``sensors`` (list of ``sensor_id,
    placement, family, nominal_rate_hz, samples, packets, start_s, end_s, effective_rate_hz,
    loss_pct, gaps:[{start_s, end_s}], flagged_samples:{reason: n}`` = samples the decoder
    dropped as impossible, e.g. "out_of_range", "device_clock"), ``cues`` (the recorded ``cue``
    events: ``t_s, rule, modality, withheld, delivered, device, latency_s, error``) and
    ``simulated_devices`` (sensor id -> the simulated firmware's own log of received commands,
    ``record --simulate``). Raises SessionError for a foreign or empty directory.
    """
    settings = settings or InfoSettings()
    r = SessionReader(path)
    r.verify()  # checksums first: what is lost is part of the description
    infos = {s.sensor_id: s for s in r.sensors}
    stats: dict[str, _SensorStats] = {sid: _SensorStats(s.nominal_rate_hz, settings) for sid, s in infos.items()}

    for b in r.iter_batches("samples", columns=["sensor_id", "t_ns"]):
        ids = b.column("sensor_id")
        uniq = pc.unique(ids).to_pylist()
        for sid in uniq:
            t = b.filter(pc.equal(ids, sid)).column("t_ns") if len(uniq) > 1 else b.column("t_ns")
            if sid not in stats:
                stats[sid] = _SensorStats(0.0, settings)
            stats[sid].feed(t.to_numpy(zero_copy_only=False).astype(np.int64, copy=False))

    packets: dict[str, int] = {}
    p_first: int | None = None
    p_last: int | None = None
    for b in r.iter_batches("packets", columns=["sensor_id", "host_t_ns"]):
        if b.num_rows == 0:
            continue
        for item in pc.value_counts(b.column("sensor_id")).to_pylist():
            packets[item["values"]] = packets.get(item["values"], 0) + item["counts"]
        mm = pc.min_max(b.column("host_t_ns")).as_py()
        p_first = mm["min"] if p_first is None else min(p_first, mm["min"])
        p_last = mm["max"] if p_last is None else max(p_last, mm["max"])

    events = r.events()
    gap_events: dict[str, list[tuple[int, int]]] = {}
    flagged: dict[str, dict[str, int]] = {}  # samples the decoder refused, per sensor and reason
    for e in events:
        if e.type == "gap":
            gap_events.setdefault(e.sensor_id, []).append((e.t_ns, e.end_ns))
            if e.fields.get("origin") == "decoder" and "samples" in e.fields:
                per = flagged.setdefault(e.sensor_id, {})
                per[e.fields["reason"]] = per.get(e.fields["reason"], 0) + int(e.fields["samples"])

    sensors = []
    for sid, st in stats.items():
        st.finish()
        info = infos.get(sid)
        gaps = _merge(st.gaps + gap_events.get(sid, []))
        # a recorded gap that outlasts the sensor's samples (it never came back) is loss too: the
        # table read "loss 0.00 %" beside a 58-s gap of a sensor gone for good
        loss = st.loss_pct(max((e for _, e in gaps), default=None))
        sensors.append(
            {
                "sensor_id": sid,
                "placement": info.placement.value if info else "unknown",
                "family": info.family if info else "unknown",
                "nominal_rate_hz": info.nominal_rate_hz if info else 0.0,
                "samples": st.n,
                "packets": packets.get(sid, 0),
                "start_s": _s(st.first) if st.n else None,
                "end_s": _s(st.last) if st.n else None,
                "effective_rate_hz": round(st.effective_rate_hz(), 3),
                "loss_pct": None if loss is None else round(loss, 3),
                "gaps": [{"start_s": _s(s), "end_s": _s(e)} for s, e in gaps],
                "flagged_samples": flagged.get(sid, {}),
            }
        )

    firsts = [s.first for s in stats.values() if s.n]
    lasts = [s.last for s in stats.values() if s.n]
    if not firsts and p_first is not None and p_last is not None:  # raw packets only: host arrival time
        firsts, lasts = [p_first], [p_last]
    if not firsts and events:
        firsts, lasts = [min(e.t_ns for e in events)], [max(e.end_ns for e in events)]
    start, end = (min(firsts), max(lasts)) if firsts else (None, None)
    return {
        "path": str(r.path),
        "format_version": r.manifest.get("format_version"),
        "created_utc": r.manifest.get("created_utc"),
        "closed": r.closed,
        "compacted": r.compacted,
        "recovered": r.recovered,
        "live": r.live,
        "integrity": _integrity(r),
        "losses": [loss.to_dict() for loss in r.losses],
        "repaired_losses": list(r.manifest.get("losses", [])) if r.repaired else [],
        "csv_import": dict(r.manifest.get("csv_import", {}) or {}),
        "warnings": list(r.warnings),
        "start_s": _s(start),
        "end_s": _s(end),
        "duration_s": 0.0 if start is None or end is None else round((end - start) / NS_PER_S, 3),
        "packets": sum(packets.values()),
        "events": len(events),
        "markers": sum(1 for e in events if e.type == "marker"),
        "sensors": sensors,
        "cues": [{"t_s": _s(e.t_ns), **{k: e.fields.get(k) for k in _CUE_KEYS}} for e in events if e.type == "cue"],
        "simulated_devices": dict(r.manifest.get("simulated_devices", {}) or {}),
    }


_CUE_KEYS = ("rule", "modality", "withheld", "delivered", "device", "latency_s", "error")
