"""Polar Measurement Data (PMD) wire format: UUIDs, control-point commands, settings TLVs,
responses, and data frames (raw and delta-compressed), both directions. See SPEC.md."""

from __future__ import annotations

import struct
from dataclasses import dataclass

import numpy as np

from ..base import DecodeError

PMD_SERVICE = "fb005c80-02e7-f387-1cad-8acd2d8df0c8"
PMD_CP = "fb005c81-02e7-f387-1cad-8acd2d8df0c8"
PMD_DATA = "fb005c82-02e7-f387-1cad-8acd2d8df0c8"
HEART_RATE_SERVICE = "0000180d-0000-1000-8000-00805f9b34fb"

# control point opcodes (PmdControlPointCommand.kt)
GET_SETTINGS, START, STOP, GET_SDK_SETTINGS, GET_STATUS = 1, 2, 3, 4, 5
# measurement types (PmdMeasurementType.kt)
ECG, PPG, ACC, PPI, GYRO, MAG, SDK_MODE = 0, 1, 2, 3, 5, 6, 9
# setting types and value sizes (PmdSetting.kt)
SAMPLE_RATE, RESOLUTION, RANGE, RANGE_MILLIUNIT, CHANNELS, FACTOR, SECURITY = 0, 1, 2, 3, 4, 5, 6
SETTING_SIZE = {0: 2, 1: 2, 2: 2, 3: 4, 4: 1, 5: 4, 6: 16}

STATUS = {
    0: "SUCCESS",
    1: "INVALID_OP_CODE",
    2: "INVALID_MEASUREMENT_TYPE",
    3: "NOT_SUPPORTED",
    4: "INVALID_LENGTH",
    5: "INVALID_PARAMETER",
    6: "ALREADY_IN_STATE",
    7: "INVALID_RESOLUTION",
    8: "INVALID_SAMPLE_RATE",
    9: "INVALID_RANGE",
    10: "INVALID_MTU",
    11: "INVALID_NUMBER_OF_CHANNELS",
    12: "INVALID_STATE",
    13: "DEVICE_IN_CHARGER",
    14: "DISK_FULL",
}


# ------------------------------------------------------------------------------ settings TLVs


def encode_settings(settings: dict[int, list[float] | float]) -> bytes:
    """TLV bytes ``type count value...`` (LE) for {setting_type: value or list of values}."""
    out = bytearray()
    for st, vals in settings.items():
        vals = vals if isinstance(vals, (list, tuple)) else [vals]
        out += bytes([st, len(vals)])
        for v in vals:
            if st == FACTOR:
                out += struct.pack("<f", float(v))
            elif st == SECURITY:
                out += bytes(v)  # type: ignore[arg-type]
            else:
                out += int(v).to_bytes(SETTING_SIZE[st], "little")
    return bytes(out)


def parse_settings(data: bytes) -> dict[int, list[float]]:
    """{setting_type: [values]} from TLV bytes; DecodeError on unknown types or truncation."""
    out: dict[int, list[float]] = {}
    i = 0
    while i < len(data):
        if i + 2 > len(data):
            raise DecodeError("settings: truncated TLV header")
        st, count = data[i], data[i + 1]
        i += 2
        size = SETTING_SIZE.get(st)
        if size is None:
            raise DecodeError(f"settings: unknown setting type {st}")
        if i + size * count > len(data):
            raise DecodeError("settings: truncated TLV value")
        vals: list[float] = []
        for _ in range(count):
            chunk = data[i : i + size]
            if st == FACTOR:
                vals.append(struct.unpack("<f", chunk)[0])
            elif st == SECURITY:
                vals.append(float(int.from_bytes(chunk, "little")))
            else:
                vals.append(float(int.from_bytes(chunk, "little")))
            i += size
        out[st] = vals
    return out


# ------------------------------------------------------------------------------ commands


def cmd_get_settings(mtype: int) -> bytes:
    return bytes([GET_SETTINGS, mtype])


def cmd_start(mtype: int, rate_hz: int, resolution: int, range_: int, channels: int = 3) -> bytes:
    """Start request, e.g. ACC 52 Hz 16-bit ±8 g 3 ch → ``02 02 00 01 34 00 01 01 10 00 02 01
    08 00 04 01 03`` (polar-ble-sdk issue #443)."""
    tlv = encode_settings(
        {SAMPLE_RATE: rate_hz, RESOLUTION: resolution, RANGE: range_, CHANNELS: channels}
    )
    return bytes([START, mtype]) + tlv


def cmd_start_sdk_mode() -> bytes:
    return bytes([START, SDK_MODE])


def cmd_stop(mtype: int) -> bytes:
    return bytes([STOP, mtype])


@dataclass(frozen=True)
class CpResponse:
    opcode: int
    mtype: int
    status: int
    more: bool
    params: bytes

    @property
    def ok(self) -> bool:
        return self.status == 0


def parse_cp_response(data: bytes) -> CpResponse:
    """``F0 opcode type status more params...`` → CpResponse; DecodeError if not one."""
    if len(data) < 4 or data[0] != 0xF0:
        raise DecodeError("pmd cp: not a response (F0 ...)")
    more = bool(data[4]) if len(data) > 4 else False
    return CpResponse(data[1], data[2] & 0x3F, data[3], more, bytes(data[5:]))


def cp_response(opcode: int, mtype: int, status: int, params: bytes = b"") -> bytes:
    return bytes([0xF0, opcode, mtype, status, 0]) + params


# ------------------------------------------------------------------------------ data frames

HEADER = 10  # type(1) + u64 timestamp + frame type(1)


def frame_header(mtype: int, ts_ns: int, frame_type: int) -> bytes:
    return bytes([mtype]) + int(ts_ns).to_bytes(8, "little") + bytes([frame_type])


def parse_header(data: bytes) -> tuple[int, int, int, bool]:
    """(measurement type, timestamp ns of the last sample, frame type without bit 7, compressed)."""
    if len(data) < HEADER:
        raise DecodeError(f"pmd frame: {len(data)} bytes is shorter than the 10-byte header")
    ts = int.from_bytes(data[1:9], "little")
    return data[0] & 0x3F, ts, data[9] & 0x7F, bool(data[9] & 0x80)


def _sign_extend(v: np.ndarray, bits: int) -> np.ndarray:
    v = v & ((1 << bits) - 1)
    return v - ((v >> (bits - 1)) & 1) * (1 << bits)


def decode_raw(data: bytes, channels: int, nbytes: int) -> np.ndarray:
    """Raw samples: ``channels`` × signed ``nbytes``-byte LE ints each → (n, channels) int64."""
    step = channels * nbytes
    if len(data) % step:
        raise DecodeError(f"pmd raw frame: {len(data)} bytes is not a multiple of {step}")
    if nbytes in (1, 2, 4):
        dt = {1: "<i1", 2: "<i2", 4: "<i4"}[nbytes]
        return np.frombuffer(data, dtype=dt).astype(np.int64).reshape(-1, channels)
    b = np.frombuffer(data, dtype=np.uint8).reshape(-1, nbytes).astype(np.int64)
    v = (b << (8 * np.arange(nbytes))).sum(axis=1)
    return _sign_extend(v, 8 * nbytes).reshape(-1, channels)


def encode_raw(samples: np.ndarray, nbytes: int) -> bytes:
    s = np.asarray(samples, dtype=np.int64).ravel()
    if nbytes == 2:
        return s.astype("<i2").tobytes()
    if nbytes == 1:
        return s.astype("<i1").tobytes()
    u = (s & ((1 << (8 * nbytes)) - 1))[:, None] >> (8 * np.arange(nbytes))
    return (u & 0xFF).astype(np.uint8).tobytes()


def decode_delta(data: bytes, channels: int, resolution: int) -> np.ndarray:
    """Delta frames (``BlePMDClient.parseDeltaFramesAll``) → (n, channels) int64.

    A reference sample (``ceil(resolution/8)`` bytes per channel, sign-extended from bit
    ``resolution-1``), then blocks ``deltaBits count`` + LSB-first packed signed deltas.
    """
    rb = (resolution + 7) // 8
    if len(data) < rb * channels:
        raise DecodeError("pmd delta frame: shorter than the reference sample")
    ref = decode_raw(data[: rb * channels], channels, rb)[0]
    if resolution < 8 * rb:
        ref = _sign_extend(ref, resolution)
    pos = rb * channels
    n = len(data)
    # Parse block headers in Python (few per frame), then gather every delta in one pass.
    starts: list[int] = []
    widths: list[int] = []
    nvals: list[int] = []
    while pos < n:
        if pos + 2 > n:
            raise DecodeError("pmd delta frame: truncated block header")
        bits, count = data[pos], data[pos + 1]
        pos += 2
        if bits == 0 and count == 0:
            continue  # `00 00` padding after the last block: an empty block, as the SDK reads it
        if bits == 0 or bits > 32:
            raise DecodeError(f"pmd delta frame: delta width {bits} bits")
        if count == 0:
            raise DecodeError("pmd delta frame: empty block")
        nb = (bits * count * channels + 7) // 8
        if pos + nb > n:
            raise DecodeError("pmd delta frame: truncated delta block")
        starts.append(8 * pos)
        widths.append(bits)
        nvals.append(count * channels)
        pos += nb
    if not widths:
        return ref[None, :].copy()
    allbits = np.unpackbits(np.frombuffer(data, np.uint8), bitorder="little")
    nv = np.asarray(nvals)
    w_v = np.repeat(np.asarray(widths, dtype=np.int64), nv)
    first = np.repeat(np.cumsum(nv) - nv, nv)
    s_v = np.repeat(np.asarray(starts, dtype=np.int64), nv) + (np.arange(w_v.size) - first) * w_v
    wmax = max(widths)
    k = np.arange(wmax, dtype=np.int64)
    mask = k[None, :] < w_v[:, None]
    pos_bits = np.where(mask, s_v[:, None] + k[None, :], 0)
    v = (allbits[pos_bits].astype(np.int64) * mask) @ (np.int64(1) << k)
    v -= ((v >> (w_v - 1)) & 1) << w_v
    deltas = v.reshape(-1, channels)
    return np.vstack([ref[None, :], ref[None, :] + np.cumsum(deltas, axis=0)])


def _width(d: np.ndarray) -> int:
    """Smallest signed bit width holding every value of ``d`` (at least 1)."""
    hi = int(d.max(initial=0))
    lo = int(d.min(initial=0))
    return max(1, hi.bit_length() + 1 if hi > 0 else 1, (~lo).bit_length() + 1 if lo < 0 else 1)


def block_plan(n_deltas: int, blocks: tuple[int, ...] = (10,)) -> list[int]:
    """Samples per delta block for ``n_deltas`` deltas: the sizes in ``blocks`` in order, the
    last one repeated (at most 255, the count byte). ``(10,)`` = blocks of 10; ``(10, 255)`` =
    10 then the rest in one block, as a real Verity Sense frame (polar-ble-sdk issue #443)."""
    out: list[int] = []
    i = 0
    while sum(out) < n_deltas:
        size = min(blocks[min(i, len(blocks) - 1)], 255, n_deltas - sum(out))
        out.append(size)
        i += 1
    return out


def delta_block_sizes(samples: np.ndarray, blocks: tuple[int, ...] = (10,)) -> list[int]:
    """Encoded size in bytes of each delta block after the reference sample."""
    d = np.diff(np.asarray(samples, dtype=np.int64), axis=0)
    sizes = []
    i = 0
    for k in block_plan(d.shape[0], blocks):
        blk = d[i : i + k]
        sizes.append(2 + (_width(blk) * blk.size + 7) // 8)
        i += k
    return sizes


def encode_delta(samples: np.ndarray, resolution: int, blocks: tuple[int, ...] = (10,)) -> bytes:
    """Inverse of :func:`decode_delta`: reference sample + delta blocks sized by
    :func:`block_plan`, each with the narrowest delta width that holds its deltas."""
    s = np.asarray(samples, dtype=np.int64)
    rb = (resolution + 7) // 8
    out = bytearray(encode_raw(s[0], rb))
    d = np.diff(s, axis=0)
    i = 0
    for k in block_plan(d.shape[0], blocks):
        blk = d[i : i + k]
        i += k
        w = _width(blk)
        u = (blk.ravel() & ((1 << w) - 1))[:, None] >> np.arange(w)
        bits = (u & 1).astype(np.uint8).ravel()
        out += bytes([w, blk.shape[0]]) + np.packbits(bits, bitorder="little").tobytes()
    return bytes(out)
