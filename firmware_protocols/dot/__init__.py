"""Movella (Xsens) DOT, real-time streaming over its public BLE spec: ``get_family("dot")``.
See SPEC.md."""

from __future__ import annotations

import numpy as np

from ..base import DecodedBatch, DecodeError, GattWrite, StreamConfig, UnsupportedConfig, register
from ..common import (
    ClockedDecoder,
    Limits,
    DeviceClock,
    FamilyBase,
    RecordingSource,
    SimFirmwareBase,
    check_rate,
    norm_uuid,
)
from ..simfusion import euler_hpr, fuse_step, qmul, qrotate, rotate_inv
from .modes import G, LONG, MAG_LSB, MEDIUM, MODES, SHORT, Mode, dot, encode, mode_by_key, parse


CONFIG_SERVICE, DEVICE_CONTROL = dot(0x1000), dot(0x1002)
MEAS_SERVICE, MEAS_CONTROL = dot(0x2000), dot(0x2001)
BATTERY = dot(0x3001)
RATES = (1.0, 4.0, 10.0, 12.0, 15.0, 20.0, 30.0, 60.0)  # real-time; 120 Hz is recording only
# Sensor full scales (Movella DOT user manual, specifications): acc ±16 g, gyro ±2000 °/s.
ACC_FS_G, GYR_FS_DPS = 16.0, 2000.0

RATE_QUANTITIES = 21  # medium: ts + acc m/s² + gyro dps (28 B)
CUSTOM_MODE_5 = 26  # long: ts + quat + acc + gyro (44 B)


def device_control_rate(rate_hz: int) -> bytes:
    """32-byte Device Control write with only the output-rate bit (b4) of the visit index set;
    the rate is the u16 at offset 24 (Table 7 of XD0506P)."""
    b = bytearray(32)
    b[0] = 0x10
    b[24:26] = int(rate_hz).to_bytes(2, "little")
    return bytes(b)


def measurement(start: bool, mode: int) -> bytes:
    """Control 0x2001: ``[type 1][action 1 start / 0 stop][payload mode]``."""
    return bytes([1, 1 if start else 0, mode])


def payload_mode(config: StreamConfig) -> Mode:
    """The payload mode ``config`` asks for: ``config.model`` names one ("free_acceleration",
    "custom3", "20" ...); "" = custom mode 5 with ``fusion``, rate quantities with magnetic field
    with ``mag``, else rate quantities. ValueError for SDK-only or unknown modes."""
    if config.model:
        return mode_by_key(config.model)
    return MODES[CUSTOM_MODE_5 if config.fusion else (20 if config.mag else RATE_QUANTITIES)]


class DotDecoder(ClockedDecoder):
    """Every payload mode the public spec defines (``modes.MODES``), on its characteristic.
    The notification does not say its mode: it comes from ``config`` (``payload_mode``); with the
    default ``model=""`` the long characteristic is custom mode 5, the medium one rate quantities
    (with magnetic field when ``config.mag``), and the short one needs ``model``.

    Outputs: ``acc_g`` and ``gyr_dps`` (sensor frame), ``quat`` (w,x,y,z), and in ``extra``:
    ``euler_deg`` (x, y, z), ``free_acc_g`` (earth frame, gravity removed), ``delta_q`` (n,4),
    ``delta_v_ms`` (m/s), ``mag_au`` (arbitrary units, not µT: the DOT normalises its
    magnetometer), ``status`` (n,1) and ``clip_counts`` (n,2: accelerometer, gyroscope).
    Time: u32 µs of the sample (wraps every 71.6 min: unwrapped), checked against the stream by
    :class:`DeviceClock`. Notifications are the used length or the full characteristic length
    zero padded; any other length, or non-zero padding, is refused."""

    what = "dot"

    def __init__(self, config: StreamConfig) -> None:
        super().__init__(config)
        try:
            self.mode: Mode | None = payload_mode(config) if config.model else None
        except ValueError as e:
            raise UnsupportedConfig(str(e)) from None
        self.clock = DeviceClock(32, 1000, config.rate_hz, self.stats)

    def _limits(self) -> Limits:
        return Limits(acc_g=ACC_FS_G, gyr_dps=GYR_FS_DPS, free_acc_g=ACC_FS_G + 1.0)

    def reset(self) -> None:
        super().reset()
        self.clock = DeviceClock(32, 1000, self.config.rate_hz, self.stats)

    def _mode_for(self, uuid: str) -> Mode:
        if self.mode is not None:
            if uuid != self.mode.char:
                raise DecodeError(f"dot: payload mode {self.mode.number} is not sent on {uuid}")
            return self.mode
        if uuid == LONG:
            return MODES[CUSTOM_MODE_5]
        if uuid == MEDIUM:
            return MODES[20 if self.config.mag else RATE_QUANTITIES]
        raise DecodeError(f"dot: the payload mode on {uuid} is ambiguous; set StreamConfig.model")

    def _decode(self, uuid: str, payload: bytes) -> list[DecodedBatch]:
        if uuid not in (LONG, MEDIUM, SHORT):
            if uuid == BATTERY:
                return []
            raise DecodeError(f"dot: not a payload characteristic {uuid}")
        mode = self._mode_for(uuid)
        v = parse(mode, payload)
        return self._release(self.clock.push(int(v["ts"][0]), 1, v))

    def _batches(self, t: np.ndarray, v, state: str) -> list[DecodedBatch]:  # noqa: ANN001
        return [_batch(t, v)]


def _batch(t: np.ndarray, v: dict[str, np.ndarray]) -> DecodedBatch:
    row = lambda k, scale=1.0: None if k not in v else (v[k].astype(np.float64) * scale)[None]  # noqa: E731
    extra = {}
    for key, name, scale in (("euler", "euler_deg", 1.0), ("free_acc", "free_acc_g", 1 / G),
                             ("dq", "delta_q", 1.0), ("dv", "delta_v_ms", 1.0), ("mag", "mag_au", 1 / MAG_LSB)):
        if key in v:
            extra[name] = row(key, scale)
    if "status" in v:
        extra["status"] = v["status"].astype(np.int64)[None]
        extra["clip_counts"] = np.array([[int(v["clip_acc"][0]), int(v["clip_gyr"][0])]], dtype=np.int64)
    return DecodedBatch(t, acc_g=row("acc", 1 / G), gyr_dps=row("gyr"), quat=row("quat"), extra=extra or None)


class DotFirmware(SimFirmwareBase):
    """Output rate via Device Control (invalid rates are ignored, as the spec says for invalid
    writes; the rate cannot change while measuring), measurement start/stop with every payload
    mode the spec defines (the SDK-only ones are ignored and recorded in ``errors``), battery
    ``[level %, charging]``. One sample per notification, padded to the characteristic length.
    Orientation from ``simfusion.py``: plausible, not Movella's filter."""

    def __init__(self, source: RecordingSource, name: str = "") -> None:
        super().__init__(source, name or "Movella DOT")
        self.rate = 60.0
        self.mode: Mode | None = None
        self.q: np.ndarray | None = None

    def handle_read(self, char_uuid: str) -> bytes:
        u = norm_uuid(char_uuid)
        if u == BATTERY:
            return bytes([self.battery_percent, 0])
        if u == DEVICE_CONTROL:
            return device_control_rate(int(self.rate))
        if u == MEAS_CONTROL:
            return measurement(self.mode is not None, self.mode.number if self.mode else RATE_QUANTITIES)
        return super().handle_read(char_uuid)

    def handle_write(self, char_uuid: str, data: bytes) -> list[tuple[str, bytes]]:
        u, data = norm_uuid(char_uuid), bytes(data)
        if u == DEVICE_CONTROL and len(data) == 32:
            if data[0] & 0x10:
                rate = float(int.from_bytes(data[24:26], "little"))
                if self.streams:
                    self.errors.append("output rate cannot change while measuring")
                elif rate not in RATES:
                    self.errors.append(f"output rate {rate:g} Hz ignored")
                else:
                    self.rate = rate
            return []
        if u == MEAS_CONTROL and len(data) == 3 and data[0] == 1:
            if data[1] == 0:
                self._stop_stream("m")
                self.mode = None
            elif data[2] in MODES:
                self.mode, self.q = MODES[data[2]], None
                self._start_stream("m", self.rate, 1, self._encode)
            else:
                self.errors.append(f"payload mode {data[2]} not simulated")
            return []
        self.errors.append(f"bad write to {char_uuid}: {data.hex()}")
        return []

    def _encode(self, k0, t, acc, gyr, mag):  # noqa: ANN001, ANN202
        mode = self.mode
        assert mode is not None
        a = acc[0]
        g = np.zeros(3) if gyr is None else gyr[0]  # an accelerometer-only recording: no rotation
        dt = 1.0 / self.rate
        q_prev = self.q
        self.q = fuse_step(self.q, a, g, dt)
        q = self.q
        grav = rotate_inv(q, np.array([0.0, 0.0, 1.0]))
        free = qrotate(q, a - grav) * G  # earth frame, gravity removed
        h, p, r = euler_hpr(q)
        m = np.zeros(3) if mag is None else mag[0] / 50.0  # ≈ a.u. (local field ≈ 50 µT)
        values = {
            "ts": (int(t[0]) // 1000) & 0xFFFFFFFF, "quat": q, "euler": [r, p, h if h <= 180 else h - 360],
            "free_acc": free, "acc": a * G, "gyr": g, "dv": a * G * dt, "status": 0, "clip_acc": 0, "clip_gyr": 0,
            "dq": q if q_prev is None else qmul(q_prev * np.array([1, -1, -1, -1]), q),
            "mag": np.clip(np.rint(m * MAG_LSB), -32768, 32767),
        }
        return [(int(t[-1]), mode.char, encode(mode, values))]


class DotFamily(FamilyBase):
    id = "dot"
    display_name = "Movella DOT"
    service_uuids = (MEAS_SERVICE,)
    notify_uuids = (SHORT, MEDIUM, LONG)
    has_gyro = True
    supported_rates_hz = RATES
    control_uuid = MEAS_CONTROL
    battery_uuid = BATTERY  # 2 bytes: level %, charging
    name_prefixes = ("Movella DOT", "Xsens DOT")

    def new_decoder(self, config: StreamConfig) -> DotDecoder:
        return DotDecoder(config)

    def start_commands(self, config: StreamConfig) -> list[GattWrite]:
        """Output rate (Device Control), then start measurement with the payload mode of
        ``payload_mode(config)`` (rate quantities by default). Subscribe to the payload
        characteristics first, as the spec asks. Ranges are fixed by the sensor."""
        rate = check_rate(self, config.rate_hz)
        try:
            mode = payload_mode(config)
        except ValueError as e:
            raise UnsupportedConfig(str(e)) from None
        return [GattWrite(DEVICE_CONTROL, device_control_rate(int(rate))),
                GattWrite(MEAS_CONTROL, measurement(True, mode.number))]

    def stop_commands(self, config: StreamConfig | None = None) -> list[GattWrite]:
        mode = payload_mode(config).number if config else RATE_QUANTITIES
        return [GattWrite(MEAS_CONTROL, measurement(False, mode))]

    def _firmware(self, source: RecordingSource, name: str) -> DotFirmware:
        return DotFirmware(source, name)


FAMILY = register(DotFamily())
