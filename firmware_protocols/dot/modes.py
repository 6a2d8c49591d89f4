"""Movella DOT real-time payload modes (XD0506P rev C, Tables 13-17): which characteristic
carries a mode and the fields in its payload, in order. numpy only."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..base import DecodeError


def dot(short: int) -> str:
    return f"1517{short:04x}-4947-11e9-8646-d663bd873d93"


LONG, MEDIUM, SHORT = dot(0x2002), dot(0x2003), dot(0x2004)
CHAR_LENGTH = {LONG: 63, MEDIUM: 40, SHORT: 20}
G = 9.80665
MAG_LSB = 2**12  # magnetic field: int16 fixed point, a.u. (xsens_dot_server getCalibratedMag)

# field name → (bytes, numpy dtype, count)
FIELDS = {
    "ts": (4, "<u4", 1),
    "quat": (16, "<f4", 4),  # w, x, y, z
    "euler": (12, "<f4", 3),  # x, y, z in degrees
    "free_acc": (12, "<f4", 3),  # earth frame, gravity removed, m/s²
    "acc": (12, "<f4", 3),  # sensor frame, calibrated, m/s²
    "gyr": (12, "<f4", 3),  # deg/s
    "dq": (16, "<f4", 4),  # orientation change over the sample interval
    "dv": (12, "<f4", 3),  # velocity change over the sample interval, m/s
    "mag": (6, "<i2", 3),  # a.u. × 2^12
    "status": (2, "<u2", 1),
    "clip_acc": (1, "u1", 1),
    "clip_gyr": (1, "u1", 1),
}


@dataclass(frozen=True)
class Mode:
    number: int
    name: str
    char: str
    fields: tuple[str, ...]

    @property
    def size(self) -> int:
        return sum(FIELDS[f][0] for f in self.fields)

    @property
    def dtype(self) -> np.dtype:
        return np.dtype([(f, FIELDS[f][1], (FIELDS[f][2],)) for f in self.fields])


_EXT = ("status", "clip_acc", "clip_gyr")
MODES = {m.number: m for m in (
    Mode(2, "extended_quaternion", MEDIUM, ("ts", "quat", "free_acc") + _EXT),
    Mode(3, "complete_quaternion", MEDIUM, ("ts", "quat", "free_acc")),
    Mode(4, "orientation_euler", SHORT, ("ts", "euler")),
    Mode(5, "orientation_quaternion", SHORT, ("ts", "quat")),
    Mode(6, "free_acceleration", SHORT, ("ts", "free_acc")),
    Mode(7, "extended_euler", MEDIUM, ("ts", "euler", "free_acc") + _EXT),
    Mode(16, "complete_euler", MEDIUM, ("ts", "euler", "free_acc")),
    Mode(18, "delta_quantities_mag", MEDIUM, ("ts", "dq", "dv", "mag")),
    Mode(19, "delta_quantities", MEDIUM, ("ts", "dq", "dv")),
    Mode(20, "rate_quantities_mag", MEDIUM, ("ts", "acc", "gyr", "mag")),
    Mode(21, "rate_quantities", MEDIUM, ("ts", "acc", "gyr")),
    Mode(22, "custom1", MEDIUM, ("ts", "euler", "free_acc", "gyr")),
    Mode(23, "custom2", MEDIUM, ("ts", "euler", "free_acc", "mag")),
    Mode(24, "custom3", MEDIUM, ("ts", "quat", "gyr")),
    Mode(26, "custom5", LONG, ("ts", "quat", "acc", "gyr")),
)}
BY_NAME = {m.name: m for m in MODES.values()}
# High Fidelity (1, 17) and custom mode 4 (25) carry data only Movella's SDK can parse.
SDK_ONLY = {1: "high fidelity (with mag)", 17: "high fidelity", 25: "custom mode 4"}


def mode_by_key(key: str | int) -> Mode:
    """A payload mode by name ("free_acceleration") or number (6, "6", "mode6")."""
    k = str(key).strip().lower().removeprefix("mode").removeprefix(":")
    if k.isdigit() and int(k) in SDK_ONLY:
        raise ValueError(f"dot: payload mode {k} ({SDK_ONLY[int(k)]}) can only be parsed by Movella's SDK")
    m = MODES.get(int(k)) if k.isdigit() else BY_NAME.get(k)
    if m is None:
        raise ValueError(f"dot: unknown payload mode {key!r}; known: {', '.join(BY_NAME)}")
    return m


def parse(mode: Mode, payload: bytes) -> dict[str, np.ndarray]:
    """Fields of one notification (the used bytes, or the whole zero-padded characteristic)."""
    if len(payload) not in (mode.size, CHAR_LENGTH[mode.char]):
        raise DecodeError(f"dot mode {mode.number}: {len(payload)} bytes, expected {mode.size} or "
                          f"{CHAR_LENGTH[mode.char]}")
    if len(payload) > mode.size and any(payload[mode.size:]):
        raise DecodeError(f"dot mode {mode.number}: padding after {mode.size} bytes is not zero")
    rec = np.frombuffer(payload, mode.dtype, 1)[0]
    out = {f: np.asarray(rec[f]) for f in mode.fields}
    for f in mode.fields:
        if FIELDS[f][1] == "<f4" and not np.isfinite(out[f]).all():  # float32: no cast warnings
            raise DecodeError(f"dot mode {mode.number}: non-finite {f}")
    return out


def encode(mode: Mode, values: dict[str, np.ndarray], pad: bool = True) -> bytes:
    """One notification of ``mode`` from field values in wire units (inverse of :func:`parse`)."""
    rec = np.zeros(1, mode.dtype)
    for f in mode.fields:
        rec[f][0] = values[f]
    body = rec.tobytes()
    return body + bytes(CHAR_LENGTH[mode.char] - len(body)) if pad else body
