"""OefenSense open BLE profile v1 — wire format, both directions. Normative text: SPEC.md."""

from __future__ import annotations

import struct

import numpy as np

from ..base import DecodeError


def oe(short: int) -> str:
    return f"4f45{short:04x}-5345-4e53-a000-0e5e45e5e001"


SERVICE, DATA, CONTROL, EVENT, INFO = oe(1), oe(2), oe(3), oe(4), oe(5)

VERSION = 1
KIND_IMU6, KIND_ACC = 1, 2
HEADER = struct.Struct("<BBHIHBB")  # ver|kind, n, seq, t_first_us, rate_hz, ranges, flags
FLAG_DEVICE_OVERFLOW, FLAG_CLIPPED = 0x01, 0x02

ACC_RANGES = (2.0, 4.0, 8.0, 16.0)  # code 0..3
GYR_RANGES = (125.0, 250.0, 500.0, 1000.0, 2000.0)  # code 0..4
RATES = (25.0, 50.0, 100.0, 200.0)

# commands (CONTROL) and their answers on EVENT: [0x80 | cmd][status][...]
CONFIGURE, START, STOP, VIBRATE, GET_STATUS = 0x01, 0x02, 0x03, 0x04, 0x06
COMMAND_NAMES = {CONFIGURE: "configure", START: "start", STOP: "stop", VIBRATE: "vibrate", GET_STATUS: "get_status"}
STATUS = {
    0: "OK",
    1: "UNKNOWN_COMMAND",
    2: "BAD_LENGTH",
    3: "UNSUPPORTED_RATE",
    4: "UNSUPPORTED_RANGE",
    5: "BUSY",
    6: "NOT_SUPPORTED",
}


def cmd_configure(rate_hz: int, acc_code: int, gyr_code: int, batch: int = 0) -> bytes:
    """``01 rate(u16) acc_code gyr_code batch`` (batch 0 = the device picks from the MTU)."""
    return struct.pack("<BHBBB", CONFIGURE, rate_hz, acc_code, gyr_code, batch)


def cmd_vibrate(intensity: int, duration_ms: int) -> bytes:
    """``04 intensity(0..255) duration_ms(u16)``."""
    return struct.pack("<BBH", VIBRATE, intensity, duration_ms)


def describe_command(data: bytes) -> str:
    """A well-formed command's parameters in words (the simulated device's log)."""
    if data[0] == CONFIGURE:
        _, rate, a, g, batch = struct.unpack("<BHBBB", data)
        return f"{rate} Hz, acc code {a}, gyro code {g}, batch {batch}"
    if data[0] == VIBRATE:
        _, intensity, ms = struct.unpack("<BBH", data)
        return f"intensity {intensity}/255, {ms} ms"
    return ""


def answer(cmd: int, status: int, extra: bytes = b"") -> bytes:
    return bytes([0x80 | cmd, status]) + extra


def info_bytes(fw_major: int, fw_minor: int, gyro: bool, vibration: bool, max_rate: int) -> bytes:
    """INFO (read, 8 B): profile version, firmware major, minor, capabilities (b0 gyro,
    b1 vibration motor, b2 magnetometer), u16 max rate Hz, 2 reserved."""
    caps = (1 if gyro else 0) | (2 if vibration else 0)
    return struct.pack("<BBBBHxx", VERSION, fw_major, fw_minor, caps, max_rate)


def encode_packet(seq: int, t_first_us: int, rate_hz: int, acc_code: int, gyr_code: int,
                  acc_g: np.ndarray, gyr_dps: np.ndarray | None, flags: int = 0) -> bytes:
    """Header + n samples of int16 ax ay az [gx gy gz] scaled by range/32768."""
    acc = np.asarray(acc_g, dtype=np.float64)
    n = acc.shape[0]
    a = np.rint(acc * (32768.0 / ACC_RANGES[acc_code]))
    cols = [a]
    if gyr_dps is not None:
        cols.append(np.rint(np.asarray(gyr_dps) * (32768.0 / GYR_RANGES[gyr_code])))
    v = np.hstack(cols)
    if np.any(np.abs(v) > 32767):
        flags |= FLAG_CLIPPED
    v = np.clip(v, -32768, 32767).astype("<i2")
    kind = KIND_IMU6 if gyr_dps is not None else KIND_ACC
    head = HEADER.pack((VERSION << 4) | kind, n, seq & 0xFFFF, t_first_us & 0xFFFFFFFF, rate_hz,
                       acc_code | (gyr_code << 4), flags)
    return head + v.tobytes()


def decode_packet(p: bytes):  # noqa: ANN201
    """(seq, t_first_us, rate_hz, (acc range g, gyro range dps), flags, acc_g (n,3), gyr_dps (n,3)
    or None); DecodeError
    when the length does not match the header (split or glued notifications)."""
    if len(p) < HEADER.size:
        raise DecodeError(f"oefensense: {len(p)} bytes, shorter than the 12-byte header")
    vk, n, seq, t_us, rate, ranges, flags = HEADER.unpack_from(p)
    if vk >> 4 != VERSION:
        raise DecodeError(f"oefensense: profile version {vk >> 4} not supported")
    kind = vk & 0x0F
    if kind not in (KIND_IMU6, KIND_ACC):
        raise DecodeError(f"oefensense: unknown packet kind {kind}")
    ch = 6 if kind == KIND_IMU6 else 3
    if n == 0 or len(p) != HEADER.size + 2 * ch * n:
        raise DecodeError(f"oefensense: {len(p)} bytes for {n} samples of kind {kind}")
    acc_code, gyr_code = ranges & 0x0F, ranges >> 4
    if acc_code >= len(ACC_RANGES) or gyr_code >= len(GYR_RANGES) or rate == 0:
        raise DecodeError("oefensense: bad range code or rate 0")
    v = np.frombuffer(p, "<i2", offset=HEADER.size).astype(np.float64).reshape(n, ch)
    acc = v[:, :3] * (ACC_RANGES[acc_code] / 32768.0)
    gyr = v[:, 3:] * (GYR_RANGES[gyr_code] / 32768.0) if ch == 6 else None
    return seq, t_us, rate, (ACC_RANGES[acc_code], GYR_RANGES[gyr_code]), flags, acc, gyr
