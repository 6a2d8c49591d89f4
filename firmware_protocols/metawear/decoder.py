"""Sans-I/O decoder for MetaWear notifications (acc, gyro, mag, packed data, sensor fusion)."""

from __future__ import annotations

import numpy as np

from ..base import DecodedBatch, DecodeError, StreamConfig
from ..common import CounterClock, DecoderBase, Limits, pick_range
from . import mw

G = 9.80665


def chip_of(config: StreamConfig) -> str | None:
    """The accelerometer chip ``config.model`` names ("bmi160", "bmi270", "mma8452q" or an alias
    such as "MetaMotion S"), or None when it does not say."""
    return mw.CHIP_ALIASES.get(config.model.strip().lower()) if config.model else None


class MetaWearDecoder(DecoderBase):
    """Bytes from the MetaWear notify characteristic → g, deg/s, µT, quaternions.

    The accelerometer's scale depends on its chip (BMI160/BMI270: 32768/range LSB per g; the
    MetaWear R's MMA8452Q: milli-g) and every board advertises as "MetaWear": the chip comes from
    the board's own module-info reply ``03 80 impl rev`` (fed to this decoder like any
    notification; ``identify_commands`` asks for it) or from ``config.model``. Until one of them
    says, accelerometer data is refused rather than scaled by a guess. A reply that contradicts
    ``config.model`` wins (it is the board) and is counted in ``stats.errors``.

    MetaWear streams carry **no timestamp and no counter**: each stream gets ``k × period``
    from ``config.rate_hz`` (100 Hz for sensor fusion), so lost packets cannot be seen in the
    bytes (``stats.sequence_gaps`` stays 0); the timebase must use arrival times. Ranges come
    from ``config`` (the device does not repeat them). The same register means different things
    on BMI160 and BMI270 boards (``13 05`` = BMI160 single gyro sample, 8 bytes, or BMI270 packed,
    20 bytes): the length decides.
    """

    def __init__(self, config: StreamConfig) -> None:
        self.chip = chip_of(config)
        super().__init__(config)
        grange = pick_range("metawear", "gyro range", config.gyr_range_dps, mw.GYRO_RANGES)
        self.gyr_lsb = mw.GYRO_SCALE[mw.GYRO_RANGE_CODE[grange]]
        self._init_clocks()

    @property
    def acc_range(self) -> float:
        """Configured full scale (g) of the board's accelerometer (Bosch ranges while unknown)."""
        return pick_range("metawear", "acc range", self.config.acc_range_g, mw.CHIP_ACC_RANGES[self.chip or "bmi160"])

    def _limits(self) -> Limits:
        # unknown chip: raw acc is refused anyway; the Bosch ranges bound the fusion outputs
        acc = self.acc_range
        gyr = pick_range("metawear", "gyro range", self.config.gyr_range_dps, mw.GYRO_RANGES)
        return Limits(acc_g=acc, gyr_dps=gyr, mag_ut=mw.MAG_FULL_SCALE_UT, free_acc_g=acc + 1.0)

    def _set_chip(self, chip: str) -> None:
        if self.chip is not None and chip != self.chip:
            self._count_error(f"module info says {chip}, configured {self.chip}")
        self.chip = chip
        self.limits = self._limits()

    @property
    def acc_lsb(self) -> float:
        """LSB per g of the raw accelerometer registers; DecodeError while the chip is unknown."""
        if self.chip is None:
            raise DecodeError("metawear: accelerometer chip unknown (no module-info reply 03 80 and no "
                              "StreamConfig.model): its scale cannot be guessed")
        if self.chip == "mma8452q":
            return mw.MMA_LSB_PER_G
        return mw.acc_scale(self.acc_range)

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

    def _module_info(self, mod: int, body: bytes) -> None:
        if mod != mw.ACC:
            return  # gyro / mag presence matters to the start sequence, not to decoding
        if len(body) < 2:
            raise DecodeError("metawear: module info says the board has no accelerometer")
        chip = mw.ACC_IMPL.get(body[0])
        if chip not in mw.CHIPS:
            raise DecodeError(f"metawear: accelerometer implementation {body[0]} ({chip or 'unknown'}) not supported")
        self._set_chip(chip)

    def _decode(self, uuid: str, payload: bytes) -> list[DecodedBatch]:
        if uuid != mw.NOTIFY:
            raise DecodeError(f"metawear: not the notify characteristic {uuid}")
        if len(payload) < 2:
            raise DecodeError("metawear: packet shorter than module + register")
        mod, reg, body = payload[0], payload[1], payload[2:]
        if reg == mw.READ:  # module info: the board says which chips it carries
            self._module_info(mod, body)
            return []
        if reg & mw.READ:  # reply to another read (config ...): not sample data
            return []
        n = len(body)
        if mod == mw.ACC:
            return self._acc(reg, body)
        if mod == mw.GYRO and reg in (0x04, 0x05, 0x07):
            if self.chip == "mma8452q":
                raise DecodeError("metawear: gyro data from a board whose module info says it has none")
            k = 3 if n == 18 else 1
            if (reg == 0x07 and k != 3) or (reg == 0x04 and k != 1):
                raise DecodeError(f"metawear gyro: {n} bytes for register 0x{reg:02x}")
            gyr = self._xyz(body, k, "gyro") / self.gyr_lsb
            return [DecodedBatch(self._clock("gyr", k), gyr_dps=gyr)]
        if mod == mw.MAG and reg in (mw.MAG_DATA, mw.MAG_PACKED):
            k = 3 if reg == mw.MAG_PACKED else 1
            mag = self._xyz(body, k, "mag") / mw.MAG_LSB_PER_UT
            return [DecodedBatch(self._clock("mag", k), mag_ut=mag)]
        if mod == mw.FUSION:
            return self._fusion(reg, body)
        raise DecodeError(f"metawear: unknown data register {mod:02x} {reg:02x}")

    def _acc(self, reg: int, body: bytes) -> list[DecodedBatch]:
        lsb = self.acc_lsb  # refuses while the chip is unknown
        packed = mw.MMA_PACKED if self.chip == "mma8452q" else mw.ACC_PACKED[self.chip]  # type: ignore[index]
        if reg == mw.ACC_DATA:
            k = 1
        elif reg == packed:
            k = 3
        else:
            raise DecodeError(f"metawear: unknown {self.chip} accelerometer register 0x{reg:02x}")
        acc = self._xyz(body, k, "acc") / lsb
        return [DecodedBatch(self._clock("acc", k), acc_g=acc)]

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
