"""Sans-I/O decoder for Polar PMD notifications (data frames and control-point responses)."""

from __future__ import annotations

import numpy as np

from ..base import CommandResponse, DecodedBatch, DecodeError, StreamConfig
from ..common import NS, DecoderBase, norm_uuid, resp
from . import pmd

# Units of the integer samples before FACTOR (see SPEC.md §Frame types)
MG = 1e-3


class PolarDecoder(DecoderBase):
    """Decodes PMD ACC / GYRO / MAG frames to g, deg/s, µT on the device clock (ns).

    Feed it the control point too: a START response carries the FACTOR the samples are
    multiplied by, and STOP / "measurement stopped" reset the per-stream timestamp state.
    Per-sample timestamps follow ``PmdTimeStampUtils``: the frame timestamp belongs to the last
    sample; with a previous frame of the same kind the span is split evenly, otherwise the
    nominal period (``config.rate_hz``) counts back. A span more than 1.5 periods per sample
    longer than nominal is a gap (frames lost): counted, and the nominal period used instead;
    a timestamp that goes backwards is a clock reset; a frame with far more samples than its
    span holds (glued notifications, or a wrong ``rate_hz``) is counted in
    ``stats.errors["samples exceed time span"]``. Delta frames carry no length, so a glued
    frame cannot always be refused outright.
    """

    def __init__(self, config: StreamConfig) -> None:
        super().__init__(config)
        self._init_state()

    def _init_state(self) -> None:
        self.factor: dict[int, float] = {}
        self.prev_ts: dict[tuple[int, int], int] = {}

    def reset(self) -> None:
        super().reset()
        self._init_state()

    # ------------------------------------------------------------------ control point
    def _control(self, payload: bytes) -> None:
        if not payload:
            raise DecodeError("pmd cp: empty notification")
        if payload[0] == 0xF0:
            r = pmd.parse_cp_response(payload)
            self.responses.append(_resp(r))
            if r.opcode == pmd.START and r.ok:
                self._forget(r.mtype)
                if r.params:
                    factor = pmd.parse_settings(r.params).get(pmd.FACTOR)
                    if factor:
                        if not np.isfinite(factor[0]) or factor[0] == 0:
                            raise DecodeError("pmd cp: unusable FACTOR in start response")
                        self.factor[r.mtype] = float(factor[0])
            elif r.opcode == pmd.STOP:
                self._forget(r.mtype)
                if r.mtype == pmd.SDK_MODE:
                    self.prev_ts.clear()
        elif payload[0] == 0x01:  # ONLINE_MEASUREMENT_STOPPED, sent by the device
            for t in payload[1:]:
                self._forget(t & 0x3F)
        elif payload[0] == 0x0F:  # feature read echoed as a notification: nothing to do
            pass
        else:
            raise DecodeError(f"pmd cp: unknown notification 0x{payload[0]:02x}")

    def _forget(self, mtype: int) -> None:
        for k in [k for k in self.prev_ts if k[0] == mtype]:
            del self.prev_ts[k]

    # ------------------------------------------------------------------ data
    def _decode(self, uuid: str, payload: bytes) -> list[DecodedBatch]:
        if uuid == pmd.PMD_CP:
            self._control(payload)
            return []
        if uuid != pmd.PMD_DATA:
            raise DecodeError(f"polar: not a PMD characteristic {uuid}")
        mtype, ts, ftype, compressed = pmd.parse_header(payload)
        body = payload[pmd.HEADER :]
        if mtype == pmd.ACC:
            values = self._acc(body, ftype, compressed)
        elif mtype == pmd.GYRO:
            values = self._gyro(body, ftype, compressed)
        elif mtype == pmd.MAG:
            values = self._mag(body, ftype, compressed)
        else:
            raise DecodeError(f"polar: measurement type {mtype} is not decoded here")
        n = values.shape[0]
        if n == 0:
            raise DecodeError("polar: frame without samples")
        if not np.all(np.isfinite(values)):
            raise DecodeError("polar: non-finite sample values")
        t = self._stamps((mtype, ftype | (0x80 if compressed else 0)), ts, n)
        if mtype == pmd.ACC:
            return [DecodedBatch(t, acc_g=values)]
        if mtype == pmd.GYRO:
            return [DecodedBatch(t, gyr_dps=values)]
        return [DecodedBatch(t, mag_ut=values)]

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

    def _mag(self, body: bytes, ftype: int, compressed: bool) -> np.ndarray:
        # Gauss × factor → µT (1 G = 100 µT). Built from the published layout, no vendor vector.
        f = self.factor.get(pmd.MAG) or 1.0
        if ftype != 0:
            raise DecodeError(f"polar mag: unknown frame type {ftype}")
        ints = pmd.decode_delta(body, 3, 16) if compressed else pmd.decode_raw(body, 3, 2)
        return ints * (f * 100.0)

    def _stamps(self, key: tuple[int, int], ts: int, n: int) -> np.ndarray:
        period = NS / self.config.rate_hz if self.config.rate_hz > 0 else 0.0
        if ts >= 1 << 63:
            raise DecodeError("polar: frame timestamp out of range")
        prev = self.prev_ts.get(key)
        self.prev_ts[key] = ts
        i = np.arange(n, dtype=np.float64)
        if prev is not None:
            span = ts - prev
            if span <= 0:
                self.stats.clock_resets += 1
            elif period and span / n > 1.5 * period:
                self.stats.sequence_gaps += 1
                self.stats.missing_samples += max(0, int(round(span / period)) - n)
            else:
                if period and span / n < period / 1.5:
                    # more samples than the time span holds: glued frames or a wrong rate
                    self.stats.errors["samples exceed time span"] = (
                        self.stats.errors.get("samples exceed time span", 0) + 1)
                return np.int64(prev) + np.rint((span / n) * (i + 1)).astype(np.int64)
        if not period:
            raise DecodeError("polar: no previous frame and no nominal rate to stamp samples")
        return np.int64(ts) - np.rint(period * (n - 1 - i)).astype(np.int64)


def _resp(r: pmd.CpResponse) -> CommandResponse:
    """ALREADY_IN_STATE (6) counts as ok: start/stop are idempotent, so a reconnect can simply
    re-run the whole start sequence (the message still says what happened)."""
    ok = r.status in (0, 6)
    return resp(ok, r.status, pmd.STATUS.get(r.status, f"status {r.status}"), r.opcode, r.params)


def is_pmd(uuid: str) -> bool:
    return norm_uuid(uuid) in (pmd.PMD_CP, pmd.PMD_DATA)
