"""Sans-I/O decoder for Polar PMD notifications (data frames and control-point responses)."""

from __future__ import annotations

import numpy as np

from ..base import CommandResponse, DecodedBatch, DecodeError, StreamConfig
from ..common import NS, ContinuityGuard, DecoderBase, Held, Limits, norm_uuid, pick_range, resp
from . import pmd

# Units of the integer samples before FACTOR (see SPEC.md §Frame types)
MG = 1e-3


# Full scales the Polar devices offer (PmdSetting RANGE): the decoder's bounds follow the same
# choice ``start_commands`` makes from the StreamConfig.
ACC_RANGES = {"": (2.0, 4.0, 8.0, 16.0), "h10": (2.0, 4.0, 8.0)}
GYRO_RANGES = (250.0, 500.0, 1000.0, 2000.0)
MAG_RANGE_UT = 5000.0  # Verity Sense MAG RANGE setting: 50 G
MAG_STATUS = {0: 0, 1: 1, 2: 2, 3: 3}  # 0x81 calibration status: unknown, poor, ok, good; else -1


class PolarDecoder(DecoderBase):
    """Decodes PMD ACC / GYRO / MAG frames to g, deg/s, µT on the device clock (ns).

    Feed it the control point too: a START response carries the FACTOR the samples are
    multiplied by, and STOP / "measurement stopped" end the per-stream timestamp state.
    Per-sample timestamps follow ``PmdTimeStampUtils``: the frame timestamp belongs to the last
    sample; with a previous frame of the same kind the span is split evenly, otherwise the
    nominal period (``config.rate_hz``) counts back. A frame whose span is more than 1.5 periods
    per sample longer than nominal, or that goes back in time, breaks the stream: it waits for
    the next frame (:class:`ContinuityGuard`), which confirms a gap (frames lost: counted, nominal
    period) or a clock reset, or shows the held frame's timestamp was corrupt (dropped, flagged).
    A frame with far more samples than its span holds (glued notifications, or a wrong
    ``rate_hz``) is counted in ``stats.errors["samples exceed time span"]``. Delta frames carry
    no length, so a glued frame cannot always be refused outright.
    """

    def __init__(self, config: StreamConfig) -> None:
        super().__init__(config)
        self._init_state()

    def _limits(self) -> Limits:
        model = "h10" if "h10" in self.config.model.lower() else ""
        acc = pick_range("polar", "acc range g", self.config.acc_range_g, ACC_RANGES[model])
        gyr = pick_range("polar", "gyro range dps", self.config.gyr_range_dps, GYRO_RANGES)
        return Limits(acc_g=acc, gyr_dps=gyr, mag_ut=MAG_RANGE_UT)

    def _init_state(self) -> None:
        self.factor: dict[int, float] = {}
        self.prev_ts: dict[tuple[int, int], int] = {}
        self.guards: dict[tuple[int, int], ContinuityGuard] = {}

    def reset(self) -> None:
        super().reset()
        self._init_state()

    # ------------------------------------------------------------------ control point
    def _control(self, payload: bytes) -> list[DecodedBatch]:
        if not payload:
            raise DecodeError("pmd cp: empty notification")
        if payload[0] == 0xF0:
            r = pmd.parse_cp_response(payload)
            self.responses.append(_resp(r))
            if r.opcode == pmd.START and r.ok:
                out = self._forget(r.mtype)
                if r.params:
                    factor = pmd.parse_settings(r.params).get(pmd.FACTOR)
                    if factor:
                        if not np.isfinite(factor[0]) or factor[0] == 0:
                            raise DecodeError("pmd cp: unusable FACTOR in start response")
                        self.factor[r.mtype] = float(factor[0])
                return out
            if r.opcode == pmd.STOP:
                if r.mtype == pmd.SDK_MODE:
                    return [b for key in list(self.guards) for b in self._forget(key[0])]
                return self._forget(r.mtype)
            return []
        if payload[0] == 0x01:  # ONLINE_MEASUREMENT_STOPPED, sent by the device
            return [b for t in payload[1:] for b in self._forget(t & 0x3F)]
        if payload[0] == 0x0F:  # feature read echoed as a notification: nothing to do
            return []
        raise DecodeError(f"pmd cp: unknown notification 0x{payload[0]:02x}")

    def _forget(self, mtype: int) -> list[DecodedBatch]:
        """The measurement stopped: release what its streams hold, then start afresh."""
        out = []
        for key in [k for k in self.guards if k[0] == mtype]:
            out += self._release(key, self.guards[key].flush())
            del self.guards[key]
            self.prev_ts.pop(key, None)
        return out

    def _flush(self) -> list[DecodedBatch]:
        return [b for key in list(self.guards) for b in self._release(key, self.guards[key].flush())]

    # ------------------------------------------------------------------ data
    def _decode(self, uuid: str, payload: bytes) -> list[DecodedBatch]:
        if uuid == pmd.PMD_CP:
            return self._control(payload)
        if uuid != pmd.PMD_DATA:
            raise DecodeError(f"polar: not a PMD characteristic {uuid}")
        mtype, ts, ftype, compressed = pmd.parse_header(payload)
        body = payload[pmd.HEADER :]
        status = None
        if mtype == pmd.ACC:
            values = self._acc(body, ftype, compressed)
        elif mtype == pmd.GYRO:
            values = self._gyro(body, ftype, compressed)
        elif mtype == pmd.MAG:
            values, status = self._mag(body, ftype, compressed)
        else:
            raise DecodeError(f"polar: measurement type {mtype} is not decoded here")
        n = values.shape[0]
        if n == 0:
            raise DecodeError("polar: frame without samples")
        if not np.all(np.isfinite(values)):
            raise DecodeError("polar: non-finite sample values")
        if ts >= 1 << 63:
            raise DecodeError("polar: frame timestamp out of range")
        if self.config.rate_hz <= 0:
            raise DecodeError("polar: no nominal rate to stamp samples")
        key = (mtype, ftype | (0x80 if compressed else 0))
        guard = self.guards.get(key)
        if guard is None:
            guard = self.guards[key] = ContinuityGuard(self._continues)
        t_first = ts - round((n - 1) * self._period)
        released = self._release(key, guard.push(Held(t_first, ts, n, (mtype, values, status))))
        for h in guard.rejected:
            self._reject_time(h.t_first, h.t_last, h.n, f"polar frame timestamp {h.t_last} breaks the stream")
        guard.rejected.clear()
        return released

    @property
    def _period(self) -> float:
        return NS / self.config.rate_hz

    def _continues(self, last: int, t_first: int, t_last: int, n: int, skipped: int) -> bool:
        # PmdTimeStampUtils' rule: up to 1.5 nominal periods per sample is the same stream
        return 0 < t_last - last <= 1.5 * (n + skipped) * self._period

    def _release(self, key: tuple[int, int], accepted: list) -> list[DecodedBatch]:  # noqa: ANN001
        out = []
        period = self._period
        for state, h in accepted:
            n, ts = h.n, h.t_last
            prev = self.prev_ts.get(key)
            self.prev_ts[key] = ts
            i = np.arange(n, dtype=np.float64)
            if state == "ok" and prev is not None:
                span = ts - prev
                if span / n < period / 1.5:
                    # more samples than the time span holds: glued frames or a wrong rate
                    self._count_error("samples exceed time span")
                t = np.int64(prev) + np.rint((span / n) * (i + 1)).astype(np.int64)
            else:
                if state == "gap" and prev is not None:
                    self.stats.sequence_gaps += 1
                    self.stats.missing_samples += max(0, int(round((ts - prev) / period)) - n)
                elif state == "reset":
                    self.stats.clock_resets += 1
                t = np.int64(ts) - np.rint(period * (n - 1 - i)).astype(np.int64)
            mtype, values, status = h.item
            if mtype == pmd.ACC:
                out.append(DecodedBatch(t, acc_g=values))
            elif mtype == pmd.GYRO:
                out.append(DecodedBatch(t, gyr_dps=values))
            else:
                extra = None if status is None else {"mag_calibration": status}
                out.append(DecodedBatch(t, mag_ut=values, extra=extra))
        return out

    def _acc(self, body: bytes, ftype: int, compressed: bool) -> np.ndarray:
        f = self.factor.get(pmd.ACC)
        if compressed:
            if ftype == 1:  # Verity Sense: 16-bit reference, mG (× factor when sent)
                return pmd.decode_delta(body, 3, 16) * ((f or 1.0) * MG)
            if ftype == 0:  # 16-bit, factor in G (SDK multiplies by factor*1000 for mG)
                return pmd.decode_delta(body, 3, 16) * (f or self.config.acc_range_g / 32768.0)
            raise DecodeError(f"polar acc: unknown compressed frame type 0x{0x80 | ftype:02x}")
        if ftype > 2:
            raise DecodeError(f"polar acc: unknown raw frame type {ftype}")
        return pmd.decode_raw(body, 3, ftype + 1) * ((f or 1.0) * MG)

    def _gyro(self, body: bytes, ftype: int, compressed: bool) -> np.ndarray:
        f = self.factor.get(pmd.GYRO)
        if compressed and ftype == 0:
            return pmd.decode_delta(body, 3, 16) * (f or self.config.gyr_range_dps / 32768.0)
        if compressed and ftype == 1:  # deltas over IEEE-754 bit patterns
            bitsv = pmd.decode_delta(body, 3, 32) & 0xFFFFFFFF
            raw = bitsv.astype(np.uint32).view(np.float32)
            if not np.isfinite(raw).all():  # checked on float32: no NaN-cast warnings
                raise DecodeError("polar gyro: non-finite float sample")
            return raw.astype(np.float64) * (f or 1.0)
        if not compressed and ftype == 0:
            return pmd.decode_raw(body, 3, 2) * (f or self.config.gyr_range_dps / 32768.0)
        raise DecodeError(f"polar gyro: unknown frame type 0x{ftype | (0x80 * compressed):02x}")

    def _mag(self, body: bytes, ftype: int, compressed: bool) -> tuple[np.ndarray, np.ndarray | None]:
        """MagData.kt: 0x80 = x, y, z × factor in gauss; 0x81 = x, y, z in milligauss (× factor)
        and a calibration status channel (0 unknown, 1 poor, 2 ok, 3 good; other = -1 not
        available). 1 G = 100 µT. Raw MAG frames: the SDK refuses them, so do we."""
        f = self.factor.get(pmd.MAG) or 1.0
        if not compressed:
            raise DecodeError(f"polar mag: raw frame type {ftype} is not documented")
        if ftype == 0:
            return pmd.decode_delta(body, 3, 16) * (f * 100.0), None
        if ftype == 1:
            v = pmd.decode_delta(body, 4, 16)
            status = np.array([[MAG_STATUS.get(int(x), -1)] for x in v[:, 3]], dtype=np.int64)
            return v[:, :3] * (f * 0.1), status
        raise DecodeError(f"polar mag: unknown compressed frame type 0x{0x80 | ftype:02x}")


def _resp(r: pmd.CpResponse) -> CommandResponse:
    """ALREADY_IN_STATE (6) counts as ok: start/stop are idempotent, so a reconnect can simply
    re-run the whole start sequence (the message still says what happened)."""
    ok = r.status in (0, 6)
    return resp(ok, r.status, pmd.STATUS.get(r.status, f"status {r.status}"), r.opcode, r.params)


def is_pmd(uuid: str) -> bool:
    return norm_uuid(uuid) in (pmd.PMD_CP, pmd.PMD_DATA)
