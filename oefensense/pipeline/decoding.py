"""RawPacket → SampleBlock for one sensor: the family's decoder, acc/gyro pairing, timebase.

Families that send accelerometer and gyroscope in separate packets (MetaWear, Polar) are paired
here: gyro is linearly interpolated onto the accelerometer's timestamps, and accelerometer
samples wait until gyro data covers them, so the output never depends on packet chunking.
"""

from __future__ import annotations

import numpy as np

from ..core.types import Event, RawPacket, SampleBlock, SensorInfo
from ..protocols import DecodedBatch, DecodeError, StreamConfig, get_family
from .timebase import Timebase

# Longest interval (ns) over which gyro is interpolated; beyond it the acc samples are dropped
# rather than paired with made-up rotation.
_MAX_PAIR_GAP_NS = 250_000_000


class SensorDecoder:
    """Decodes one sensor's packets into SampleBlocks on the session clock.

    ``decode_errors`` counts packets refused by the family decoder (the stream goes on).
    """

    def __init__(self, info: SensorInfo, config: StreamConfig | None = None) -> None:
        self.info = info
        family = get_family(info.family)
        self.config = config or StreamConfig(rate_hz=info.nominal_rate_hz or 100.0, gyro=info.has_gyro)
        self._decoder = family.new_decoder(self.config)
        self._timebase = Timebase()
        self._wants_gyro = info.has_gyro and family.has_gyro
        self._acc_t = np.empty(0, np.int64)
        self._acc = np.empty((0, 3))
        self._gyr_t = np.empty(0, np.int64)
        self._gyr = np.empty((0, 3))
        self.decode_errors = 0
        self.last_error = ""

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
        blocks = [b for b in (self._to_session(batch, packet.host_t_ns) for batch in batches) if b is not None]
        return SampleBlock.concat(blocks) if blocks else None

    def link_lost(self) -> None:
        """The source says this sensor's link dropped and came back (a ``gap`` event): the
        decoder's frame state and the pairing buffers belong to the old connection, and the
        timebase must re-anchor (counter-timed families keep counting across the gap)."""
        self._decoder.reset()
        self._timebase.discontinuity()
        self._acc_t, self._acc = self._acc_t[:0], self._acc[:0]
        self._gyr_t, self._gyr = self._gyr_t[:0], self._gyr[:0]

    def pop_gap_events(self) -> list[Event]:
        """Device-time gaps the timebase found (missing packets), as ``gap`` events."""
        return [
            Event("gap", start, end, {"reason": "device_time_gap"}, sensor_id=self.info.sensor_id)
            for start, end in self._timebase.pop_gaps()
        ]

    def finish(self) -> SampleBlock | None:
        return None  # unpaired accelerometer samples at the very end have no gyro: dropped

    def _to_session(self, batch: DecodedBatch, host_t_ns: int) -> SampleBlock | None:
        if len(batch.t_device_ns) == 0:
            return None
        t = self._timebase.map(np.asarray(batch.t_device_ns, np.int64), host_t_ns)
        if batch.acc_g is not None and (batch.gyr_dps is not None or not self._wants_gyro):
            return SampleBlock(self.info.sensor_id, t, batch.acc_g, batch.gyr_dps if self._wants_gyro else None, batch.mag_ut)
        if batch.acc_g is not None:
            self._acc_t = np.concatenate([self._acc_t, t])
            self._acc = np.concatenate([self._acc, batch.acc_g])
        if batch.gyr_dps is not None:
            self._gyr_t = np.concatenate([self._gyr_t, t])
            self._gyr = np.concatenate([self._gyr, batch.gyr_dps])
        return self._pair()

    def _pair(self) -> SampleBlock | None:
        if len(self._gyr_t) < 2 or not len(self._acc_t):
            return None
        ready = self._acc_t <= self._gyr_t[-1]
        n = int(np.count_nonzero(ready))
        if n == 0:
            return None
        t = self._acc_t[:n]
        idx = np.clip(np.searchsorted(self._gyr_t, t, side="right") - 1, 0, len(self._gyr_t) - 2)
        t0, t1 = self._gyr_t[idx], self._gyr_t[idx + 1]
        usable = (t >= t0) & ((t1 - t0) <= _MAX_PAIR_GAP_NS)
        frac = ((t - t0) / np.maximum(t1 - t0, 1))[:, None]
        gyr = self._gyr[idx] + (self._gyr[idx + 1] - self._gyr[idx]) * frac
        acc = self._acc[:n]
        self._acc_t, self._acc = self._acc_t[n:], self._acc[n:]
        keep_from = max(int(idx[-1]), 0)
        self._gyr_t, self._gyr = self._gyr_t[keep_from:], self._gyr[keep_from:]
        if not usable.any():
            return None
        return SampleBlock(self.info.sensor_id, t[usable], acc[usable], gyr[usable])
