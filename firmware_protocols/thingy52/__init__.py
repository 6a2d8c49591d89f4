"""Nordic Thingy:52, Motion service (TMS): ``get_family("thingy52")``. See SPEC.md."""

from __future__ import annotations

import struct

import numpy as np

from ..base import DecodedBatch, DecodeError, GattWrite, StreamConfig, UnsupportedConfig, register
from ..common import (
    CounterClock,
    DecoderBase,
    FamilyBase,
    RecordingSource,
    SimFirmwareBase,
    norm_uuid,
    quantise,
)
from ..simfusion import fuse_step


def tms(short: int) -> str:
    return f"ef68{short:04x}-9b35-4933-9b10-52ffa9740042"


SERVICE, CONFIG, RAW, QUAT, EULER, GRAVITY = (tms(x) for x in (0x0400, 0x0401, 0x0406, 0x0404, 0x0407, 0x040A))
RATES = (5.0, 10.0, 20.0, 25.0, 50.0, 100.0, 200.0)  # any integer 5..200 Hz is accepted
ACC_Q, GYR_Q, MAG_Q = 1024.0, 32.0, 16.0  # Q6.10 g, Q11.5 °/s, Q12.4 µT
_SCALE = 1.0 / np.repeat([ACC_Q, GYR_Q, MAG_Q], 3)


def config_bytes(rate_hz: int, pedometer_ms: int = 1000, temp_ms: int = 1000, compass_ms: int = 100,
                 wake_on_motion: int = 0) -> bytes:
    """TMS config (0401), 9 bytes LE: pedometer, temperature-compensation and compass intervals
    (ms), motion processing frequency (Hz), wake on motion. 100 Hz → ``e8 03 e8 03 64 00 64 00 00``."""
    return struct.pack("<4HB", pedometer_ms, temp_ms, compass_ms, rate_hz, wake_on_motion)


def parse_config(data: bytes) -> tuple[int, int, int, int, int]:
    if len(data) != 9:
        raise ValueError("TMS config is 9 bytes")
    return struct.unpack("<4HB", data)


class ThingyDecoder(DecoderBase):
    """Raw (0406: acc Q6.10 g, gyro Q11.5 °/s, compass Q12.4 µT), quaternion (0404: Q2.30),
    Euler (0407: Q16.16 °), gravity (040A: f32 m/s²). No timestamps or counters: each
    characteristic's samples are stamped k / ``config.rate_hz``. Compass values are returned
    only with ``config.mag``."""

    def __init__(self, config: StreamConfig) -> None:
        super().__init__(config)
        self.clocks: dict[str, CounterClock] = {}

    def reset(self) -> None:
        super().reset()
        self.clocks = {}

    def _t(self, uuid: str) -> np.ndarray:
        c = self.clocks.get(uuid)
        if c is None:
            c = self.clocks[uuid] = CounterClock(self.config.rate_hz)
        return c.stamps(1)

    def _decode(self, uuid: str, payload: bytes) -> list[DecodedBatch]:
        n = len(payload)
        if uuid == RAW:
            if n != 18:
                raise DecodeError(f"thingy raw: {n} bytes, expected 18")
            v = (np.frombuffer(payload, "<i2") * _SCALE).reshape(3, 3)
            return [DecodedBatch(self._t(uuid), acc_g=v[0:1], gyr_dps=v[1:2], mag_ut=v[2:3] if self.config.mag else None)]
        if uuid == QUAT:
            if n != 16:
                raise DecodeError(f"thingy quaternion: {n} bytes, expected 16")
            q = np.frombuffer(payload, "<i4").astype(np.float64) / 2**30
            return [DecodedBatch(self._t(uuid), quat=q[None])]
        if uuid == EULER:
            if n != 12:
                raise DecodeError(f"thingy euler: {n} bytes, expected 12")
            e = np.frombuffer(payload, "<i4").astype(np.float64) / 65536.0
            return [DecodedBatch(self._t(uuid), extra={"euler_deg": e[None]})]
        if uuid == GRAVITY:
            if n != 12:
                raise DecodeError(f"thingy gravity: {n} bytes, expected 12")
            raw = np.frombuffer(payload, "<f4")
            if not np.isfinite(raw).all():  # checked on float32: no NaN-cast warnings
                raise DecodeError("thingy gravity: non-finite value")
            g = raw.astype(np.float64) / 9.80665
            return [DecodedBatch(self._t(uuid), extra={"gravity_g": g[None]})]
        raise DecodeError(f"thingy: not a motion characteristic {uuid}")


class ThingyFirmware(SimFirmwareBase):
    """Streams raw data (and the quaternion) while their notifications are on, at the motion
    processing frequency from the config characteristic (100 Hz until written). A config
    outside the firmware's ranges (frequency 5–200 Hz, intervals) is refused and recorded in
    ``errors``; the old config stays."""

    def __init__(self, source: RecordingSource, name: str = "") -> None:
        super().__init__(source, name or "Thingy")
        self.config = config_bytes(100)
        self.q = None
        # A host that never reports its CCCD writes (set_notify) is taken to have subscribed to
        # the raw data, as every client must: stream from the start.
        self.set_notify(RAW, True)

    def handle_read(self, char_uuid: str) -> bytes:
        if norm_uuid(char_uuid) == CONFIG:
            return self.config
        return super().handle_read(char_uuid)

    def _rate(self) -> float:
        return float(parse_config(self.config)[3])

    def _on_notify(self, uuid: str, enabled: bool) -> None:
        if uuid in (RAW, QUAT):
            if enabled:
                self._start_stream(uuid, self._rate(), 1, self._encoder(uuid))
            else:
                self._stop_stream(uuid)

    def handle_write(self, char_uuid: str, data: bytes) -> list[tuple[str, bytes]]:
        data = bytes(data)
        if norm_uuid(char_uuid) != CONFIG:
            self.errors.append(f"write to {char_uuid}")
            return []
        try:
            ped, temp, comp, freq, _ = parse_config(data)
        except ValueError as e:
            self.errors.append(str(e))
            return []
        if not (5 <= freq <= 200 and 100 <= ped <= 5000 and 100 <= temp <= 5000 and 100 <= comp <= 1000):
            self.errors.append(f"config out of range: {data.hex()}")
            return []
        self.config = data
        for uuid in [u for u in self.streams]:  # new frequency applies at once
            self._start_stream(uuid, float(freq), 1, self._encoder(uuid))
        return []

    def _encoder(self, uuid: str):  # noqa: ANN202
        def enc(k0, t, acc, gyr, mag):  # noqa: ANN001, ANN202
            g = np.zeros(3) if gyr is None else gyr[0]
            if uuid == RAW:
                m = np.zeros(3) if mag is None else mag[0]
                v = np.concatenate([quantise(acc[0], ACC_Q, 16), quantise(g, GYR_Q, 16), quantise(m, MAG_Q, 16)])
                return [(int(t[-1]), RAW, v.astype("<i2").tobytes())]
            self.q = fuse_step(self.q, acc[0], g, 1.0 / self._rate())
            return [(int(t[-1]), QUAT, quantise(self.q, 2**30, 32).astype("<i4").tobytes())]

        return enc


class ThingyFamily(FamilyBase):
    id = "thingy52"
    display_name = "Nordic Thingy:52"
    service_uuids = (SERVICE,)
    notify_uuids = (RAW,)  # add QUAT for on-board orientation
    has_gyro = True
    supported_rates_hz = RATES
    control_uuid = CONFIG
    name_prefixes = ("Thingy",)

    def new_decoder(self, config: StreamConfig) -> ThingyDecoder:
        return ThingyDecoder(config)

    def start_commands(self, config: StreamConfig) -> list[GattWrite]:
        """Write the motion config (frequency; other intervals at firmware defaults). The raw
        stream starts when its notifications are on. Ranges are fixed by the firmware."""
        r = config.rate_hz
        if not (5 <= r <= 200 and abs(r - round(r)) < 1e-9):
            raise UnsupportedConfig(f"thingy52: {r:g} Hz; the motion frequency is an integer 5–200 Hz")
        return [GattWrite(CONFIG, config_bytes(int(round(r))))]

    def stop_commands(self, config: StreamConfig | None = None) -> list[GattWrite]:
        """None: streaming stops when the host turns notifications off."""
        return []

    def _firmware(self, source: RecordingSource, name: str) -> ThingyFirmware:
        return ThingyFirmware(source, name)


FAMILY = register(ThingyFamily())
