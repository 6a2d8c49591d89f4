"""WitMotion BLE 5.0 (WT901BLECL / BWT901BLECL): ``get_family("witmotion")``. See SPEC.md.

UUID quirk: the base is ``…-00805f9a34fb`` ("9a"), not the Bluetooth SIG base ``…9b34fb``;
always match the full string.
"""

from __future__ import annotations

import numpy as np

from ..base import DecodedBatch, DecodeError, GattWrite, StreamConfig, UnsupportedConfig, register
from ..common import (
    CounterClock,
    DecoderBase,
    FamilyBase,
    RecordingSource,
    SimFirmwareBase,
    check_rate,
    norm_uuid,
    quantise,
)
from ..simfusion import fuse_step

SERVICE = "0000ffe5-0000-1000-8000-00805f9a34fb"
NOTIFY = "0000ffe4-0000-1000-8000-00805f9a34fb"
WRITE = "0000ffe9-0000-1000-8000-00805f9a34fb"

RATE_CODE = {1.0: 0x03, 5.0: 0x05, 10.0: 0x06, 50.0: 0x08, 100.0: 0x09, 200.0: 0x0B}
CODE_RATE = {v: k for k, v in RATE_CODE.items()}
ACC_FS, GYR_FS, ANG_FS = 16.0, 2000.0, 180.0  # full scale of the int16 fields

_SCALE = np.repeat([ACC_FS / 32768, GYR_FS / 32768, ANG_FS / 32768], 3)
UNLOCK = bytes.fromhex("ffaa6988b5")
SAVE = bytes.fromhex("ffaa000000")


def cmd_write_reg(reg: int, value: int) -> bytes:
    """``FF AA reg lo hi``."""
    return bytes([0xFF, 0xAA, reg, value & 0xFF, (value >> 8) & 0xFF])


def cmd_read_reg(reg: int) -> bytes:
    return bytes([0xFF, 0xAA, 0x27, reg, 0x00])


def encode_frame(acc_g: np.ndarray, gyr_dps: np.ndarray, angles_deg: np.ndarray) -> bytes:
    """``55 61`` + ax ay az wx wy wz roll pitch yaw, int16 LE (20 bytes)."""
    v = np.concatenate([
        quantise(acc_g, 32768 / ACC_FS, 16), quantise(gyr_dps, 32768 / GYR_FS, 16),
        quantise(angles_deg, 32768 / ANG_FS, 16),
    ])
    return b"\x55\x61" + v.astype("<i2").tobytes()


class WitDecoder(DecoderBase):
    """``55 61`` frames → g, deg/s, and ``extra["euler_deg"]`` (roll, pitch, yaw). No
    timestamp, no counter: sample k is stamped k / ``config.rate_hz``; lost packets cannot be
    seen in the bytes. ``55 71`` register replies are not samples (returned as [])."""

    def __init__(self, config: StreamConfig) -> None:
        super().__init__(config)
        self.clock = CounterClock(config.rate_hz)

    def reset(self) -> None:
        super().reset()
        self.clock = CounterClock(self.config.rate_hz)

    def _decode(self, uuid: str, payload: bytes) -> list[DecodedBatch]:
        if uuid != NOTIFY:
            raise DecodeError(f"witmotion: not the notify characteristic {uuid}")
        if len(payload) != 20 or payload[0] != 0x55:
            raise DecodeError(f"witmotion: {len(payload)}-byte packet is not a 20-byte 0x55 frame")
        if payload[1] == 0x71:
            return []
        if payload[1] != 0x61:
            raise DecodeError(f"witmotion: unknown frame flag 0x{payload[1]:02x}")
        v = (np.frombuffer(payload, "<i2", 9, 2) * _SCALE).reshape(3, 3)
        return [DecodedBatch(self.clock.stamps(1), acc_g=v[0:1], gyr_dps=v[1:2], extra={"euler_deg": v[2:3]})]


class WitFirmware(SimFirmwareBase):
    """Streams ``55 61`` frames while notifications are on (assumed on until ``set_notify(…,
    False)``), at the stored return rate (10 Hz out of the box). Register writes need the unlock command first (as on the device);
    an unknown rate code is ignored (the device has no error reply), recorded in ``errors``."""

    def __init__(self, source: RecordingSource, name: str = "") -> None:
        super().__init__(source, name or "WT901BLE68")
        self.rate = 10.0
        self.unlocked = False
        self.q = None
        # A host that never reports its CCCD writes (set_notify) is taken to have subscribed,
        # as every client of this device must: stream from the start.
        self.set_notify(NOTIFY, True)

    def _on_notify(self, uuid: str, enabled: bool) -> None:
        if uuid == NOTIFY:
            self._restart() if enabled else self._stop_stream("imu")

    def _restart(self) -> None:
        self.q = None
        self._start_stream("imu", self.rate, 1, self._encode)

    def handle_write(self, char_uuid: str, data: bytes) -> list[tuple[str, bytes]]:
        data = bytes(data)
        if norm_uuid(char_uuid) != WRITE or len(data) != 5 or data[:2] != b"\xff\xaa":
            self.errors.append(f"bad write {data.hex()}")
            return []
        reg, val = data[2], data[3] | (data[4] << 8)
        if data == UNLOCK:
            self.unlocked = True
            return []
        if reg == 0x27:  # read register: reply 55 71 reg 00 + 16 data bytes
            return [(NOTIFY, bytes([0x55, 0x71, val & 0xFF, 0]) + bytes(16))]
        if reg == 0x00:  # save
            return []
        if not self.unlocked:
            self.errors.append("register write while locked")
            return []
        if reg == 0x03:
            if val not in CODE_RATE:
                self.errors.append(f"unknown return-rate code 0x{val:02x}")
                return []
            self.rate = CODE_RATE[val]
            if NOTIFY in self.notifying:
                self._restart()
        return []

    def _encode(self, k0, t, acc, gyr, mag):  # noqa: ANN001, ANN202
        g = np.zeros(3) if gyr is None else gyr[0]
        self.q = fuse_step(self.q, acc[0], g, 1.0 / self.rate)
        w, x, y, z = self.q
        roll = np.degrees(np.arctan2(2 * (w * x + y * z), 1 - 2 * (x * x + y * y)))
        pitch = np.degrees(np.arcsin(np.clip(2 * (w * y - z * x), -1, 1)))
        yaw = np.degrees(np.arctan2(2 * (w * z + x * y), 1 - 2 * (y * y + z * z)))
        return [(int(t[-1]), NOTIFY, encode_frame(acc[0], g, np.array([roll, pitch, yaw])))]


class WitFamily(FamilyBase):
    id = "witmotion"
    display_name = "WitMotion BLE 5.0 (WT901BLECL)"
    service_uuids = (SERVICE,)
    notify_uuids = (NOTIFY,)
    has_gyro = True
    supported_rates_hz = tuple(RATE_CODE)
    control_uuid = WRITE
    battery_uuid = None  # voltage is register 0x64, no battery characteristic
    name_prefixes = ("WT901", "BWT901", "WT9011", "WitMotion")

    def new_decoder(self, config: StreamConfig) -> WitDecoder:
        return WitDecoder(config)

    def start_commands(self, config: StreamConfig) -> list[GattWrite]:
        """Unlock, set the return rate, save. Ranges are fixed at ±16 g / ±2000 dps.
        The sensor streams by itself while notifications are on (subscribe first)."""
        rate = check_rate(self, config.rate_hz)
        if config.acc_range_g > ACC_FS or config.gyr_range_dps > GYR_FS:
            raise UnsupportedConfig("witmotion: ranges are fixed at ±16 g and ±2000 dps")
        return [GattWrite(WRITE, x, response=False)
                for x in (UNLOCK, cmd_write_reg(0x03, RATE_CODE[rate]), SAVE)]

    def stop_commands(self, config: StreamConfig | None = None) -> list[GattWrite]:
        """None: the stream stops when the host turns notifications off."""
        return []

    def _firmware(self, source: RecordingSource, name: str) -> WitFirmware:
        return WitFirmware(source, name)


FAMILY = register(WitFamily())
