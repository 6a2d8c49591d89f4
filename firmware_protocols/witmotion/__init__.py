"""WitMotion BLE 5.0 (WT901BLECL / BWT901BLECL): ``get_family("witmotion")``. See SPEC.md.

UUID quirk: the base is ``…-00805f9a34fb`` ("9a"), not the Bluetooth SIG base ``…9b34fb``;
always match the full string.
"""

from __future__ import annotations

import numpy as np

from ..base import DecodedBatch, DecodeError, GattWrite, StreamConfig, UnsupportedConfig, register
from ..common import (
    NS,
    CounterClock,
    DecoderBase,
    Limits,
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


FRAME = 20
DATA, REGISTER = 0x61, 0x71
REG_MAG, REG_QUAT, REG_MAG_TYPE = 0x3A, 0x51, 0x72
# µT per LSB of registers 0x3A-0x3C by magnetometer type (register 0x72), from the official
# SDK's DipSensorMagHelper.GetMagToUt; an unknown type has no scale.
MAG_UT_PER_LSB = {2: 0.15, 3: 0.013, 4: 0.058, 5: 0.098, 6: 1 / 150, 7: 0.02}
MAG_FS_UT = 5000.0  # bound for any of those chips (largest: 32767 × 0.15 µT)


def register_reply(reg: int, values: list[int]) -> bytes:
    """``55 71 reg 00`` + 8 int16 registers from ``reg`` on (the rest zero)."""
    regs = (list(values) + [0] * 8)[:8]
    return bytes([0x55, REGISTER, reg, 0]) + np.asarray(regs, dtype="<i2").tobytes()


class WitDecoder(DecoderBase):
    """The notify characteristic as a byte stream, as the official SDK reads it: frames may be
    split across notifications or several may share one (40 bytes = two ``55 61`` frames).
    ``55 61`` frames → g, deg/s, ``extra["euler_deg"]`` (roll, pitch, yaw); ``55 71`` register
    replies → quaternion (register 0x51, /32768) and magnetometer (0x3A, scaled by the type in
    register 0x72, which must have been read first: otherwise refused, never guessed).

    No checksum, timestamp or counter: sample k is stamped k / ``config.rate_hz`` (register
    replies get the time of the latest sample); lost packets cannot be seen in the bytes. A
    partial frame is kept for the next notification only while the bytes line up (the next frame
    starts where it ends); otherwise it is dropped and counted, and bytes before a frame start are
    skipped and counted, so a lost or glued notification never mixes two frames."""

    def __init__(self, config: StreamConfig) -> None:
        super().__init__(config)
        self._init()

    def _init(self) -> None:
        self.clock = CounterClock(self.config.rate_hz)
        self.buf = b""
        self.mag_type: int | None = None

    def _limits(self) -> Limits:
        return Limits(acc_g=ACC_FS, gyr_dps=GYR_FS, mag_ut=MAG_FS_UT)

    def reset(self) -> None:
        super().reset()
        self._init()

    def _decode(self, uuid: str, payload: bytes) -> list[DecodedBatch]:
        if uuid != NOTIFY:
            raise DecodeError(f"witmotion: not the notify characteristic {uuid}")
        if not payload:
            raise DecodeError("witmotion: empty notification")
        if self.buf:
            need = FRAME - len(self.buf)  # bytes that complete the partial frame
            if len(payload) > need and payload[need] != 0x55:  # the frame after it must start there
                self._count_error("partial frame discarded: the next notification does not continue it")
                self.buf = b""
        data = self.buf + payload
        out: list[DecodedBatch] = []
        i = 0
        while len(data) - i >= 2:
            if data[i] != 0x55 or data[i + 1] not in (DATA, REGISTER):
                j = data.find(b"\x55", i + 1)
                self._count_error("bytes skipped to the next frame start")
                i = len(data) if j < 0 else j
                continue
            if len(data) - i < FRAME:
                break
            frame = data[i : i + FRAME]
            i += FRAME
            out += self._frame(frame)
        self.buf = data[i:] if len(data) - i < FRAME and data[i:i + 1] in (b"\x55", b"") else b""
        if not out and not self.buf and len(payload) < FRAME:
            raise DecodeError(f"witmotion: {len(payload)} bytes hold no frame")
        return out

    def _frame(self, f: bytes) -> list[DecodedBatch]:
        if f[1] == DATA:
            v = (np.frombuffer(f, "<i2", 9, 2) * _SCALE).reshape(3, 3)
            return [DecodedBatch(self.clock.stamps(1), acc_g=v[0:1], gyr_dps=v[1:2], extra={"euler_deg": v[2:3]})]
        reg = f[2] | (f[3] << 8)
        regs = np.frombuffer(f, "<i2", 8, 4).astype(np.float64)
        t = np.array([max(0, round((self.clock.count - 1) * NS / self.config.rate_hz))], dtype=np.int64)
        if reg == REG_MAG_TYPE:
            self.mag_type = int(regs[0])
            return []
        if reg == REG_QUAT:
            return [DecodedBatch(t, quat=regs[None, :4] / 32768.0)]
        if reg == REG_MAG:
            scale = MAG_UT_PER_LSB.get(self.mag_type) if self.mag_type is not None else None
            if scale is None:
                self._count_error("magnetometer scale unknown (register 0x72 not read or unknown type)")
                return []
            return [DecodedBatch(t, mag_ut=regs[None, :3] * scale)]
        return []  # other registers: not samples


SIM_MAG_TYPE = 7  # the simulator's magnetometer type (register 0x72): 0.02 µT per LSB


class WitFirmware(SimFirmwareBase):
    """Streams ``55 61`` frames while notifications are on (assumed on until ``set_notify(…,
    False)``), at the stored return rate (10 Hz out of the box); at 200 Hz two frames share a
    notification (40 bytes), so hosts must read the byte stream. Register writes need the unlock
    command first (as on the device); an unknown rate code is ignored (the device has no error
    reply), recorded in ``errors``. Register reads answer ``55 71``: 0x51 the quaternion of the
    simulated filter, 0x3A the recording's magnetometer (zero without one), 0x72 the magnetometer
    type (7 here; a real sensor reports its own)."""

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
        self.last_mag = np.zeros(3)
        self._start_stream("imu", self.rate, 2 if self.rate >= 200 else 1, self._encode)

    def handle_write(self, char_uuid: str, data: bytes) -> list[tuple[str, bytes]]:
        data = bytes(data)
        if norm_uuid(char_uuid) != WRITE or len(data) != 5 or data[:2] != b"\xff\xaa":
            self.errors.append(f"bad write {data.hex()}")
            return []
        reg, val = data[2], data[3] | (data[4] << 8)
        if data == UNLOCK:
            self.unlocked = True
            return []
        if reg == 0x27:  # read register: reply 55 71 reg 00 + 8 registers (int16)
            return [(NOTIFY, register_reply(val & 0xFF, self._registers(val & 0xFF)))]
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

    def _registers(self, reg: int) -> list[int]:
        if reg == REG_MAG_TYPE:
            return [SIM_MAG_TYPE]
        if reg == REG_QUAT:
            q = self.q if self.q is not None else np.array([1.0, 0, 0, 0])
            return [int(v) for v in quantise(q, 32768, 16)]
        if reg == REG_MAG:
            return [int(v) for v in quantise(self.last_mag, 1 / MAG_UT_PER_LSB[SIM_MAG_TYPE], 16)]
        return []

    def _encode(self, k0, t, acc, gyr, mag):  # noqa: ANN001, ANN202
        frames = b""
        for i in range(len(t)):
            g = np.zeros(3) if gyr is None else gyr[i]
            self.q = fuse_step(self.q, acc[i], g, 1.0 / self.rate)
            if mag is not None:
                self.last_mag = mag[i]
            w, x, y, z = self.q
            roll = np.degrees(np.arctan2(2 * (w * x + y * z), 1 - 2 * (x * x + y * y)))
            pitch = np.degrees(np.arcsin(np.clip(2 * (w * y - z * x), -1, 1)))
            yaw = np.degrees(np.arctan2(2 * (w * z + x * y), 1 - 2 * (y * y + z * z)))
            frames += encode_frame(acc[i], g, np.array([roll, pitch, yaw]))
        return [(int(t[-1]), NOTIFY, frames)]


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
