"""Sans-I/O decoder for MetaWear notifications (acc, gyro, mag, packed data, sensor fusion)."""

from __future__ import annotations

import numpy as np

from ..base import DecodedBatch, DecodeError, StreamConfig
from ..common import CounterClock, DecoderBase, pick_range
from . import mw

G = 9.80665


class MetaWearDecoder(DecoderBase):
    """Bytes from the MetaWear notify characteristic → g, deg/s, µT, quaternions.

    MetaWear streams carry **no timestamp and no counter**: each stream gets ``k × period``
    from ``config.rate_hz`` (100 Hz for sensor fusion), so lost packets cannot be seen in the
    bytes (``stats.sequence_gaps`` stays 0); the timebase must use arrival times. Ranges come
    from ``config`` (the device does not repeat them). The same register means different things
    on BMI160 and BMI270 boards (``13 05`` = BMI160 single gyro sample, 8 bytes, or BMI270 packed,
    20 bytes): the length decides.
    """

    def __init__(self, config: StreamConfig) -> None:
        super().__init__(config)
        self.acc_lsb = mw.acc_scale(pick_range("metawear", "acc range", config.acc_range_g, mw.ACC_RANGES))
        grange = pick_range("metawear", "gyro range", config.gyr_range_dps, mw.GYRO_RANGES)
        self.gyr_lsb = mw.GYRO_SCALE[mw.GYRO_RANGE_CODE[grange]]
        self._init_clocks()

    def _init_clocks(self) -> None:
        self.clocks: dict[str, CounterClock] = {}

    def reset(self) -> None:
        super().reset()
        self._init_clocks()

    def _clock(self, key: str, n: int) -> np.ndarray:
        rate = 100.0 if key.startswith("sf") else self.config.rate_hz
        if key not in self.clocks:
            self.clocks[key] = CounterClock(rate)
        return self.clocks[key].stamps(n)

    def _xyz(self, body: bytes, n: int, what: str) -> np.ndarray:
        if len(body) != 6 * n:
            raise DecodeError(f"metawear {what}: {len(body)} bytes of samples, expected {6 * n}")
        return np.frombuffer(body, "<i2").astype(np.float64).reshape(n, 3)

    def _f32(self, body: bytes, count: int, extra: int, what: str) -> np.ndarray:
        if len(body) != 4 * count + extra:
            raise DecodeError(f"metawear {what}: {len(body)} bytes, expected {4 * count + extra}")
        raw = np.frombuffer(body, "<f4", count)
        if not np.isfinite(raw).all():  # checked on float32: no NaN-cast warnings
            raise DecodeError(f"metawear {what}: non-finite value")
        return raw.astype(np.float64)[None, :]

    def _decode(self, uuid: str, payload: bytes) -> list[DecodedBatch]:
        if uuid != mw.NOTIFY:
            raise DecodeError(f"metawear: not the notify characteristic {uuid}")
        if len(payload) < 2:
            raise DecodeError("metawear: packet shorter than module + register")
        mod, reg, body = payload[0], payload[1], payload[2:]
        if reg & mw.READ:  # reply to a read (module info, config): not sample data
            return []
        n = len(body)
        if mod == mw.ACC and (reg == mw.ACC_DATA or (reg in (0x1C, 0x05) and n == 18)):
            k = 1 if reg == mw.ACC_DATA else 3
            acc = self._xyz(body, k, "acc") / self.acc_lsb
            return [DecodedBatch(self._clock("acc", k), acc_g=acc)]
        if mod == mw.GYRO and reg in (0x04, 0x05, 0x07):
            k = 3 if n == 18 else 1
            if (reg == 0x07 and k != 3) or (reg == 0x04 and k != 1):
                raise DecodeError(f"metawear gyro: {n} bytes for register 0x{reg:02x}")
            gyr = self._xyz(body, k, "gyro") / self.gyr_lsb
            return [DecodedBatch(self._clock("gyr", k), gyr_dps=gyr)]
        if mod == mw.MAG and reg == mw.MAG_DATA:
            return [DecodedBatch(self._clock("mag", 1), mag_ut=self._xyz(body, 1, "mag") / 16.0)]
        if mod == mw.FUSION:
            return self._fusion(reg, body)
        raise DecodeError(f"metawear: unknown data register {mod:02x} {reg:02x}")

    def _fusion(self, reg: int, body: bytes) -> list[DecodedBatch]:
        key = f"sf{reg}"
        if reg == mw.SF_CORR_ACC:  # 3 × f32 milli-g + accuracy
            v = self._f32(body, 3, 1, "corrected acc") / 1000.0
            return [DecodedBatch(self._clock(key, 1), acc_g=v)]
        if reg == mw.SF_CORR_GYRO:
            return [DecodedBatch(self._clock(key, 1), gyr_dps=self._f32(body, 3, 1, "corrected gyro"))]
        if reg == mw.SF_CORR_MAG:
            return [DecodedBatch(self._clock(key, 1), mag_ut=self._f32(body, 3, 1, "corrected mag"))]
        if reg == mw.SF_QUAT:
            return [DecodedBatch(self._clock(key, 1), quat=self._f32(body, 4, 0, "quaternion"))]
        if reg == mw.SF_EULER:  # heading, pitch, roll, yaw (deg); heading == yaw
            v = self._f32(body, 4, 0, "euler")[:, :3]
            return [DecodedBatch(self._clock(key, 1), extra={"euler_deg": v})]
        if reg in (mw.SF_GRAVITY, mw.SF_LINACC):  # m/s² → g
            v = self._f32(body, 3, 0, "gravity/linear acc") / G
            name = "gravity_g" if reg == mw.SF_GRAVITY else "lin_acc_g"
            return [DecodedBatch(self._clock(key, 1), extra={name: v})]
        if reg in (mw.SF_ENABLE, mw.SF_MODE, mw.SF_OUTPUT):
            return []
        raise DecodeError(f"metawear fusion: unknown register 0x{reg:02x}")
