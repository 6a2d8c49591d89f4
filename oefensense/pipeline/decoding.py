"""RawPacket → SampleBlock for one sensor: the family's decoder, acc/gyro pairing, timebase.

Families that send accelerometer and gyroscope in separate packets (MetaWear, Polar) are paired
here: gyro is linearly interpolated onto the accelerometer's timestamps, and accelerometer
samples wait until gyro data covers them, so the output never depends on packet chunking.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from ..core.types import Event, RawPacket, SampleBlock, SensorInfo
from ..protocols import DecodedBatch, DecodeError, FlaggedDrop, StreamConfig, get_family
from .timebase import Timebase, settings_for

# Longest interval (ns) over which gyro is interpolated; beyond it the acc samples are dropped
# (flagged: a ``gap`` event, reason "no_gyro") rather than paired with made-up rotation.
_MAX_PAIR_GAP_NS = 250_000_000


class SensorDecoder:
    """Decodes one sensor's packets into SampleBlocks on the session clock.

    ``decode_errors`` counts packets refused by the family decoder (the stream goes on).
    Samples the family decoder decoded but refused to pass on (a value beyond the configured
    range, a device time that contradicts the stream) become flagged ``gap`` events
    (``reason`` "out_of_range" / "device_clock", ``samples``, ``detail``, ``origin`` "decoder"),
    counted per reason in ``flagged_samples``; so do device-time gaps the timebase finds, and
    accelerometer samples with no gyro within ``_MAX_PAIR_GAP_NS`` to pair them with ("no_gyro").
    """

    def __init__(self, info: SensorInfo, config: StreamConfig | None = None) -> None:
        self.info = info
        family = get_family(info.family)
        defaults = StreamConfig()
        self.config = config or StreamConfig(
            rate_hz=info.nominal_rate_hz or 100.0, gyro=info.has_gyro, mag=info.has_mag,
            # the ranges the device was configured with (recorded); unknown = the family default
            acc_range_g=info.acc_range_g or defaults.acc_range_g,
            gyr_range_dps=info.gyr_range_dps or defaults.gyr_range_dps)
        self._decoder = family.new_decoder(self.config)
        self._tb_settings = settings_for(info.timing)  # as recorded: old sessions replay as timed
        self._timebase = Timebase(self._tb_settings)  # the sensor's clock (a counter family's acc)
        # Timing 2, a family whose streams are counted apart (MetaWear): the other streams' counts
        # are moved onto the accelerometer's by the difference of the streams' fastest arrivals
        # (host - newest count: origin + the link's smallest delay, alike for both streams of one
        # link) and read off its one map. One map for the raw counts paired the gyro by the gap
        # between the two start writes (~123 ms under load at --speed 5).
        self._apart = info.timing >= 2 and family.counters_per_stream
        self._floors: dict[str, int] = {}  # per stream: min over its batches of host - newest count
        self._held: list[tuple[DecodedBatch, int]] = []  # other streams' batches before the first acc one
        self._wants_gyro = info.has_gyro and family.has_gyro
        self._acc_t = np.empty(0, np.int64)
        self._acc = np.empty((0, 3))
        self._gyr_t = np.empty(0, np.int64)
        self._gyr = np.empty((0, 3))
        self.decode_errors = 0
        self.last_error = ""
        self.flagged_samples: dict[str, int] = {}
        self._events: list[Event] = []
        self._clock_drops: list[FlaggedDrop] = []  # device time unusable: placed by the next good sample
        self._last_t: int | None = None  # session ns of the last sample passed on
        self._lost_from: int | None = None  # session ns of the first sample link_lost discarded
        self._last_host = 0
        # the last data packet's delay above the fastest recent one (ns, Timebase.delay_ns): the
        # link's delay, per packet (not per paired block: see runtime.StatsSink); None before one
        self.link_delay_ns: int | None = None
        self.link_delays = 0  # how many were measured (a control answer measures none)

    @property
    def decoder_stats(self):  # the family decoder's counters (packets, gaps, resets)
        return self._decoder.stats

    def process(self, packet: RawPacket) -> SampleBlock | None:
        try:
            batches = self._decoder.decode(packet.char_uuid, packet.payload)
        except DecodeError as exc:
            self.decode_errors += 1
            self.last_error = str(exc)
            return None
        self._last_host = packet.host_t_ns
        return self._emit(batches, packet.host_t_ns)

    def _emit(self, batches: list[DecodedBatch], host_t_ns: int) -> SampleBlock | None:
        self._take_flagged(host_t_ns)
        blocks = [b for b in (self._to_session(batch, host_t_ns) for batch in batches) if b is not None]
        block = SampleBlock.concat(blocks) if blocks else None
        if block is not None and len(block):
            self._place_clock_drops(int(block.t_ns[0]))
            self._last_t = int(block.t_ns[-1])
        return block

    def _take_flagged(self, host_t_ns: int) -> None:
        for d in self._decoder.pop_flagged():
            self.flagged_samples[d.reason] = self.flagged_samples.get(d.reason, 0) + d.samples
            if not d.clock_ok:
                self._clock_drops.append(d)
                continue
            start, end = (int(x) for x in self._timebase.map(np.array([d.t_first_ns, d.t_last_ns], np.int64), host_t_ns))
            self._events.append(self._gap(start, max(start, end), d))

    def _place_clock_drops(self, next_t: int) -> None:
        for d in self._clock_drops:
            start = self._last_t if self._last_t is not None else next_t
            self._events.append(self._gap(start, max(start, next_t), d))
        self._clock_drops = []

    def _gap(self, start: int, end: int, d: FlaggedDrop) -> Event:
        return Event("gap", start, end, {"reason": d.reason, "samples": d.samples, "detail": d.detail,
                                         "origin": "decoder"}, sensor_id=self.info.sensor_id)

    def link_lost(self) -> SampleBlock | None:
        """The source says this sensor's link dropped and came back (a ``gap`` event): what the
        decoder still holds of the old connection is passed on; then its frame state and the
        pairing buffers are dropped and the timebase re-anchors (counter-timed families keep
        counting across the gap). Accelerometer samples still waiting for gyro are discarded:
        ``cover`` moves the link's gap back over them."""
        block = self._emit(self._decoder.flush(), self._last_host)
        self._lost_from = int(self._acc_t[0]) if len(self._acc_t) else None
        self._decoder.reset()
        self._timebase.discontinuity()
        self._floors, self._held = {}, []  # a new connection counts every stream from 0 again
        self._acc_t, self._acc = self._acc_t[:0], self._acc[:0]
        self._gyr_t, self._gyr = self._gyr_t[:0], self._gyr[:0]
        return block

    def cover(self, gap: Event) -> Event:
        """The source's link-lost ``gap`` event, its start moved back to the first sample the last
        ``link_lost`` discarded (unpaired, after the last sample passed on) when that is earlier:
        so the gap covers them and nothing is lost unflagged."""
        lost_from, self._lost_from = self._lost_from, None
        if lost_from is None or lost_from >= gap.t_ns:
            return gap
        return dataclasses.replace(gap, t_ns=lost_from)

    def pop_gap_events(self) -> list[Event]:
        """Flagged drops and device-time gaps the timebase found (missing packets), as ``gap``
        events, since the last call."""
        events, self._events = self._events, []
        events += [
            Event("gap", start, end, {"reason": "device_time_gap", "origin": "decoder"}, sensor_id=self.info.sensor_id)
            for start, end in self._timebase.pop_gaps()
        ]
        return events

    def finish(self) -> SampleBlock | None:
        """End of the stream: samples the decoder still holds; drops with no later sample to
        place them are flagged at the last sample. Unpaired accelerometer samples at the very end
        have no gyro: they are not passed on."""
        block = self._emit(self._decoder.flush(), self._last_host)
        if self._clock_drops and self._last_t is not None:
            self._place_clock_drops(self._last_t)
        return block

    def _to_session(self, batch: DecodedBatch, host_t_ns: int) -> SampleBlock | None:
        if len(batch.t_device_ns) == 0:
            return None
        if self._apart:
            t = self._counted_apart(batch, host_t_ns)
            if t is None:
                return None
        else:
            t = self._timebase.map(np.asarray(batch.t_device_ns, np.int64), host_t_ns)
            self.link_delay_ns = self._timebase.delay_ns()  # not host - t[-1]: see Timebase.delay_ns
            self.link_delays += 1
        if batch.acc_g is not None and (batch.gyr_dps is not None or not self._wants_gyro):
            return SampleBlock(self.info.sensor_id, t, batch.acc_g, batch.gyr_dps if self._wants_gyro else None, batch.mag_ut)
        if batch.acc_g is not None:
            self._acc_t = np.concatenate([self._acc_t, t])
            self._acc = np.concatenate([self._acc, batch.acc_g])
        if batch.gyr_dps is not None:
            self._gyr_t = np.concatenate([self._gyr_t, t])
            self._gyr = np.concatenate([self._gyr, batch.gyr_dps])
        return self._pair()

    def _counted_apart(self, batch: DecodedBatch, host_t_ns: int) -> np.ndarray | None:
        """Session ns of a batch of a family whose streams are counted apart (see ``__init__``);
        None while an other stream's batch waits for the accelerometer's first."""
        d = np.asarray(batch.t_device_ns, np.int64)
        key = "acc" if batch.acc_g is not None else "gyr" if batch.gyr_dps is not None else "other"
        floor = host_t_ns - int(d[-1])
        self._floors[key] = min(self._floors.get(key, floor), floor)
        if key == "acc":
            t = self._timebase.map(d, host_t_ns)
            self.link_delay_ns = self._timebase.delay_ns()
            self.link_delays += 1
            held, self._held = self._held, []
            for b, host in held:  # now they can be placed: into the pairing buffers
                self._to_session(b, host)
            return t
        if "acc" not in self._floors:
            self._held.append((batch, host_t_ns))
            return None
        t = self._timebase.at(d + (self._floors[key] - self._floors["acc"]))
        if key == "gyr" and len(self._gyr_t) and t[0] <= self._gyr_t[-1]:
            # the difference of the floors shrank (a faster arrival): never back over the gyro
            # already buffered, the pairing interpolates on increasing times
            t = t + (int(self._gyr_t[-1]) + 1 - int(t[0]))
        return t

    def _pair(self) -> SampleBlock | None:
        if len(self._gyr_t) < 2 or not len(self._acc_t):
            return None
        ready = self._acc_t <= self._gyr_t[-1]
        n = int(np.count_nonzero(ready))
        if n == 0:
            return None
        t = self._acc_t[:n]
        # np.clip's wrapper cost more than the two ufuncs (per packet, live)
        idx = np.minimum(np.maximum(np.searchsorted(self._gyr_t, t, side="right") - 1, 0), len(self._gyr_t) - 2)
        t0, t1 = self._gyr_t[idx], self._gyr_t[idx + 1]
        # t < t0: accelerometer samples older than the first gyro sample, i.e. before the stream's
        # (or a re-connection's) first gyro batch: no gyro to interpolate from. A Polar's acc and
        # gyro frames carry the same device times, but each batch is mapped at its own arrival,
        # so its first block lost 1 (69 of 70) and a reconnection's 2 (gyro mapped 1.7 and 12.4 ms
        # later, fake radio at --speed 5): flagged like any other unpairable sample (until rel-10
        # dropped unflagged)
        after_first = t >= t0
        usable = after_first & ((t1 - t0) <= _MAX_PAIR_GAP_NS)
        self._flag_before_gyro(t[~after_first])
        dropped = after_first & ~usable
        if dropped.any():
            self._flag_no_gyro(t, idx, dropped)
        frac = ((t - t0) / np.maximum(t1 - t0, 1))[:, None]
        gyr = self._gyr[idx] + (self._gyr[idx + 1] - self._gyr[idx]) * frac
        acc = self._acc[:n]
        self._acc_t, self._acc = self._acc_t[n:], self._acc[n:]
        keep_from = max(int(idx[-1]), 0)
        self._gyr_t, self._gyr = self._gyr_t[keep_from:], self._gyr[keep_from:]
        if not usable.any():
            return None
        return SampleBlock(self.info.sensor_id, t[usable], acc[usable], gyr[usable])

    def _flag_before_gyro(self, ts: np.ndarray) -> None:
        """A ``gap`` event (reason "no_gyro") over the accelerometer samples (session ns ``ts``)
        older than the first gyro sample of the stream or of a re-connection. At the stream's
        start, a gyroscope that began within the pairing limit (``_MAX_PAIR_GAP_NS``) after the
        accelerometer is no gap: a Polar starts its two measurements one after the other (4
        samples, 31 ms, in the dashboard's demo, which listed "No data from the sensor" in red at
        0:00 of every session). Like rows dropped at a CSV's start, those samples shorten the
        stream rather than leave a hole in it, and the recorded packets keep them. A longer wait
        (the first gyro notification lost) is flagged, as is any after a re-connection."""
        if not len(ts):
            return
        if self._last_t is None and int(self._gyr_t[0]) - int(ts[0]) <= _MAX_PAIR_GAP_NS:
            return
        later_ms = (int(self._gyr_t[0]) - int(ts[0])) / 1e6
        self.flagged_samples["no_gyro"] = self.flagged_samples.get("no_gyro", 0) + len(ts)
        self._events.append(Event("gap", int(ts[0]), int(ts[-1]), {
            "reason": "no_gyro", "samples": len(ts),
            "detail": f"before the first gyroscope sample ({later_ms:.1f} ms later)",
            "origin": "decoder"}, sensor_id=self.info.sensor_id))

    def _flag_no_gyro(self, t: np.ndarray, idx: np.ndarray, dropped: np.ndarray) -> None:
        """A ``gap`` event (reason "no_gyro") per gyro interval too long to interpolate across,
        over the accelerometer samples (session ns ``t``) dropped in it."""
        for k in np.unique(idx[dropped]):
            ts = t[dropped & (idx == k)]
            span_ms = (int(self._gyr_t[k + 1]) - int(self._gyr_t[k])) / 1e6
            self.flagged_samples["no_gyro"] = self.flagged_samples.get("no_gyro", 0) + len(ts)
            self._events.append(Event("gap", int(ts[0]), int(ts[-1]), {
                "reason": "no_gyro", "samples": len(ts),
                "detail": f"no gyroscope sample for {span_ms:.0f} ms (interpolated up to {_MAX_PAIR_GAP_NS // 1_000_000} ms)",
                "origin": "decoder"}, sensor_id=self.info.sensor_id))
