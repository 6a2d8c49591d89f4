"""Movesense GATT SensorData protocol ("GSP", samples/gatt_sensordata_app): UUIDs, commands,
DATA notifications for /Meas/IMU6, /Meas/IMU9, /Meas/Acc. See SPEC.md."""

from __future__ import annotations

import struct

import numpy as np

from ..base import DecodeError

SERVICE = "34802252-7185-4d5d-b431-630e7050e8f0"
COMMAND = "34800001-7185-4d5d-b431-630e7050e8f0"  # write
DATA = "34800002-7185-4d5d-b431-630e7050e8f0"  # notify

HELLO, SUBSCRIBE, UNSUBSCRIBE = 0, 1, 2
COMMAND_RESULT, DATA_MSG = 1, 2
RATES = (13.0, 26.0, 52.0, 104.0, 208.0, 416.0, 833.0)
G = 9.80665
# Largest full scales of the sensors (LSM6DSL acc ±16 g, gyro ±2000 °/s; LIS2MDL ±49.152 G).
# Ranges cannot be set through GSP, so these bound what a sensor can report at any setting.
ACC_FULL_SCALE_G, GYRO_FULL_SCALE_DPS, MAG_FULL_SCALE_UT = 16.0, 2000.0, 4915.2

# floats per sample for each resource kind
CHANNELS = {"IMU6": 6, "IMU9": 9, "Acc": 3}


def cmd_hello(ref: int) -> bytes:
    return bytes([HELLO, ref])


def cmd_subscribe(ref: int, path: str) -> bytes:
    """``01 ref /Meas/IMU6/52`` (ASCII path, leading slash as in the samples)."""
    if not 0 < ref < 256:
        raise ValueError("client reference must be 1..255")
    return bytes([SUBSCRIBE, ref]) + path.encode("ascii")


def cmd_unsubscribe(ref: int) -> bytes:
    return bytes([UNSUBSCRIBE, ref])


def result(ref: int, status: int) -> bytes:
    """COMMAND_RESULT ``01 ref status`` (status u16 big-endian, e.g. 507 = ``01 FB``)."""
    return bytes([COMMAND_RESULT, ref]) + status.to_bytes(2, "big")


def encode_data(ref: int, t_ms: int, acc_ms2: np.ndarray, gyr_dps: np.ndarray | None,
                mag_ut: np.ndarray | None) -> bytes:
    """``02 ref u32 ts_ms`` + N acc f32[3] (+ N gyro f32[3]) (+ N magn f32[3])."""
    parts = [np.asarray(acc_ms2, "<f4")]
    if gyr_dps is not None:
        parts.append(np.asarray(gyr_dps, "<f4"))
    if mag_ut is not None:
        parts.append(np.asarray(mag_ut, "<f4"))
    return bytes([DATA_MSG, ref]) + struct.pack("<I", t_ms & 0xFFFFFFFF) + b"".join(p.tobytes() for p in parts)


def decode_data(payload: bytes, kind: str) -> tuple[int, int, list[np.ndarray]]:
    """(ref, ts_ms, [acc m/s², gyro dps, magn µT]) arrays (N,3) for a DATA message."""
    body = len(payload) - 6
    per = 4 * CHANNELS[kind]
    if body <= 0 or body % per:
        raise DecodeError(f"movesense {kind}: {len(payload)} bytes is not 6 + N×{per}")
    n = body // per
    ref, ts = payload[1], struct.unpack_from("<I", payload, 2)[0]
    raw = np.frombuffer(payload, "<f4", offset=6)
    if not np.isfinite(raw).all():  # checked on float32: no NaN-cast warnings
        raise DecodeError(f"movesense {kind}: non-finite value")
    v = raw.astype(np.float64)
    blocks = [v[i * 3 * n : (i + 1) * 3 * n].reshape(n, 3) for i in range(CHANNELS[kind] // 3)]
    return ref, ts, blocks
