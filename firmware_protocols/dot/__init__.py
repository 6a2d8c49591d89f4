"""Movella (Xsens) DOT, real-time streaming over its public BLE spec: ``get_family("dot")``.
See SPEC.md."""

from __future__ import annotations

import struct

import numpy as np

from ..base import DecodedBatch, DecodeError, GattWrite, StreamConfig, register
from ..common import (
    DecoderBase,
    DeviceClock,
    FamilyBase,
    RecordingSource,
    SimFirmwareBase,
    check_rate,
    norm_uuid,
)
from ..simfusion import fuse_step


def dot(short: int) -> str:
    return f"1517{short:04x}-4947-11e9-8646-d663bd873d93"


CONFIG_SERVICE, DEVICE_CONTROL = dot(0x1000), dot(0x1002)
MEAS_SERVICE, MEAS_CONTROL, LONG, MEDIUM, SHORT = dot(0x2000), dot(0x2001), dot(0x2002), dot(0x2003), dot(0x2004)
BATTERY = dot(0x3001)
RATES = (1.0, 4.0, 10.0, 12.0, 15.0, 20.0, 30.0, 60.0)  # real-time; 120 Hz is recording only
G = 9.80665

RATE_QUANTITIES = 21  # medium: ts + acc m/s² + gyro dps (28 B)
CUSTOM_MODE_5 = 26  # long: ts + quat + acc + gyro (44 B)
# payload mode → (characteristic, used bytes, characteristic length)
MODES = {RATE_QUANTITIES: (MEDIUM, 28, 40), CUSTOM_MODE_5: (LONG, 44, 63)}


_MODE_OF = {u: m for m, (u, _, _) in MODES.items()}
# float32 fields → core units (acc m/s² → g), per payload mode
_SCALE = {RATE_QUANTITIES: np.r_[np.full(3, 1 / G), np.ones(3)],
          CUSTOM_MODE_5: np.r_[np.ones(4), np.full(3, 1 / G), np.ones(3)]}


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


def _mode(config: StreamConfig) -> int:
    return CUSTOM_MODE_5 if config.fusion else RATE_QUANTITIES


class DotDecoder(DecoderBase):
    """Rate quantities (21, medium char) or custom mode 5 (26, long char: + quaternion).
    Time: u32 µs of the sample (wraps every 71.6 min: unwrapped), checked by DeviceClock for
    gaps and resets. Notifications are the full characteristic length, zero padded; a packet of
    any other length is refused."""

    def __init__(self, config: StreamConfig) -> None:
        super().__init__(config)
        self.clock = DeviceClock(32, 1000, config.rate_hz, self.stats)

    def reset(self) -> None:
        super().reset()
        self.clock = DeviceClock(32, 1000, self.config.rate_hz, self.stats)

    def _decode(self, uuid: str, payload: bytes) -> list[DecodedBatch]:
        mode = _MODE_OF.get(uuid)
        if mode is None:
            if uuid == BATTERY:
                return []
            raise DecodeError(f"dot: not a decoded payload characteristic {uuid}")
        _, used, full = MODES[mode]
        if len(payload) not in (used, full):
            raise DecodeError(f"dot mode {mode}: {len(payload)} bytes, expected {used} or {full}")
        ts = struct.unpack_from("<I", payload)[0]
        raw = np.frombuffer(payload, "<f4", (used - 4) // 4, 4)
        if not np.isfinite(raw).all():  # checked on float32: no NaN-cast warnings, no errstate
            raise DecodeError("dot: non-finite value")
        v = raw * _SCALE[mode]
        t = self.clock.stamps(ts, 1)
        v = v[None]
        if mode == RATE_QUANTITIES:
            return [DecodedBatch(t, acc_g=v[:, 0:3], gyr_dps=v[:, 3:6])]
        return [DecodedBatch(t, quat=v[:, 0:4], acc_g=v[:, 4:7], gyr_dps=v[:, 7:10])]


class DotFirmware(SimFirmwareBase):
    """Output rate via Device Control (invalid rates are ignored, as the spec says for invalid
    writes; the rate cannot change while measuring), measurement start/stop with payload modes
    21 and 26, battery ``[level %, charging]``. One sample per notification, padded to the
    characteristic length."""

    def __init__(self, source: RecordingSource, name: str = "") -> None:
        super().__init__(source, name or "Movella DOT")
        self.rate = 60.0
        self.mode: int | None = None
        self.q = None

    def handle_read(self, char_uuid: str) -> bytes:
        u = norm_uuid(char_uuid)
        if u == BATTERY:
            return bytes([self.battery_percent, 0])
        if u == DEVICE_CONTROL:
            return device_control_rate(int(self.rate))
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
                self.mode, self.q = data[2], None
                self._start_stream("m", self.rate, 1, self._encode)
            else:
                self.errors.append(f"payload mode {data[2]} not simulated")
            return []
        self.errors.append(f"bad write to {char_uuid}: {data.hex()}")
        return []

    def _encode(self, k0, t, acc, gyr, mag):  # noqa: ANN001, ANN202
        uuid, used, full = MODES[self.mode]
        ts = struct.pack("<I", (int(t[0]) // 1000) & 0xFFFFFFFF)
        # an accelerometer-only recording plays with zero rotation rate (a DOT always sends gyro)
        gv = np.zeros(3) if gyr is None else gyr[0]
        a = (acc[0] * G).astype("<f4").tobytes()
        g = gv.astype("<f4").tobytes()
        if self.mode == RATE_QUANTITIES:
            body = ts + a + g
        else:
            self.q = fuse_step(self.q, acc[0], gv, 1.0 / self.rate)
            body = ts + self.q.astype("<f4").tobytes() + a + g
        return [(int(t[-1]), uuid, body + bytes(full - used))]


class DotFamily(FamilyBase):
    id = "dot"
    display_name = "Movella DOT"
    service_uuids = (MEAS_SERVICE,)
    notify_uuids = (MEDIUM, LONG)
    has_gyro = True
    supported_rates_hz = RATES
    control_uuid = MEAS_CONTROL
    battery_uuid = BATTERY  # 2 bytes: level %, charging
    name_prefixes = ("Movella DOT", "Xsens DOT")

    def new_decoder(self, config: StreamConfig) -> DotDecoder:
        return DotDecoder(config)

    def start_commands(self, config: StreamConfig) -> list[GattWrite]:
        """Output rate (Device Control), then start measurement with payload mode 21 (rate
        quantities) or 26 (custom mode 5, with quaternion) when ``fusion``. Subscribe to the
        payload characteristic first, as the spec asks. Ranges are fixed by the sensor."""
        rate = check_rate(self, config.rate_hz)
        return [GattWrite(DEVICE_CONTROL, device_control_rate(int(rate))),
                GattWrite(MEAS_CONTROL, measurement(True, _mode(config)))]

    def stop_commands(self, config: StreamConfig | None = None) -> list[GattWrite]:
        mode = _mode(config) if config else RATE_QUANTITIES
        return [GattWrite(MEAS_CONTROL, measurement(False, mode))]

    def _firmware(self, source: RecordingSource, name: str) -> DotFirmware:
        return DotFirmware(source, name)


FAMILY = register(DotFamily())
